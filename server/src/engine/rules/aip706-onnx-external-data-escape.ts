import { type ByteRuleContext, byteRule } from './rule';

export const aip706 = byteRule({
  meta: {
    id: 'AIP706',
    name: 'onnx-external-data-escape',
    title: 'ONNX external data outside the model directory',
    explanation:
      'An ONNX model can keep tensor data in external files named by each TensorProto `external_data` `location`, a path relative to the model directory. A location that is absolute (`/etc/passwd`, `C:\\…`, `\\\\host\\share`, `~`) or climbs out with `..` makes the loader read (and `save_external_data` write) files anywhere: CVE-2022-25882, CVE-2024-27318 and CVE-2025-51480 in `onnx`. Initializers, sparse initializers, node attributes, subgraphs (If/Loop/Scan bodies), functions and training info are all checked; the protobuf is walked without reading the weights.',
    remediation:
      'Do not load the model. Re-export it with external data beside the model (`onnx.save_model(..., save_as_external_data=True, location="model.onnx.data")`) and upgrade `onnx` to 1.21.0 or later, which rejects escaping and symlinked locations.',
    owasp: ['LLM03:2025'],
    cwe: ['CWE-22'],
    atlas: ['AML.T0010.003'],
    defaultSeverity: 'error',
    securitySeverity: 7.5,
    confidence: 'high',
    fixable: false,
    messages: {
      absolute: 'Tensor `{tensor}` of this ONNX model reads its data from the absolute path `{location}`, outside the model directory.',
      escapes: 'Tensor `{tensor}` of this ONNX model reads its data from `{location}`, which climbs out of the model directory with `..`.',
    },
    references: [
      { title: 'ONNX: external data', url: 'https://github.com/onnx/onnx/blob/main/docs/ExternalData.md' },
      { title: 'CVE-2024-27318 (onnx path traversal)', url: 'https://nvd.nist.gov/vuln/detail/CVE-2024-27318' },
    ],
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'tensor.external_data.add(key="location", value="../../etc/passwd")',
      good: 'onnx.save_model(model, "model.onnx", save_as_external_data=True, location="model.onnx.data")',
    },
  },
  formats: ['onnx'],
  check(context: ByteRuleContext) {
    for (const entry of context.file.scan?.externalData ?? []) {
      context.report({
        messageId: entry.why,
        data: { tensor: entry.tensor || '(unnamed)', location: entry.location },
        fingerprintText: `${entry.tensor}:${entry.location}`,
      });
    }
  },
});
