import * as posix from 'node:path/posix';
import { type ConfigNode, configDocumentFor } from '../parse/configDocument';
import { stringValue } from '../parse/python';
import { type Node, withTree } from '../parse/treeSitter';
import { builtPythonMcpServer } from './builtMcpServers';
import { lookupPackage, lookupRepository, normalizePackageName } from './catalog';
import { ownPackageComponent, sdkComponent, type VersionEvidence } from './components';
import { lineOf, strictRoot } from './manifestText';
import type { PartialComponent, PartialInventory, RequirementInclude } from './types';
import { pythonWorkspacePackageParts } from './workspacePackages';

/**
 * Python manifests: requirements files (with `-r`/`-c` includes), `pyproject.toml` (PEP 621,
 * dependency groups, Poetry, uv, PDM), `Pipfile`, `setup.cfg`, literal lists in `setup.py`, conda
 * `environment.yml`; lockfiles `Pipfile.lock`, `poetry.lock` and `uv.lock` give the versions that win.
 */

export type PythonManifestKind =
  | 'requirements'
  | 'constraints'
  | 'pyproject'
  | 'pipfile'
  | 'pipfile-lock'
  | 'poetry-lock'
  | 'uv-lock'
  | 'setup-cfg'
  | 'setup-py'
  | 'conda';

