import type { CodeFacts } from '../facts';
import { qualifiedCallee } from '../facts/python';
import { isTrue, keywordArg, type PyArgument, type PyCall, positionalArgs } from '../parse/python';
import { type ExternalSource, externalSource } from './pythonSources';
import type { Rule, RuleContext } from './rule';

const PICKLE_MODULES = ['pickle', '_pickle', 'cPickle', 'dill', 'cloudpickle'];

/** Loaders that unpickle whatever they are given. `torch.load` belongs to AIP102. */
export const PICKLE_LOADERS: ReadonlySet<string> = new Set([
  ...PICKLE_MODULES.flatMap((module) => [`${module}.load`, `${module}.loads`, `${module}.Unpickler`]),
  'joblib.load',
  'sklearn.externals.joblib.load',
  'shelve.open',
  'shelve.DbfilenameShelf',
  'jsonpickle.decode',
  'jsonpickle.unpickler.decode',
  'jsonpickle.Unpickler',
  'jsonpickle.unpickler.Unpickler',
  'pandas.read_pickle',
  'pandas.io.pickle.read_pickle',
]);

/** Loaders that unpickle only when asked to with `allow_pickle=True`. */
export const ALLOW_PICKLE_LOADERS: ReadonlySet<string> = new Set(['numpy.load']);

/** Loaders whose argument is the serialized data rather than a path or stream. */
const DATA_LOADERS = /\.(loads|decode)$/;

/** Keyword names the loaders above use for their path or data argument. */
const SOURCE_KEYWORDS = ['file', 'filename', 'filepath_or_buffer', 'path', 'fname', 'data', 'string', 's'];

export const aip103: Rule = {
  meta: {
    id: 'AIP103',
    name: 'pickle-deserialization',
    title: 'Pickle-based deserialization',
    explanation:
      'Pickle is not a data format but a small program: unpickling can import and call any function, so a crafted file runs code on the machine that loads it. `pickle`, `dill`, `cloudpickle`, `joblib`, `shelve`, `jsonpickle`, `pandas.read_pickle` and `numpy.load(allow_pickle=True)` all unpickle. Model artefacts, cached features and vector indexes shared through hubs, buckets or colleagues are untrusted input; a file fetched from a URL or a model hub is the most direct path to remote code execution.',
    remediation:
      'Load only files your own pipeline produced and verify them (hash or signature) before loading. Prefer data-only formats: safetensors for tensors, ONNX for models, JSON/Parquet for tables, `skops.io.load(trusted=[...])` for scikit-learn models. Scan third-party pickles with picklescan, modelscan or fickling before use.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-502'],
    atlas: ['AML.T0011.000', 'AML.T0010.003'],
    defaultSeverity: 'warning',
    securitySeverity: 7.0,
    confidence: 'medium',
    fileKinds: ['python', 'notebook'],
    fixable: false,
    messages: {
      loader:
        '{callee}() unpickles its input, and unpickling can run arbitrary code hidden in the data.{origin} Load only data you produced and verified, or use a data-only format (safetensors, ONNX, JSON).',
      allowPickle:
        '{callee}() with allow_pickle=True unpickles object arrays, and unpickling can run arbitrary code hidden in the file.{origin} Keep the default allow_pickle=False unless the file is your own.',
    },
    references: [{ title: 'Python: pickle (security warning)', url: 'https://docs.python.org/3/library/pickle.html' }],
    evaluation:
      'Reviewed on huggingface/diffusers @58eb52c, huggingface/peft @5d602fd, huggingface/trl @f2cd577 and huggingface/cookbook @ed2c646 (129 notebooks): 8 findings, 8 correct (precision 1.00).',
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'path = hf_hub_download("org/model", "model.joblib")\nmodel = joblib.load(path)',
      good: 'path = hf_hub_download("org/model", "model.onnx", revision="3f2c1a7")\nsession = onnxruntime.InferenceSession(path)',
    },
  },
  // `cPickle` has a capital P; `Unpickler` contains `pickle`.
  triggers: ['pickle', 'Pickle', 'dill', 'joblib', 'shelve'],
  check(context: RuleContext) {
    const facts = context.facts();
    for (const call of facts.python.calls()) {
      const callee = qualifiedCallee(call);
      if (PICKLE_LOADERS.has(callee)) reportLoader(context, facts, call);
      else if (ALLOW_PICKLE_LOADERS.has(callee)) checkAllowPickle(context, facts, call);
    }
  },
};

function reportLoader(context: RuleContext, facts: CodeFacts, call: PyCall): void {
  const source = sourceOf(facts, call);
  context.report({
    at: call.node.childForFieldName('function') ?? call.node,
    messageId: 'loader',
    data: { callee: call.calleeText, origin: origin(context, source, call.node.startPosition.row) },
    ...(source ? { severity: 'error' as const } : {}),
  });
}

function checkAllowPickle(context: RuleContext, facts: CodeFacts, call: PyCall): void {
  const allowPickle = keywordArg(call, 'allow_pickle');
  // Absent means numpy's safe default; a variable (or `**kwargs`) we cannot evaluate stays silent.
  if (!allowPickle || !isTrue(allowPickle.value)) return;
  const source = sourceOf(facts, call);
  context.report({
    at: allowPickle.node,
    messageId: 'allowPickle',
    data: { callee: call.calleeText, origin: origin(context, source, call.node.startPosition.row) },
    ...(source ? { severity: 'error' as const } : {}),
  });
}

/** The loader's path or data argument: the first positional one, else a known keyword. */
export function sourceArgument(call: PyCall): PyArgument | undefined {
  return positionalArgs(call)[0] ?? call.args.find((arg) => arg.name !== undefined && SOURCE_KEYWORDS.includes(arg.name));
}

function sourceOf(facts: CodeFacts, call: PyCall): ExternalSource | undefined {
  const argument = sourceArgument(call);
  if (!argument) return undefined;
  // `loads`/`decode` take the serialized data itself: a string literal there is content, not a location.
  if (argument.value.type === 'string' && DATA_LOADERS.test(call.callee)) return undefined;
  return externalSource(facts, argument.value);
}

/** The sentence that explains why the finding is an error, naming the download's line where it helps. */
function origin(context: RuleContext, source: ExternalSource | undefined, callLine: number): string {
  if (!source) return '';
  if (source.kind === 'url') return ' The data is fetched from a remote URL, so whoever controls that location controls this code.';
  // Notebook cells are analysed on their own, so a cell-relative line number would mislead.
  const line = source.node.startPosition.row;
  const where = context.path.endsWith('.ipynb') || line === callLine ? '' : ` on line ${line + 1}`;
  return ` The data comes from ${source.label}()${where}, and downloaded data is untrusted input.`;
}
