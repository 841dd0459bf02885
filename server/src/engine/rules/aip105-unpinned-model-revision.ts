import {
  hasSplat,
  isTrue,
  keywordArg,
  type PyArgument,
  type PyCall,
  type PythonModule,
  positionalArgs,
  stringValue,
} from '../parse/python';
import type { Node } from '../parse/treeSitter';
import { appendKeywordEdit } from './pythonFixes';
import { argumentText, callArguments, mayCarryString } from './quickChecks';
import type { Rule, RuleContext } from './rule';

/** Packages whose loaders fetch from the Hugging Face Hub by repository id. */
/**
 * The calls `hubLoader` resolves, with where their id can be (a call of another name is never
 * reported). `from_pretrained` keeps both PEFT's second position and the first.
 */
const LOADER_IDS: Record<string, { positions: number[]; keywords: string[] }> = {
  from_pretrained: { positions: [0, 1], keywords: ['pretrained_model_name_or_path', 'model_id'] },
  hf_hub_download: { positions: [0], keywords: ['repo_id'] },
  snapshot_download: { positions: [0], keywords: ['repo_id'] },
  load_dataset: { positions: [0], keywords: ['path'] },
  pipeline: { positions: [1], keywords: ['model'] },
  SentenceTransformer: { positions: [0], keywords: ['model_name_or_path', 'model_name'] },
  CrossEncoder: { positions: [0], keywords: ['model_name_or_path', 'model_name'] },
  SparseEncoder: { positions: [0], keywords: ['model_name_or_path', 'model_name'] },
};
const HUB_PACKAGES = new Set(['transformers', 'datasets', 'huggingface_hub', 'diffusers', 'sentence_transformers', 'peft']);
const SHA = /^[0-9a-f]{7,64}$/i;
/** A Hub repository id: `name` or `namespace/name` (letters, digits, `-`, `_`, `.`). */
const HUB_ID = /^(?:[A-Za-z0-9][\w.-]*\/)?[A-Za-z0-9][\w.-]*$/;
/** Ids ending like a file are local files (`from_pretrained("config.json")`, `load_dataset("train.csv")`). */
const FILE_NAME =
  /\.(?:json|jsonl|ya?ml|csv|tsv|txt|parquet|arrow|bin|pt|pth|safetensors|gguf|onnx|pkl|pickle|ckpt|h5|keras|zip|tar|gz|model|npy|npz)$/i;
/** `load_dataset` builders that read local or remote files rather than a Hub repository. */
const PACKAGED_BUILDERS = new Set([
  'arrow',
  'audiofolder',
  'cache',
  'csv',
  'eval',
  'generator',
  'hdf5',
  'imagefolder',
  'json',
  'niftifolder',
  'pandas',
  'parquet',
  'pdffolder',
  'spark',
  'sql',
  'text',
  'videofolder',
  'webdataset',
  'xml',
]);
/**
 * Names that, unbound in a notebook cell (imported in an earlier cell) or brought in by a star
 * import, are taken to be the Hugging Face API of the same name.
 */
const HUB_CLASS =
  /^(?:Auto[A-Z]\w*|\w+For[A-Z]\w*|\w+(?:Tokenizer|TokenizerFast|Config|Processor|ImageProcessor|FeatureExtractor|Pipeline)|PeftModel\w*|SentenceTransformer|CrossEncoder|SparseEncoder)$/;
/** Calls that write a local model or dataset folder; an id written there is a local path. */
const SAVE_METHODS = new Set(['save_pretrained', 'save_model', 'save_to_disk', 'save']);
const SAVE_KEYWORDS = ['save_directory', 'output_dir', 'local_dir', 'dataset_path'];

type Noun = 'Model' | 'Dataset' | 'Repository';

/** Where a loader takes the repository id. */
interface HubLoader {
  noun: Noun;
  positional: number;
  keywords: string[];
  /** `load_dataset` also reads packaged builders (`csv`, `json`, …). */
  dataset?: boolean;
}

