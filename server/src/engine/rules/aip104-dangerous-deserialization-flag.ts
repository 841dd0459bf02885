import { type FlagSetting, flagSettings, receiverText } from '../facts/flags';
import { qualifiedCallee } from '../facts/python';
import { isFalse, type PyCall } from '../parse/python';
import type { Rule, RuleContext } from './rule';

const DANGEROUS_FLAG = 'allow_dangerous_deserialization';

/** Namespaces Keras is reachable under: Keras 3, tf.keras, the tf-keras backport, TF's internal copy. */
const KERAS_ROOTS = ['keras.', 'tensorflow.keras.', 'tf_keras.', 'tensorflow.python.keras.'];

/** Keras functions whose `safe_mode` argument guards the deserialization of Lambda bytecode. */
const SAFE_MODE_FUNCTIONS = new Set(['load_model', 'deserialize_keras_object']);

export const aip104: Rule = {
  meta: {
    id: 'AIP104',
    name: 'dangerous-deserialization-flag',
    title: 'Unsafe deserialization explicitly enabled',
    explanation:
      'Some libraries refuse to unpickle or to run serialized code unless told otherwise. `allow_dangerous_deserialization=True` (LangChain and LlamaIndex vector stores such as `FAISS.load_local`) unpickles the stored index, and Keras `safe_mode=False` or `keras.config.enable_unsafe_deserialization()` lets `Lambda` layers carry and run arbitrary Python bytecode. Whoever can write the index or model file can then run code in the application that loads it.',
    remediation:
      'Remove the opt-in: load only indexes and models your own pipeline created and keep them where nobody else can write. Rebuild a vector index from its source documents rather than loading one you received. For Keras, keep `safe_mode=True` (the default), replace `Lambda` layers with registered custom layers, and keep Keras current (several `safe_mode` bypasses were fixed in 3.x releases).',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-502'],
    atlas: ['AML.T0011.000', 'AML.T0010.003'],
    defaultSeverity: 'error',
    securitySeverity: 8.8,
    confidence: 'high',
    fileKinds: ['python', 'notebook'],
    fixable: true,
    // Unsafe: the loader then refuses the stored index or Lambda-layer model, so a load that worked fails.
    fixApplicability: 'unsafe',
    fixNote: 'Setting the flag to `False` (or `safe_mode=True`) is unsafe: the stored index or the Lambda-layer model no longer loads.',
    messages: {
      dangerousFlag: '{flag}=True lets {callee}() unpickle the stored data: a tampered file runs arbitrary code on load.',
      dangerousFlagMayBeTrue:
        '{callee}() gets {flag}={expression}, which may be True: it comes from {source}. Then it unpickles the stored data: a tampered file runs arbitrary code on load.',
      dangerousFlagInDict:
        '"{flag}": True in the options of {receiver} lets it unpickle the stored data: a tampered file runs arbitrary code on load.',
      dangerousFlagInDictMayBeTrue:
        '"{flag}" in the options of {receiver} may be True: it comes from {source}. Then it unpickles the stored data: a tampered file runs arbitrary code on load.',
      unsafeDeserializationEnabled:
        '{callee}() turns off Keras safe mode for the whole process: every later load may run the bytecode of Lambda layers.',
      safeModeOff:
        '{callee}() with safe_mode=False runs the bytecode of Lambda layers: a crafted model file executes arbitrary code on load.',
    },
    references: [
      {
        title: 'Keras: saving and loading models (safe_mode)',
        url: 'https://keras.io/api/models/model_saving_apis/model_saving_and_loading/',
      },
    ],
    evaluation:
      'No finding on huggingface/diffusers @58eb52c, huggingface/peft @5d602fd, huggingface/trl @f2cd577 and huggingface/cookbook @ed2c646 (129 notebooks) (none of them loads a vector store or a Keras model unsafely); judged on the fixtures, including values that flow in from parameter defaults and constants.',
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'store = FAISS.load_local("index", embeddings, allow_dangerous_deserialization=True)',
      good: 'store = FAISS.from_documents(documents, embeddings)  # rebuild from trusted sources',
    },
  },
  triggers: [DANGEROUS_FLAG, 'safe_mode', 'enable_unsafe_deserialization'],
  check(context: RuleContext) {
    const module = context.facts().python;
    for (const setting of flagSettings(module, context.facts().flow, DANGEROUS_FLAG, true)) {
      if (setting.call) reportKeyword(context, setting.call, setting);
      else reportOptionDictionary(context, setting);
    }
    for (const call of module.calls()) if (isKeras(call)) checkKeras(context, call);
  },
};

function reportKeyword(context: RuleContext, call: PyCall, setting: FlagSetting): void {
  const { source } = setting;
  context.report({
    at: setting.node,
    messageId: source ? 'dangerousFlagMayBeTrue' : 'dangerousFlag',
    data: { flag: DANGEROUS_FLAG, callee: call.calleeText, expression: setting.value.text, source: source?.description ?? '' },
    fix: { title: `Set ${DANGEROUS_FLAG}=False`, edits: [context.edit(setting.value, 'False')], applicability: 'unsafe' },
  });
}

/** `loader(**{"allow_dangerous_deserialization": True})`, option dicts built before the call and `kwargs["…"] = True`. */
function reportOptionDictionary(context: RuleContext, setting: FlagSetting): void {
  const { source } = setting;
  context.report({
    at: setting.node,
    messageId: source ? 'dangerousFlagInDictMayBeTrue' : 'dangerousFlagInDict',
    data: { flag: DANGEROUS_FLAG, receiver: receiverText(setting, 'the loader'), source: source?.description ?? '' },
    fix: { title: `Set ${DANGEROUS_FLAG} to False`, edits: [context.edit(setting.value, 'False')], applicability: 'unsafe' },
  });
}

function isKeras(call: PyCall): boolean {
  const callee = qualifiedCallee(call);
  return KERAS_ROOTS.some((root) => callee.startsWith(root));
}

function checkKeras(context: RuleContext, call: PyCall): void {
  const callee = qualifiedCallee(call);
  const name = callee.slice(callee.lastIndexOf('.') + 1);
  if (name === 'enable_unsafe_deserialization') {
    context.report({
      at: call.node,
      messageId: 'unsafeDeserializationEnabled',
      data: { callee: call.calleeText },
    });
    return;
  }
  if (!SAFE_MODE_FUNCTIONS.has(name)) return;
  const safeMode = call.args.find((arg) => arg.name === 'safe_mode');
  if (!safeMode || !isFalse(safeMode.value)) return;
  context.report({
    at: safeMode.node,
    messageId: 'safeModeOff',
    data: { callee: call.calleeText },
    fix: { title: 'Set safe_mode=True', edits: [context.edit(safeMode.value, 'True')], applicability: 'unsafe' },
  });
}
