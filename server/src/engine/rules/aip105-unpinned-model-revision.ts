import { type CodeFacts, packageKey } from '../facts';
import { type HubIdEvidence, hubIdEvidence, hubIdKind, isSubfolderDefault } from '../facts/hubIds';
import {
  type HubLoader,
  hasHubLoaders,
  isHubClassName,
  isPackagedBuilder,
  type LoadKind,
  loaderIdPlaces,
  ownerName,
  pinnableLoaderMethods,
  pinnableLoaderNamed,
} from '../facts/loaders';
import { boundNames } from '../facts/python';
import { pythonPackageForModule } from '../inventory/catalog';
import { descendantsOf } from '../parse/nodeIndex';
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
import { wordTrigger } from '../prefilter/triggers';
import { appendKeywordEdit } from './pythonFixes';
import { argumentText, callArguments, mayCarryString } from './quickChecks';
import type { Rule, RuleContext } from './rule';

const SHA = /^[0-9a-f]{7,64}$/i;
const NOUNS: Record<LoadKind, string> = { model: 'Model', dataset: 'Dataset', repository: 'Repository' };

/** A catalogue loader that takes a revision, with the noun the messages use. */
type PinnableLoader = HubLoader & { revision: string; noun: string };

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
    evaluation:
      'Reviewed on huggingface/diffusers @58eb52c, huggingface/peft @5d602fd, huggingface/trl @f2cd577 and huggingface/cookbook @ed2c646 (129 notebooks): 2,808 findings, 2,054 of them in test code (demoted to hint). Every one of the 287 distinct ids outside test code was checked (all Hub repositories after one fix: a loader parameter\'s one-segment default such as `"image_encoder"` is a subfolder) and 36 random findings were read: precision ≥ 0.99. Placeholders (`"path-to-your-trained-model"`, `"your-model-id"`, `"<model>"`) and local folders (`./…`, a folder the file saves to, a path under a workspace folder) are not reported; classes of the project (`class MyPipeline(DiffusionPipeline)`, `from .pipeline import MyPipeline`) are.',
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'model = AutoModel.from_pretrained("org/model")',
      good: 'model = AutoModel.from_pretrained("org/model", revision="<40-hex commit sha>")',
    },
  },
  // Loader names are everyday words inside other names (`make_pipeline`): they count where a word starts.
  triggers: pinnableLoaderMethods().map(wordTrigger),
  // Only a loader call whose id argument is (or names) a string literal can be reported.
  mayMatch(source) {
    const code = source.codeView();
    return loaderIdPlaces(true).some(({ method, positions, keywords }) =>
      callArguments(code, method).some((args) => positions.some((at) => mayCarryString(argumentText(args, at, keywords), code))),
    );
  },
  check(context: RuleContext) {
    const facts = context.facts();
    const module = facts.python;
    // In a notebook every cell is analysed alone, so the imports often sit in an earlier cell.
    const loose = context.path.toLowerCase().endsWith('.ipynb') || hasHubStarImport(module);
    const bound = loose ? boundNames(module.root) : new Set<string>();
    const evidence = hubIdEvidence(facts, context.project);
    for (const call of module.calls()) {
      const found = hubLoaderOf(facts, call, loose, bound);
      if (!found?.revision) continue;
      const loader: PinnableLoader = { ...found, revision: found.revision, noun: NOUNS[found.loads] };
      const idArg = idArgument(call, loader);
      const id = idArg ? facts.valueOf(idArg.value) : undefined;
      if (!idArg || id === undefined || !isHubRepository(id, loader, evidence)) continue;
      if (isSubfolderDefault(facts, idArg.value, id)) continue;
      checkRevision(context, call, loader, idArg, id);
    }
  },
};

/** The loader a call resolves to, through its package, else (notebooks, star imports) by its name. */
function hubLoaderOf(facts: CodeFacts, call: PyCall, loose: boolean, bound: Set<string>): HubLoader | undefined {
  // Through imports, or a class of the file or a relative import that extends a hub class.
  const resolved = facts.callAt(call.node);
  const load = resolved ? facts.hubLoadOf(resolved)?.loader : undefined;
  if (load || call.imported) return load;
  const parts = call.callee.split('.');
  if (!loose || bound.has(parts[0])) return undefined;
  const method = parts[parts.length - 1];
  const owner = ownerName(call.callee);
  if (method === 'from_pretrained' ? !owner || !isHubClassName(owner) : parts.length > 1) return undefined;
  return pinnableLoaderNamed(method, owner);
}

function idArgument(call: PyCall, loader: HubLoader): PyArgument | undefined {
  for (const name of loader.keywords) {
    const arg = keywordArg(call, name);
    if (arg) return arg;
  }
  return positionalArgs(call)[loader.position];
}

/** The shared Hub-id decision (`facts/hubIds.ts`); the packaged builders of `load_dataset` read local files. */
function isHubRepository(id: string, loader: HubLoader, evidence: HubIdEvidence): boolean {
  return hubIdKind(id, evidence) === 'hub' && !(loader.loads === 'dataset' && isPackagedBuilder(id));
}

function checkRevision(context: RuleContext, call: PyCall, loader: PinnableLoader, idArg: PyArgument, id: string): void {
  const revision = keywordArg(call, loader.revision);
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

function hasHubStarImport(module: PythonModule): boolean {
  return descendantsOf(module.root, 'import_from_statement', 'python').some((node) => {
    const name = node?.childForFieldName('module_name')?.text ?? '';
    const pkg = pythonPackageForModule(name);
    return (
      pkg !== undefined && hasHubLoaders(packageKey(pkg)) && node?.namedChildren.some((child) => child?.type === 'wildcard_import') === true
    );
  });
}
