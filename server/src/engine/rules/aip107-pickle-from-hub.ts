import type { CodeFacts } from '../facts';
import { fileDownloadMethods } from '../facts/loaders';
import { qualifiedCallee } from '../facts/python';
import { isTrue, keywordArg, type PyCall, positionalArgs, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import { loadMayBeReported } from './aip102-unsafe-torch-load';
import { ALLOW_PICKLE_LOADERS, PICKLE_LOADERS, sourceArgument } from './aip103-pickle-deserialization';
import { externalSource } from './pythonSources';
import { callArguments } from './quickChecks';
import type { QuickSource, Rule, RuleContext } from './rule';

/** File names that are pickles, or containers that hold one (`pytorch_model.bin`, `.pt`, `.ckpt`). */
const PICKLE_FILE = /\.(pkl|pickle|joblib|bin|pt|pth|ckpt|npy|sav|dill)$/i;

/** Hub downloads by their last name segment: the catalogue's file downloaders and the older ones. */
const HUB_DOWNLOADS = new Set([...fileDownloadMethods(), 'cached_download', 'hf_hub_url']);

export const aip107: Rule = {
  meta: {
    id: 'AIP107',
    name: 'pickle-from-hub',
    title: 'Pickle downloaded from a model hub and loaded',
    explanation:
      "A `.pkl`, `.joblib`, `.pt`, `.bin`, `.ckpt` or `.npy` file downloaded from a model hub (`hf_hub_download`, `snapshot_download`) and then passed to `pickle`, `joblib`, `torch.load` or `numpy.load(allow_pickle=True)` runs whatever code the file's author put in it. Anyone who can push to that repository (its owner, a compromised account, or a typo-squatted name) controls code on the machine that loads it, and an unpinned revision lets the file change after you reviewed it.",
    remediation:
      'Download a data-only format instead (`.safetensors`, ONNX, `skops` with a trusted-type list), pin `revision=` to a commit you reviewed, and scan third-party pickles (picklescan, modelscan, fickling) before loading. For `torch.load`, pass `weights_only=True`.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-502', 'CWE-494'],
    atlas: ['AML.T0010.003', 'AML.T0011.000'],
    defaultSeverity: 'error',
    securitySeverity: 8.8,
    confidence: 'high',
    fileKinds: ['python', 'notebook'],
    fixable: false,
    messages: {
      hubPickle:
        '{loader}() unpickles {file}, downloaded from a model hub by {download}() {where}: whoever controls that repository runs code here. Download a safetensors/ONNX file instead, pin the revision and scan the file.',
    },
    references: [
      { title: 'Hugging Face: pickle scanning', url: 'https://huggingface.co/docs/hub/security-pickle' },
      { title: 'Python: pickle (security warning)', url: 'https://docs.python.org/3/library/pickle.html' },
    ],
    limits: [
      'The download and the load must be in the same function (or the same notebook cell); paths passed between functions or stored in attributes are not followed.',
      'The file name must be a literal (or a constant) with a pickle extension; a name computed at run time is not judged (AIP103 still reports the load).',
    ],
    evaluation:
      'Reviewed on 24 agent and LLM application repositories (no finding of this rule) and 3 public files found by `joblib.load(hf_hub_download(`: 5 findings, 5 correct (precision 1.00). Where the downloaded file name is a function parameter, AIP103 reports the load at error level instead.',
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'path = hf_hub_download("org/model", "model.joblib")\nmodel = joblib.load(path)',
      good: 'path = hf_hub_download("org/model", "model.onnx", revision="3f2c1a7")\nsession = onnxruntime.InferenceSession(path)',
    },
  },
  triggers: ['hf_hub_download', 'snapshot_download', 'cached_download', 'hf_hub_url'],
  supersedes: ['AIP103'],
  // Model libraries import `hf_hub_download` everywhere: parse only where some call may unpickle.
  mayMatch: mayUnpickle,
  check(context: RuleContext) {
    const facts = context.facts();
    for (const call of facts.python.calls()) {
      const at = pickleLoadSite(call);
      const argument = at ? sourceArgument(call) : undefined;
      const download = argument ? hubDownload(facts, argument.value) : undefined;
      if (!at || !argument || !download) continue;
      const file = pickleFileName(facts, download, argument.value);
      if (!file) continue;
      const row = download.startPosition.row;
      context.report({
        at,
        messageId: 'hubPickle',
        data: {
          loader: call.calleeText,
          file,
          download: download.childForFieldName('function')?.text ?? 'a download',
          where: context.path.endsWith('.ipynb') ? 'in this cell' : `at line ${row + 1}`,
        },
        related: [{ at: download, message: `${file} is downloaded from the hub here` }],
      });
    }
  },
};

/** Where the load is reported (the node AIP103 reports on too, so this rule replaces it there). */
function pickleLoadSite(call: PyCall): Node | undefined {
  const callee = qualifiedCallee(call);
  if (PICKLE_LOADERS.has(callee)) return call.node.childForFieldName('function') ?? call.node;
  if (ALLOW_PICKLE_LOADERS.has(callee)) {
    const allow = keywordArg(call, 'allow_pickle');
    return allow && isTrue(allow.value) ? allow.node : undefined;
  }
  // torch.load without `weights_only=True` unpickles the checkpoint.
  if (callee === 'torch.load' && !(keywordArg(call, 'weights_only') && isTrue(keywordArg(call, 'weights_only')?.value as Node))) {
    return call.node.childForFieldName('function') ?? call.node;
  }
  return undefined;
}

/** The hub download call the loader's path comes from, through variables and path wrappers. */
function hubDownload(facts: CodeFacts, node: Node): Node | undefined {
  const source = externalSource(facts, node);
  if (source?.kind !== 'download') return undefined;
  const name = source.label.slice(source.label.lastIndexOf('.') + 1);
  return HUB_DOWNLOADS.has(name) ? source.node : undefined;
}

/** The pickle file's name: the download's `filename`, else a literal in the path the loader opens. */
function pickleFileName(facts: CodeFacts, download: Node, argument: Node): string | undefined {
  const call = facts.python.callAt(download);
  const filename = call ? (keywordArg(call, 'filename') ?? positionalArgs(call)[1]) : undefined;
  const named = filename ? facts.valueOf(filename.value) : undefined;
  if (named !== undefined) return PICKLE_FILE.test(named) ? named : undefined;
  // `os.path.join(snapshot_download(repo), "model.pkl")`, `Path(folder) / "model.pt"`: a literal along the path.
  return facts.flow.origin<string>(argument, (node, next) => {
    if (node.type === 'string') {
      const value = stringValue(node);
      return value !== undefined && PICKLE_FILE.test(value) ? value : undefined;
    }
    const parts =
      node.type === 'call'
        ? (node.childForFieldName('arguments')?.namedChildren ?? [])
        : node.type === 'binary_operator'
          ? node.namedChildren
          : [];
    for (const part of parts) {
      const found = part ? next(part) : undefined;
      if (found) return found;
    }
    return undefined;
  });
}

/**
 * A cheap look before the parse: a call that may unpickle is written in the code. `torch.load`
 * calls that all pass `weights_only=True` do not; any other `load(` (pickle, joblib, NumPy) may.
 */
function mayUnpickle(source: QuickSource): boolean {
  const code = source.codeView();
  if (callArguments(code, 'load').some(loadMayBeReported)) return true;
  if (['loads', 'Unpickler', 'read_pickle'].some((name) => callArguments(code, name).length > 0)) return true;
  return /\b(?:shelve|jsonpickle)\b/.test(code);
}
