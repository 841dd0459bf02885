import { type ByteRuleContext, byteRule } from './rule';

export const aip707 = byteRule({
  meta: {
    id: 'AIP707',
    name: 'malformed-model-file',
    title: 'Malformed safetensors, GGUF or ONNX header',
    explanation:
      "Loaders trust a model file's header to say where each tensor is. A safetensors header whose length is over 100 MB or past the end of the file, that is not a JSON object, has duplicate names, unknown dtypes, offsets with holes or overlaps, a tensor whose byte length does not match its shape and dtype, or bytes after the last tensor (a polyglot hiding a second file), is either broken or built to confuse one parser and not another. The same goes for GGUF headers with impossible counts, unknown value or tensor types, unaligned or out-of-range offsets, and ONNX protobufs that end mid-field, and for a file named `.safetensors`, `.gguf` or `.onnx` whose bytes are something else. Git LFS pointer files are not reported.",
    remediation:
      'Do not load the file. Download it again from its source and compare the SHA-256 the AI-BOM lists with the one the source publishes; regenerate it with the official library (`safetensors.torch.save_file`, `gguf` tools, `onnx.save_model`) if it is yours.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-20', 'CWE-1286'],
    atlas: ['AML.T0010.003'],
    defaultSeverity: 'warning',
    securitySeverity: 5.3,
    confidence: 'high',
    fixable: false,
    messages: {
      malformed: 'This {format} file is malformed: {problem}{more}. Do not load it; get it again from its source.',
    },
    references: [
      { title: 'safetensors format', url: 'https://github.com/huggingface/safetensors#format' },
      { title: 'ggml: GGUF format', url: 'https://github.com/ggml-org/ggml/blob/master/docs/gguf.md' },
    ],
    since: '0.2.0',
    example: {
      language: 'text',
      bad: 'model.safetensors: header says 2 tensors of 8 bytes, then 28 bytes follow the last tensor',
      good: 'safetensors.torch.save_file(state_dict, "model.safetensors")  # offsets cover the data exactly',
    },
  },
  formats: ['safetensors', 'gguf', 'onnx', 'unknown', 'pickle', 'zip', 'numpy', 'hdf5', 'pytorch-zip', 'numpy-zip', 'keras-zip', '7z'],
  check(context: ByteRuleContext) {
    const malformed = context.file.scan?.malformed ?? [];
    if (malformed.length === 0) return;
    const [first] = malformed;
    const more = malformed.length > 1 ? ` (and ${malformed.length - 1} more problem${malformed.length > 2 ? 's' : ''})` : '';
    context.report({ messageId: 'malformed', data: { format: first.format, problem: first.problem, more } });
  },
});