export const aip105: Rule = {
  meta: {
    id: 'AIP105',
    name: 'unpinned-model-revision',
    title: 'Hugging Face model or dataset loaded without a pinned revision',
    explanation:
      'A Hub id without `revision=` (or with a branch or tag such as `"main"`) loads whatever the repository holds at run time. The owner of the repository, anyone who compromises their account, or a new owner after a rename can replace the weights, tokenizer, custom code or dataset, and every later run picks up the change silently.',
    remediation:
      'Pass `revision="<commit-sha>"` with the full 40-character commit hash of the version you reviewed (the Hub shows it in the repository\'s history). Update the hash deliberately, like any other dependency. Local paths are not affected.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-494'],
    atlas: ['AML.T0010.003', 'AML.T0010.001'],
    defaultSeverity: 'information',
    securitySeverity: 3.7,
    confidence: 'high',
    fileKinds: ['python', 'notebook'],
    fixable: true,
    // Display-only: the fix inserts a `<commit-sha>` placeholder that only a person can fill in.
    fixApplicability: 'display-only',
    messages: {
      movingRevision: '{noun} "{id}" is loaded at {what}. Pin revision to a commit SHA.',
      noRevision:
        '{noun} "{id}" is loaded from the Hugging Face Hub without a pinned revision: whoever controls the repository can change what this code loads. Pin revision to a commit SHA.',
    },
    references: [
      { title: 'Hugging Face Hub: download files (revision)', url: 'https://huggingface.co/docs/huggingface_hub/guides/download' },
    ],
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'model = AutoModel.from_pretrained("org/model")',
      good: 'model = AutoModel.from_pretrained("org/model", revision="<40-hex commit sha>")',
    },
  },
  triggers: [
    'from_pretrained',
    'hf_hub_download',
    'snapshot_download',
    'load_dataset',
    // `pipeline(…)` resolves only through a transformers import (in a notebook, in any cell), and
    // `pipeline(` alone is everyday code (`make_pipeline(`, `run_pipeline(`).
    'transformers',
    'SentenceTransformer',
    'CrossEncoder',
    'SparseEncoder',
  ],
  // Only a loader call whose id argument is (or names) a string literal can be reported.
  mayMatch(source) {
    const code = source.codeView();
    return Object.entries(LOADER_IDS).some(([name, { positions, keywords }]) =>
      callArguments(code, name).some((args) => positions.some((at) => mayCarryString(argumentText(args, at, keywords), code))),
    );
  },
  check(context: RuleContext) {
    const module = context.python();
    // In a notebook every cell is analysed alone, so the imports often sit in an earlier cell.
    const loose = context.path.toLowerCase().endsWith('.ipynb') || hasHubStarImport(module);
    const bound = loose ? boundNames(module.root) : new Set<string>();
    let saved: Set<string> | undefined;
    for (const call of module.calls()) {
      const loader = hubLoader(call, loose, bound);
      if (!loader) continue;
      const idArg = idArgument(call, loader);
      const id = idArg ? module.stringConstant(idArg.value) : undefined;
      if (!idArg || id === undefined || !isHubId(id, loader)) continue;
      saved ??= savedPaths(module);
      if (saved.has(id)) continue;
      checkRevision(context, call, loader, idArg, id);
    }
  },
};

/** The loader a call resolves to, through imports, else (notebooks, star imports) by its name. */
function hubLoader(call: PyCall, loose: boolean, bound: Set<string>): HubLoader | undefined {
  const parts = call.callee.split('.');
  const root = parts[0];
  const last = parts[parts.length - 1];
  const resolved = call.imported && HUB_PACKAGES.has(root);
  const byName = !call.imported && loose && !bound.has(root);
  if (!resolved && !byName) return undefined;
  if (last === 'from_pretrained' && parts.length >= 2) {
    const owner = parts[parts.length - 2];
    if (!resolved && !HUB_CLASS.test(owner)) return undefined;
    // `PeftModel.from_pretrained(base_model, "org/adapter")`: the adapter id comes second.
    if (/^Peft(?:Mixed)?Model/.test(owner)) return { noun: 'Model', positional: 1, keywords: ['model_id'] };
    return { noun: 'Model', positional: 0, keywords: ['pretrained_model_name_or_path'] };
  }
  if (!resolved && parts.length > 1) return undefined;
  const from = (pkg: string): boolean => !resolved || root === pkg;
  switch (last) {
    case 'hf_hub_download':
    case 'snapshot_download':
      return from('huggingface_hub') ? { noun: 'Repository', positional: 0, keywords: ['repo_id'] } : undefined;
    case 'load_dataset':
      return from('datasets') ? { noun: 'Dataset', positional: 0, keywords: ['path'], dataset: true } : undefined;
    case 'pipeline':
      return from('transformers') ? { noun: 'Model', positional: 1, keywords: ['model'] } : undefined;
    case 'SentenceTransformer':
    case 'CrossEncoder':
    case 'SparseEncoder':
      return from('sentence_transformers') ? { noun: 'Model', positional: 0, keywords: ['model_name_or_path', 'model_name'] } : undefined;
    default:
      return undefined;
  }
}