export function pythonManifestKind(path: string, basename: string): PythonManifestKind | undefined {
  const lower = basename.toLowerCase();
  if (/^constraints.*\.txt$/.test(lower)) return 'constraints';
  if (/^(?:.*[-_.])?requirements(?:[-_.].*)?\.(?:txt|in)$/.test(lower)) return 'requirements';
  if (/(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/i.test(path)) return 'requirements';
  switch (lower) {
    case 'pyproject.toml':
      return 'pyproject';
    case 'pipfile':
      return 'pipfile';
    case 'pipfile.lock':
      return 'pipfile-lock';
    case 'poetry.lock':
      return 'poetry-lock';
    case 'uv.lock':
      return 'uv-lock';
    case 'setup.cfg':
      return 'setup-cfg';
    case 'setup.py':
      return 'setup-py';
    default:
      return /^(?:environment|conda)(?:[-_.][\w.-]+)?\.ya?ml$/.test(lower) ? 'conda' : undefined;
  }
}

export async function collectPythonManifest(path: string, text: string, kind: PythonManifestKind): Promise<PartialInventory> {
  switch (kind) {
    case 'requirements':
    case 'constraints':
      return requirementsFile(path, text, kind === 'constraints');
    case 'pyproject': {
      const includes = dynamicRequirementFiles(path, text);
      return includes.length > 0 ? { components: pyproject(path, text), includes } : { components: pyproject(path, text) };
    }
    case 'pipfile':
      return { components: pipfile(path, text) };
    case 'pipfile-lock':
      return { components: pipfileLock(path, text) };
    case 'poetry-lock':
    case 'uv-lock':
      return { components: tomlLock(path, text) };
    case 'setup-cfg':
      return { components: setupCfg(path, text) };
    case 'setup-py':
      return { components: await setupPy(path, text) };
    case 'conda':
      return { components: condaEnvironment(path, text) };
  }
}

// ---------------------------------------------------------------------------------------------
// PEP 508 requirement strings

export interface Requirement {
  name: string;
  specifier: string;
}

/** `name[extras] (>=1,<2) ; markers` or `name @ url`; undefined for options, paths and URLs. */
export function parseRequirement(raw: string): Requirement | undefined {
  const text = raw.trim();
  const egg = /#egg=([A-Za-z0-9][\w.-]*)/.exec(text);
  if (egg) return { name: egg[1], specifier: '' };
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$/.exec(text);
  if (!match) return undefined;
  const rest = match[2].split(';')[0].trim();
  if (rest.startsWith('@') || rest.startsWith('://')) return { name: match[1], specifier: '' };
  if (rest && !/^[(<>=!~]/.test(rest)) return undefined;
  return { name: match[1], specifier: rest.replace(/^\(|\)$/g, '').replace(/\s+/g, '') };
}

/** `==1.2.3` pins a version; anything else is a range. */
function pep440Evidence(specifier: string): VersionEvidence {
  const pin = /^===?([\w.!+-]+)$/.exec(specifier);
  if (pin && !pin[1].includes('*')) return { version: pin[1], versionSource: 'manifest' };
  return specifier ? { versionRange: specifier } : {};
}

function requirementComponent(path: string, line: number | undefined, requirement: Requirement, extra: VersionEvidence = {}) {
  const info = lookupPackage('pypi', requirement.name);
  if (!info) return undefined;
  return sdkComponent(
    info,
    { path, line, evidence: 'manifest', symbol: requirement.name },
    { ...pep440Evidence(requirement.specifier), ...extra },
  );
}

/** A package installed from its source repository (`git+https://github.com/owner/repo@ref`), known by the repository. */
function repositoryComponent(path: string, line: number, spec: string): PartialComponent | undefined {
  const info = lookupRepository('pypi', spec);
  return info && sdkComponent(info, { path, line, evidence: 'manifest', symbol: spec.trim() }, {});
}

// ---------------------------------------------------------------------------------------------
// requirements.txt

function requirementsFile(path: string, text: string, constraintsOnly: boolean): PartialInventory {
  const components: PartialComponent[] = [];
  const includes: RequirementInclude[] = [];
  for (const { line, content } of logicalLines(text)) {
    const include = /^(-r|--requirement|-c|--constraint)(?:\s+|=)(\S+)/.exec(content);
    if (include) {
      const mode = include[1] === '-c' || include[1] === '--constraint' ? 'constraints' : 'requirements';
      if (!/^[a-z]+:\/\//i.test(include[2])) includes.push({ path: posix.normalize(posix.join(posix.dirname(path), include[2])), mode });
      continue;
    }
    const editable = /^(?:-e|--editable)\s+(\S+)/.exec(content);
    if (content.startsWith('-') && !editable) continue;
    const spec = editable ? editable[1] : content.replace(/\s--hash[=\s]\S+/g, '');
    const requirement = parseRequirement(spec);
    const component = requirement
      ? requirementComponent(path, line, requirement, constraintsOnly ? { candidate: true } : {})
      : repositoryComponent(path, line, spec);
    if (component) components.push(component);
  }
  return includes.length > 0 ? { components, includes } : { components };
}

/** Lines with comments removed and `\` continuations joined, each with its first 1-based line number. */
function logicalLines(text: string): { line: number; content: string }[] {
  const result: { line: number; content: string }[] = [];
  let pending = '';
  let start = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (!pending) start = index + 1;
    const withoutComment = raw.replace(/(^|\s)#.*$/, '$1');
    if (withoutComment.endsWith('\\')) {
      pending += `${withoutComment.slice(0, -1)} `;
      return;
    }
    const content = (pending + withoutComment).trim();
    pending = '';
    if (content) result.push({ line: start, content });
  });
  return result;
}

// ---------------------------------------------------------------------------------------------
// TOML manifests

function pyproject(path: string, text: string): PartialComponent[] {
  const root = strictRoot(text, 'toml');
  if (!root) return [];
  const components: PartialComponent[] = [];
  /** Lists a requirements array's AI packages; returns every name it requires. */
  const pep508 = (list: ConfigNode | undefined, scope?: string): string[] => {
    const names: string[] = [];
    for (const item of list?.items() ?? []) {
      const requirement = item.string !== undefined ? parseRequirement(item.string) : undefined;
      if (requirement) names.push(requirement.name);
      const component = requirement && requirementComponent(path, lineOf(item), requirement);
      if (!component) continue;
      if (scope) component.properties.push({ name: 'ai-posture:dependency-scope', value: scope });
      components.push(component);
    }
    return names;
  };
  const project = root.get('project');
  const dependencyNames = pep508(project?.get('dependencies'));
  for (const [, list] of project?.get('optional-dependencies')?.entries() ?? []) pep508(list, 'optional');
  for (const [, list] of root.get('dependency-groups')?.entries() ?? []) pep508(list, 'development');
  const tool = root.get('tool');
  // Hatch metadata hooks fill `dynamic = ["dependencies"]` (`[tool.hatch.metadata.hooks.uv-dynamic-versioning]`).
  for (const [, hook] of tool?.get(['hatch', 'metadata', 'hooks'])?.entries() ?? []) {
    pep508(hook.get('dependencies'));
    for (const [, list] of hook.get('optional-dependencies')?.entries() ?? []) pep508(list, 'optional');
  }
  pep508(tool?.get(['uv', 'dev-dependencies']), 'development');
  for (const [, list] of tool?.get(['pdm', 'dev-dependencies'])?.entries() ?? []) pep508(list, 'development');
  const poetry = tool?.get('poetry');
  poetryTable(path, poetry?.get('dependencies'), components);
  poetryTable(path, poetry?.get('dev-dependencies'), components, 'development');
  for (const [, group] of poetry?.get('group')?.entries() ?? []) poetryTable(path, group.get('dependencies'), components, 'development');
  // `[tool.poetry.extras] multimodal = ["torch", "torchvision"]`: the packages an extra installs, by name.
  for (const [, list] of poetry?.get('extras')?.entries() ?? []) pep508(list, 'optional');
  components.push(...builtPythonMcpServer(path, root));
  components.push(...pythonWorkspacePackageParts(path, root, dependencyNames));
  components.push(...ownPackageComponent('pypi', project?.get('name') ?? poetry?.get('name'), path));
  return components;
}

/**
 * PEP 723 inline script metadata: a `# /// script` comment block holding TOML, whose
 * `dependencies` are the script's requirements (`uv run` and `pipx run` install them).
 */
export function collectInlineScriptMetadata(path: string, text: string): PartialComponent[] {
  const block = /^# \/\/\/ script[ \t]*\r?\n((?:^#(?:[ \t].*)?\r?\n)+?)^# \/\/\/[ \t]*$/m.exec(text);
  if (!block) return [];
  const firstLine = text.slice(0, block.index).split('\n').length + 1;
  // Strip the comment markers line by line, so TOML lines keep their numbers within the block.
  const toml = block[1]
    .split(/\r?\n/)
    .map((line) => line.replace(/^# ?/, ''))
    .join('\n');
  const root = strictRoot(toml, 'toml');
  const components: PartialComponent[] = [];
  for (const item of root?.get('dependencies')?.items() ?? []) {
    const requirement = item.string !== undefined ? parseRequirement(item.string) : undefined;
    const line = lineOf(item);
    const component = requirement && requirementComponent(path, line === undefined ? undefined : firstLine + line - 1, requirement);
    if (component) components.push(component);
  }
  return components;
}

/**
 * setuptools' dynamic metadata read from requirement files (`[tool.setuptools.dynamic]`
 * `dependencies = { file = ["requirements.txt"] }`, and the same per optional-dependencies group):
 * those files are read as requirements, whatever their names.
 */
function dynamicRequirementFiles(path: string, text: string): RequirementInclude[] {
  const dynamic = strictRoot(text, 'toml')?.get(['tool', 'setuptools', 'dynamic']);
  const tables = [dynamic?.get('dependencies'), ...(dynamic?.get('optional-dependencies')?.children ?? [])];
  const files = tables.flatMap((table) => {
    const file = table?.get('file');
    return file?.string !== undefined ? [file.string] : (file?.items() ?? []).flatMap((item) => (item.string ? [item.string] : []));
  });
  return files.map((file) => ({ path: posix.normalize(posix.join(posix.dirname(path), file)), mode: 'requirements' as const }));
}

/**
 * Poetry and Pipfile tables: `name = "^1.0"` or `name = { version = "…", extras = […] }`; a package
 * built from its repository (`clip = { git = "https://github.com/openai/CLIP.git" }`) is known by it.
 */
function poetryTable(path: string, deps: ConfigNode | undefined, components: PartialComponent[], scope?: string, bareIsExact = true): void {
  for (const [name, entry] of deps?.entries() ?? []) {
    const git = entry.get('git')?.string;
    const info = lookupPackage('pypi', name) ?? (git ? lookupRepository('pypi', git) : undefined);
    if (!info) continue;
    const spec = entry.string ?? entry.get('version')?.string ?? '';
    const component = sdkComponent(
      info,
      { path, line: lineOf(entry), evidence: 'manifest', symbol: name },
      poetryVersion(spec, bareIsExact),
    );
    if (scope) component.properties.push({ name: 'ai-posture:dependency-scope', value: scope });
    components.push(component);
  }
}

/** Poetry reads a bare `1.2.3` as `==1.2.3`; Pipfile specs are PEP 440. */
function poetryVersion(spec: string, bareIsExact: boolean): VersionEvidence {
  const trimmed = spec.trim();
  if (!trimmed || trimmed === '*') return {};
  if (bareIsExact && /^\d[\w.!+-]*$/.test(trimmed) && !trimmed.includes('*')) return { version: trimmed, versionSource: 'manifest' };
  return pep440Evidence(trimmed.replace(/\s+/g, ''));
}

function pipfile(path: string, text: string): PartialComponent[] {
  const root = strictRoot(text, 'toml');
  if (!root) return [];
  const components: PartialComponent[] = [];
  poetryTable(path, root.get('packages'), components, undefined, false);
  poetryTable(path, root.get('dev-packages'), components, 'development', false);
  return components;
}

/** `poetry.lock` and `uv.lock`: `[[package]]` tables with `name` and `version`. */
function tomlLock(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const entry of strictRoot(text, 'toml')?.get('package')?.items() ?? []) {
    const name = entry.get('name');
    const version = entry.get('version')?.string;
    const source = entry.get('source');
    // The project itself appears in uv.lock as an editable or virtual source.
    if (name?.string === undefined || !version || source?.get('editable') !== undefined || source?.get('virtual') !== undefined) continue;
    const info = lookupPackage('pypi', name.string);
    if (!info) continue;
    components.push(
      sdkComponent(info, { path, line: lineOf(name), evidence: 'lockfile', symbol: name.string }, { version, versionSource: 'lockfile' }),
    );
  }
  return components;
}

function pipfileLock(path: string, text: string): PartialComponent[] {
  const root = strictRoot(text, 'json');
  const components: PartialComponent[] = [];
  for (const section of ['default', 'develop']) {
    for (const [name, entry] of root?.get(section)?.entries() ?? []) {
      const info = lookupPackage('pypi', name);
      const version = entry.get('version')?.string?.replace(/^===?/, '');
      if (!info || !version) continue;
      components.push(
        sdkComponent(info, { path, line: lineOf(entry), evidence: 'lockfile', symbol: name }, { version, versionSource: 'lockfile' }),
      );
    }
  }
  return components;
}

// ---------------------------------------------------------------------------------------------
// setup.cfg and setup.py

/** `[options] install_requires` and `[options.extras_require]` values, one requirement per line. */
function setupCfg(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  let section = '';
  let collecting = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1].trim();
      collecting = false;
      return;
    }
    const keyValue = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(raw);
    let value: string | undefined;
    if (keyValue) {
      collecting =
        (section === 'options' && ['install_requires', 'tests_require', 'setup_requires'].includes(keyValue[1])) ||
        section === 'options.extras_require';
      value = keyValue[2];
    } else if (collecting && /^\s+\S/.test(raw)) {
      value = raw;
    }
    const content = value?.replace(/(^|\s)[#;].*$/, '').trim();
    if (!collecting || !content) return;
    for (const item of content.split(/\s*,\s*(?=[A-Za-z])/)) {
      const requirement = parseRequirement(item);
      const component = requirement && requirementComponent(path, index + 1, requirement);
      if (component) components.push(component);
    }
  });
  return components;
}

/**
 * Literal requirement lists in `setup(install_requires=[…], extras_require={…})`, also through
 * module-level names (`install_requires=REQUIRED`, `extras_require=EXTRAS` with `EXTRAS["dev"] = […]`),
 * concatenations (`BASE + ["torch"]`) and `dict(dev=[…])`. The file is parsed, never run.
 */
async function setupPy(path: string, text: string): Promise<PartialComponent[]> {
  if (!text.includes('setup(')) return [];
  return withTree('python', text, (tree) => {
    const root = tree.rootNode;
    const names = moduleBindings(root);
    const table = new RequirementTable(names);
    const components: PartialComponent[] = [];
    const addRequirements = (node: Node) => {
      for (const item of requirementNodes(node, names, table)) {
        const value = stringValue(item);
        const requirement = value !== undefined ? parseRequirement(value) : undefined;
        const component = requirement && requirementComponent(path, item.startPosition.row + 1, requirement);
        if (component) components.push(component);
      }
    };
    for (const call of root.descendantsOfType('call')) {
      const callee = call?.childForFieldName('function')?.text;
      if (!call || !(callee === 'setup' || callee?.endsWith('.setup'))) continue;
      for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
        if (argument?.type !== 'keyword_argument') continue;
        const name = argument.childForFieldName('name')?.text;
        const value = argument.childForFieldName('value');
        if (!value) continue;
        if (name === 'install_requires' || name === 'tests_require') addRequirements(value);
        if (name === 'extras_require') for (const list of mappingValues(value, names)) addRequirements(list);
      }
    }
    return components;
  });
}

