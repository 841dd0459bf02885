import { type ByteRuleContext, byteRule } from './rule';

export const aip704 = byteRule({
  meta: {
    id: 'AIP704',
    name: 'keras-unsafe-layer',
    title: 'Keras model with a Lambda layer or code outside Keras',
    explanation:
      'A Keras model file describes its layers in JSON (`config.json` inside a `.keras` zip, the `model_config` attribute of an `.h5` file). A `Lambda` layer stores marshalled Python bytecode that runs when the model is loaded with safe mode off or by older Keras versions; a `module` outside Keras names code that deserialization imports and calls (CVE-2025-1550); `enable_unsafe_deserialization` in the config turns safe mode off from inside the file (CVE-2025-9906); `TorchModuleWrapper` unpickles a PyTorch module (CVE-2025-49655). The `.h5` check is a byte heuristic (the JSON is stored uncompressed): it looks for a Lambda layer next to `model_config`.',
    remediation:
      'Replace `Lambda` layers with registered custom layers (`@keras.saving.register_keras_serializable`), keep `safe_mode=True` when loading, and load only model files from sources you trust. Review any non-Keras `module` in `config.json` before loading.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-502', 'CWE-94'],
    atlas: ['AML.T0011.000', 'AML.T0010.003'],
    defaultSeverity: 'error',
    securitySeverity: 8.1,
    confidence: 'high',
    fixable: false,
    messages: {
      lambda: 'This Keras model has a Lambda layer `{layer}`: its stored Python bytecode runs when the model is loaded without safe mode.',
      module: 'This Keras model references `{name}` from module `{module}`, outside Keras: loading the model imports and calls it.',
      unsafeDeserialization: 'This Keras model config mentions `enable_unsafe_deserialization`, which turns safe mode off while it loads.',
      torchWrapper:
        'This Keras model has a `TorchModuleWrapper` layer `{layer}`: loading it unpickles a PyTorch module, which can run code.',
      hdfLambda:
        'This HDF5 Keras model has a Lambda layer in its `model_config` (byte heuristic): its stored Python bytecode runs when the model is loaded.',
    },
    references: [
      { title: 'Keras: safe_mode and Lambda layers', url: 'https://keras.io/api/models/model_saving_apis/model_saving_and_loading/' },
      { title: 'CVE-2025-1550 (Keras config module import)', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-1550' },
    ],
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'model.add(keras.layers.Lambda(lambda x: x * 2))\nmodel.save("model.keras")',
      good: '@keras.saving.register_keras_serializable()\nclass Double(keras.layers.Layer):\n    def call(self, x):\n        return x * 2',
    },
  },
  formats: ['keras-zip', 'hdf5'],
  check(context: ByteRuleContext) {
    const scan = context.file.scan;
    if (!scan) return;
    if (scan.h5Lambda) context.report({ messageId: 'hdfLambda' });
    for (const issue of scan.keras) {
      switch (issue.kind) {
        case 'lambda':
          context.report({ messageId: 'lambda', data: { layer: issue.layer.slice(0, 100) }, fingerprintText: `lambda:${issue.layer}` });
          break;
        case 'torchWrapper':
          context.report({
            messageId: 'torchWrapper',
            data: { layer: issue.layer.slice(0, 100) },
            fingerprintText: `torch:${issue.layer}`,
          });
          break;
        case 'module':
          context.report({
            messageId: 'module',
            data: { module: issue.module.slice(0, 100), name: issue.name.slice(0, 100) || 'no class name' },
            fingerprintText: `module:${issue.module}.${issue.name}`,
          });
          break;
        default:
          context.report({ messageId: 'unsafeDeserialization', fingerprintText: 'unsafe' });
      }
    }
  },
});
