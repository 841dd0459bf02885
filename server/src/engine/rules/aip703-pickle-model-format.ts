import { CONTAINER_TEXT } from '../modelScan/verdict';
import { PICKLE_FORMATS } from './aip701-malicious-pickle-import';
import { type ByteRuleContext, byteRule } from './rule';

export const aip703 = byteRule({
  meta: {
    id: 'AIP703',
    name: 'pickle-model-format',
    title: 'Model stored in a pickle-based format',
    explanation:
      'Pickle-based model files (raw pickles, PyTorch `.pt`/`.pth`/`.bin` checkpoints, joblib files, NumPy object arrays) are programs as much as data: loading one with `pickle`, `torch.load` without `weights_only=True`, `joblib.load` or `numpy.load(allow_pickle=True)` runs whatever the file imports and calls. A file that is harmless today can be swapped for a malicious one, and scanners of pickle imports have been bypassed repeatedly. The safetensors format stores only tensors and metadata and cannot run code.',
    remediation:
      'Convert the weights to safetensors (`safetensors.torch.save_file`, or `save_pretrained(..., safe_serialization=True)`) and load them with the safetensors loaders. Until then load PyTorch checkpoints with `torch.load(..., weights_only=True)` and only from sources you trust and have pinned.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-502'],
    atlas: ['AML.T0011.000', 'AML.T0010.003'],
    defaultSeverity: 'information',
    securitySeverity: 3.0,
    confidence: 'high',
    fixable: false,
    messages: {
      pickleFile: 'This model file is {container}: loading it can run arbitrary code. Store the weights as safetensors instead.',
      pickleMember:
        'This model file is {container} whose member {member} is a pickle: loading it can run arbitrary code. Store the weights as safetensors instead.',
    },
    references: [
      { title: 'Hugging Face: safetensors', url: 'https://huggingface.co/docs/safetensors/index' },
      { title: 'Python docs: pickle (security warning)', url: 'https://docs.python.org/3/library/pickle.html' },
    ],
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'torch.save(model.state_dict(), "model.pt")  # a pickle-based checkpoint',
      good: 'safetensors.torch.save_file(model.state_dict(), "model.safetensors")',
    },
  },
  // Zip archives are looked into: an `.npz`, a `.keras` or an unnamed zip can hold pickles too.
  formats: PICKLE_FORMATS,
  // One finding per file (the knowledge file: AIP701, else AIP702, else AIP703).
  yieldsTo: ['AIP701', 'AIP702'],
  check(context: ByteRuleContext) {
    const first = context.file.scan?.pickles[0];
    if (!first) return;
    const data = { container: CONTAINER_TEXT[first.container] };
    if (first.member) context.report({ messageId: 'pickleMember', data: { ...data, member: first.member } });
    else context.report({ messageId: 'pickleFile', data });
  },
});