/** What a module-level name is bound to: its assignments (`X = …`) and item assignments (`X["dev"] = …`), in order. */
type Bindings = Map<string, Node[]>;

function moduleBindings(root: Node): Bindings {
  const names: Bindings = new Map();
  for (const node of root.namedChildren) {
    const assignment = node?.type === 'expression_statement' ? node.namedChildren[0] : undefined;
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (assignment?.type !== 'assignment' || !left || !right) continue;
    const name = left.type === 'identifier' ? left.text : left.type === 'subscript' ? left.childForFieldName('value')?.text : undefined;
    if (name) names.set(name, [...(names.get(name) ?? []), right]);
  }
  return names;
}

/**
 * The requirements a setup script lists once in a module-level table and picks by name, as the
 * Hugging Face libraries do (transformers, diffusers, accelerate, alignment-handbook): `_deps =
 * ["accelerate>=1.9.0", …]`, then `deps["accelerate"]` and `deps_list("torch", "peft")` in
 * `install_requires` and the extras. A key names a requirement only when a listed string is one
 * for that package, so any other lookup (`os.environ["X"]`) gives nothing. Built on first use.
 */
class RequirementTable {
  private byName?: Map<string, Node>;

  constructor(private readonly names: Bindings) {}

  /** The listed requirement (its string node) for a package name, if the table has one. */
  lookup(key: Node | null | undefined): Node | undefined {
    const name = key?.type === 'string' ? stringValue(key) : undefined;
    return name === undefined ? undefined : this.entries().get(normalizePackageName('pypi', name));
  }