function idArgument(call: PyCall, loader: HubLoader): PyArgument | undefined {
  for (const name of loader.keywords) {
    const arg = keywordArg(call, name);
    if (arg) return arg;
  }
  return positionalArgs(call)[loader.positional];
}

/**
 * A literal that names a Hub repository. As bandit B615 does, `./`, `../` and `/` paths are local;
 * so are `~`, Windows paths, paths with more than one `/` (a Hub id has at most one), file names
 * and the packaged builders of `load_dataset`.
 */
function isHubId(id: string, loader: HubLoader): boolean {
  if (!HUB_ID.test(id) || id.includes('..') || id.includes('--') || FILE_NAME.test(id)) return false;
  return !(loader.dataset && PACKAGED_BUILDERS.has(id.toLowerCase()));
}

function checkRevision(context: RuleContext, call: PyCall, loader: HubLoader, idArg: PyArgument, id: string): void {
  const revision = keywordArg(call, 'revision');
  if (revision) {
    const value = stringValue(revision.value);
    const pinnedToDefault = revision.value.type === 'none';
    // A variable may hold a commit SHA; only literals are judged.
    if (!pinnedToDefault && (value === undefined || SHA.test(value))) return;
    const what = pinnedToDefault ? 'revision=None, which follows the default branch' : `revision "${value}", a branch or tag that can move`;
    context.report({
      at: revision.node,
      messageId: 'movingRevision',
      data: { noun: loader.noun, id, what },
      fix: {
        title: 'Pin revision to a commit SHA',
        edits: [context.edit(revision.value, '"<commit-sha>"')],
        applicability: 'display-only',
      },
    });
    return;
  }
  if (hasSplat(call)) return; // `**kwargs` may carry revision.
  const localOnly = keywordArg(call, 'local_files_only');
  if (localOnly && isTrue(localOnly.value)) return; // Reads the local cache only; nothing is downloaded here.
  context.report({
    at: idArg.value,
    messageId: 'noRevision',
    data: { noun: loader.noun, id },
    fix: {
      title: 'Pin revision to a commit SHA',
      edits: [appendKeywordEdit(context, call, 'revision="<commit-sha>"')],
      applicability: 'display-only',
    },
  });
}

/** String literals the module writes a model or dataset to (`save_pretrained("out")`, `output_dir="out"`). */
function savedPaths(module: PythonModule): Set<string> {
  const paths = new Set<string>();
  const add = (node: Node | undefined): void => {
    const value = node ? stringValue(node) : undefined;
    if (value) paths.add(value.replace(/\/+$/, ''));
  };
  for (const call of module.calls()) {
    const last = call.callee.slice(call.callee.lastIndexOf('.') + 1);
    if (SAVE_METHODS.has(last)) add(positionalArgs(call)[0]?.value);
    for (const name of SAVE_KEYWORDS) add(keywordArg(call, name)?.value);
  }
  return paths;
}

function hasHubStarImport(module: PythonModule): boolean {
  return module.root.descendantsOfType('import_from_statement').some((node) => {
    const name = node?.childForFieldName('module_name')?.text ?? '';
    return HUB_PACKAGES.has(name.split('.')[0]) && node?.namedChildren.some((child) => child?.type === 'wildcard_import') === true;
  });
}

/** Names the module defines itself (functions, classes, assignments, loop targets, parameters). */
function boundNames(root: Node): Set<string> {
  const names = new Set<string>();
  const types = ['function_definition', 'class_definition', 'assignment', 'for_statement', 'parameters'];
  for (const node of root.descendantsOfType(types)) {
    if (!node) continue;
    if (node.type === 'parameters') {
      for (const parameter of node.namedChildren) {
        const name = parameter?.type === 'identifier' ? parameter : (parameter?.childForFieldName('name') ?? parameter?.namedChildren[0]);
        if (name?.type === 'identifier') names.add(name.text);
      }
    } else if (node.type === 'function_definition' || node.type === 'class_definition') {
      const name = node.childForFieldName('name')?.text;
      if (name) names.add(name);
    } else {
      const target = node.childForFieldName('left');
      if (target) addTargets(target, names);
    }
  }
  return names;
}

/** Identifiers an assignment or loop target binds: `a`, `a, b`, `(a, [b, c])`; not `a.b` or `a[0]`. */
function addTargets(target: Node, names: Set<string>): void {
  if (target.type === 'identifier') names.add(target.text);
  else if (['pattern_list', 'tuple_pattern', 'list_pattern'].includes(target.type)) {
    for (const child of target.namedChildren) if (child) addTargets(child, names);
  }
}
