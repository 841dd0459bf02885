import { qualifiedCallee } from '../facts/python';
import { isTrue, keywordArg, type PyArgument, type PyCall, type PythonModule, positionalArgs } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import type { QuickSource, Rule, RuleContext } from './rule';

/** `owner/repo` with an optional `:ref`; a ref of at least 7 hex digits is a commit. */
const GITHUB_REPO = /^([\w.-]+\/[\w.-]+)(?::(.+))?$/;
const COMMIT = /^[0-9a-f]{7,40}$/i;
/** Model URIs MLflow resolves to something outside the working tree (tracking server, registry, object store, web). */
const REMOTE_MODEL_URI =
  /^(?:runs:\/|models:\/|s3a?:\/\/|gs:\/\/|wasbs?:\/\/|abfss?:\/\/|dbfs:\/|hdfs:\/\/|https?:\/\/|mlflow-artifacts:\/)/i;
const MLFLOW_LOADER = /^mlflow\.(?:[a-z_]+\.)?load_model$/;

/** The words a finding needs, whole (`load_model_token(` in a model library is not MLflow's loader). */
const MAY_MATCH = /\bhub\.load\b|torch\.hub|\bload_model\b|\btrust_repo\b/;

export const aip106: Rule = {
  meta: {
    id: 'AIP106',
    name: 'remote-code-hub-load',
    title: 'Model code loaded from a remote repository or registry',
    explanation:
      '`torch.hub.load("owner/repo", …)` downloads the repository and imports its `hubconf.py`: the code that runs is whatever the branch holds at that moment, so a compromised or transferred repository, or a new commit, runs code on the machine that loads the model (`trust_repo=True` also skips the prompt that asks before trusting a new repository). MLflow `load_model` of a `runs:/`, `models:/` or object-store URI unpickles the model (most flavours use cloudpickle) and may install and import its code from whoever can write to the tracking server, registry or bucket.',
    remediation:
      'Pin torch hub repositories to a reviewed commit (`"owner/repo:<commit-sha>"`) or vendor the code and load with `source="local"`; keep `trust_repo` unset or `"check"`. Load MLflow models only from a registry and store whose write access you control, pin the model version, and prefer formats that do not pickle (ONNX, safetensors) for models you receive.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-494', 'CWE-829', 'CWE-502'],
    atlas: ['AML.T0010.003', 'AML.T0011.000'],
    defaultSeverity: 'warning',
    securitySeverity: 7.0,
    confidence: 'medium',
    fileKinds: ['python', 'notebook'],
    fixable: false,
    messages: {
      unpinnedHubRepo: '{callee}() imports hubconf.py from {repo} at {ref}: whoever can push there runs code when the model loads.',
      trustedHubRepo: '{callee}() with trust_repo=True imports code from a repository chosen at run time without asking.',
      remoteModelUri: '{callee}() loads "{uri}" from outside the repository: loading unpickles it and may import its code.',
    },
    references: [
      { title: 'PyTorch: torch.hub', url: 'https://pytorch.org/docs/stable/hub.html' },
      { title: 'MLflow: model URIs and load_model', url: 'https://mlflow.org/docs/latest/python_api/mlflow.pyfunc.html' },
    ],
    since: '0.1.0',
    limits: [
      'A repository given as a variable is reported only with `trust_repo=True`; otherwise torch asks before trusting a new repository.',
      'A model URI from a variable is not judged; `mlflow.*.load_model` of a local path is not reported.',
    ],
    example: {
      language: 'python',
      bad: 'model = torch.hub.load("ultralytics/yolov5", "yolov5s")',
      good: 'model = torch.hub.load("ultralytics/yolov5:<commit-sha>", "yolov5s")',
    },
  },
  triggers: ['hub.load', 'load_model', 'trust_repo'],
  mayMatch: (source: QuickSource) => MAY_MATCH.test(source.codeView()),
  check(context: RuleContext) {
    const module = context.facts().python;
    for (const call of module.calls()) {
      const callee = qualifiedCallee(call);
      if (callee === 'torch.hub.load') checkTorchHub(context, module, call);
      else if (MLFLOW_LOADER.test(callee)) checkMlflow(context, module, call);
    }
  },
};

function argument(call: PyCall, position: number, names: readonly string[]): PyArgument | undefined {
  return names.map((name) => keywordArg(call, name)).find(Boolean) ?? positionalArgs(call)[position];
}

function checkTorchHub(context: RuleContext, module: PythonModule, call: PyCall): void {
  const source = argument(call, 99, ['source']);
  if (source && module.stringConstant(source.value) === 'local') return;
  const repoArg = argument(call, 0, ['repo_or_dir', 'github']);
  const repo = repoArg ? module.stringConstant(repoArg.value) : undefined;
  if (repoArg && repo !== undefined) {
    const match = GITHUB_REPO.exec(repo);
    // A path (`./hub`, `/opt/models/x`) is a local directory even without source="local" in older torch.
    if (!match || repo.startsWith('.') || COMMIT.test(match[2] ?? '')) return;
    const ref = match[2] ? `the moving reference "${match[2]}"` : 'its default branch';
    context.report({ at: repoArg.value, messageId: 'unpinnedHubRepo', data: { callee: call.calleeText, repo: match[1], ref } });
    return;
  }
  const trust = keywordArg(call, 'trust_repo');
  if (trust && isTrue(trust.value)) context.report({ at: trust.node, messageId: 'trustedHubRepo', data: { callee: call.calleeText } });
}

function checkMlflow(context: RuleContext, module: PythonModule, call: PyCall): void {
  const uriArg = argument(call, 0, ['model_uri']);
  const uri = uriArg
    ? (module.stringConstant(uriArg.value) ?? context.facts().valueOf(uriArg.value) ?? literalPrefix(uriArg.value))
    : undefined;
  if (!uriArg || uri === undefined || !REMOTE_MODEL_URI.test(uri)) return;
  // Credentials in a URI (`https://user:token@host/…`) never reach a message.
  const shown = uri.replace(/\/\/[^@/]*@/, '//');
  context.report({ at: uriArg.value, messageId: 'remoteModelUri', data: { callee: call.calleeText, uri: shown } });
}

/** The text of an f-string before its first interpolation (`f"models:/{name}/1"` → `models:/…`): the scheme is written there. */
function literalPrefix(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  let prefix = '';
  for (const child of node.namedChildren) {
    if (child?.type === 'interpolation') return prefix ? `${prefix}…` : undefined;
    if (child?.type === 'string_content') prefix += child.text;
  }
  return undefined;
}