  private entries(): Map<string, Node> {
    if (this.byName) return this.byName;
    this.byName = new Map();
    for (const bound of [...this.names.values()].flat()) {
      if (bound.type !== 'list' && bound.type !== 'tuple') continue;
      for (const item of bound.namedChildren) {
        const value = item?.type === 'string' ? stringValue(item) : undefined;
        const requirement = value !== undefined ? parseRequirement(value) : undefined;
        if (item && requirement) this.byName.set(normalizePackageName('pypi', requirement.name), item);
      }
    }
    return this.byName;
  }
}

/** The string nodes a requirement list expression holds, through names and `+` (each name followed once). */
function requirementNodes(node: Node, names: Bindings, table: RequirementTable, seen = new Set<string>()): Node[] {
  const nested = (child: Node | null) => (child ? requirementNodes(child, names, table, seen) : []);
  switch (node.type) {
    case 'string':
      return [node];
    case 'list':
    case 'tuple':
    case 'set':
    case 'parenthesized_expression':
      return node.namedChildren.flatMap(nested);
    case 'binary_operator':
      return [node.childForFieldName('left'), node.childForFieldName('right')].flatMap(nested);
    case 'identifier':
      return followName(node.text, names, seen).flatMap(nested);
    case 'subscript': {
      // `deps["accelerate"]`: the table's entry for that package.
      const entry = table.lookup(node.childForFieldName('subscript'));
      return entry ? [entry] : [];
    }
    case 'call':
      // `deps_list("torch", "peft")`: each name the table lists.
      return (node.childForFieldName('arguments')?.namedChildren ?? []).flatMap((argument) => {
        const entry = table.lookup(argument);
        return entry ? [entry] : [];
      });
    default:
      return [];
  }
}

