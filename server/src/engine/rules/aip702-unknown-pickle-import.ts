import { CONTAINER_TEXT, importsWith } from '../modelScan/verdict';
import { PICKLE_FORMATS } from './aip701-malicious-pickle-import';
import { type ByteRuleContext, byteRule } from './rule';

const MAX_LISTED = 5;

export const aip702 = byteRule({
  meta: {
    id: 'AIP702',
    name: 'unknown-pickle-import',
    title: 'Model file whose pickle imports code that is neither known-safe nor known-dangerous',
    explanation:
      'A pickle-based model file normally imports only rebuild helpers and plain containers (`torch._utils._rebuild_tensor_v2`, storages, `numpy.core.multiarray._reconstruct`, `collections.OrderedDict`, scikit-learn estimator classes). This one also imports callables on neither the safe list nor the deny list: your own classes (`__main__.Net`), a library function, or a copyreg extension code. Loading the file imports and may call them, so what the file does depends on code that was not reviewed. Often harmless (a whole model pickled with `torch.save(model)`), sometimes a gadget the deny list does not know yet.',
    remediation:
      'Check where each listed import comes from. Prefer saving a state dict as safetensors; if the objects are yours, load them with `torch.load(..., weights_only=True)` after `torch.serialization.add_safe_globals([...])`, which allows only the classes you name.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-502'],
    atlas: ['AML.T0011.000'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'medium',
    fixable: false,
    messages: {
      unknownImports:
        'This model file is {container}; its pickle imports {imports}: not on the safe list, so loading the file runs code nobody reviewed. Review it or store the weights as safetensors.',
    },
    references: [
      { title: 'PyTorch: torch.load weights_only and add_safe_globals', url: 'https://pytorch.org/docs/stable/notes/serialization.html' },
      { title: 'Trail of Bits: fickling', url: 'https://github.com/trailofbits/fickling' },
    ],
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'torch.save(model, "model.pt")  # pickles __main__.Net and every module class',
      good: 'safetensors.torch.save_file(model.state_dict(), "model.safetensors")',
    },
  },
  formats: PICKLE_FORMATS,
  // One finding per file: a dangerous import already says more.
  yieldsTo: ['AIP701'],
  check(context: ByteRuleContext) {
    const scan = context.file.scan;
    if (!scan) return;
    const unknown = importsWith(scan, 'unknown');
    if (unknown.length === 0) return;
    const shown = unknown.slice(0, MAX_LISTED).map(({ stream, found }) => {
      const where = stream.member ? ` in ${stream.member}` : '';
      return `\`${found.module}.${found.name}\` (offset ${found.offset}${where})`;
    });
    const more = unknown.length > MAX_LISTED ? ` and ${unknown.length - MAX_LISTED} more` : '';
    context.report({
      messageId: 'unknownImports',
      data: { container: CONTAINER_TEXT[unknown[0].stream.container], imports: `${shown.join(', ')}${more}` },
    });
  },
});