/** The value lists of an `extras_require` mapping: a dict literal, `dict(dev=[…])`, or a name bound to either. */
function mappingValues(node: Node, names: Bindings, seen = new Set<string>()): Node[] {
  if (node.type === 'dictionary') {
    return node.namedChildren.flatMap((pair) => {
      const value = pair?.type === 'pair' ? pair.childForFieldName('value') : undefined;
      return value ? [value] : [];
    });
  }
  if (node.type === 'call' && node.childForFieldName('function')?.text === 'dict') {
    return (node.childForFieldName('arguments')?.namedChildren ?? []).flatMap((argument) => {
      if (argument?.type === 'keyword_argument') {
        const value = argument.childForFieldName('value');
        return value ? [value] : [];
      }
      return argument ? mappingValues(argument, names, seen) : [];
    });
  }
  if (node.type === 'identifier') {
    // `EXTRAS = {}` then `EXTRAS["dev"] = […]`: the item assignments are values themselves.
    return followName(node.text, names, seen).flatMap((bound) =>
      bound.type === 'dictionary' || (bound.type === 'call' && bound.childForFieldName('function')?.text === 'dict')
        ? mappingValues(bound, names, seen)
        : [bound],
    );
  }
  return [];
}

function followName(name: string, names: Bindings, seen: Set<string>): Node[] {
  if (seen.has(name)) return [];
  seen.add(name);
  return names.get(name) ?? [];
}

// ---------------------------------------------------------------------------------------------
// conda environment.yml

/** Conda package names that differ from the PyPI distribution of the same project. */
const CONDA_ALIASES: Record<string, string> = {
  pytorch: 'torch',
  'pytorch-cpu': 'torch',
  'pytorch-gpu': 'torch',
  'py-xgboost': 'xgboost',
  'tensorflow-cpu': 'tensorflow',
  'tensorflow-gpu': 'tensorflow',
  huggingface_hub: 'huggingface-hub',
};

/** `dependencies:` entries `channel::name=1.2` (conda) and the nested `pip:` list (PEP 508). */
function condaEnvironment(path: string, text: string): PartialComponent[] {
  const root = configDocumentFor(text, 'yaml').root;
  const components: PartialComponent[] = [];
  for (const item of root?.get('dependencies')?.items() ?? []) {
    if (item.string !== undefined) {
      const conda = /^(?:[\w.-]+::)?([A-Za-z0-9][\w.-]*)\s*(?:(==?|>=|<=|>|<|!=)\s*([^\s]+))?/.exec(item.string);
      if (!conda) continue;
      const info = lookupPackage('pypi', CONDA_ALIASES[conda[1].toLowerCase()] ?? conda[1]);
      if (!info) continue;
      const evidence: VersionEvidence =
        conda[2] === '==' ? { version: conda[3], versionSource: 'manifest' } : conda[3] ? { versionRange: `${conda[2]}${conda[3]}` } : {};
      const component = sdkComponent(info, { path, line: lineOf(item), evidence: 'manifest', symbol: conda[1] }, evidence);
      component.properties.push({ name: 'ai-posture:installer', value: 'conda' });
      components.push(component);
    } else {
      for (const entry of item.get('pip')?.items() ?? []) {
        const requirement = entry.string !== undefined ? parseRequirement(entry.string) : undefined;
        const component = requirement && requirementComponent(path, lineOf(entry), requirement);
        if (component) components.push(component);
      }
    }
  }
  return components;
}
