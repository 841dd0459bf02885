import { mayBe } from '../facts/flags';
import { hasSplat, isFalse, keywordArg, type PyCall } from '../parse/python';
import { appendKeywordEdit } from './pythonFixes';
import { callArguments, keywordArgumentText, unpacksArguments } from './quickChecks';
import type { Rule, RuleContext } from './rule';

const LOADERS = ['torch.load', 'torch.serialization.load'];

export const aip102: Rule = {
  meta: {
    id: 'AIP102',
    name: 'unsafe-torch-load',
    title: 'torch.load without weights_only=True',
    explanation:
      '`torch.load` unpickles the file. Unless `weights_only=True` is set, a crafted checkpoint can run any code on the machine that loads it, the moment it is loaded. Model files downloaded from a hub, shared by a colleague or produced by a compromised pipeline are all untrusted input.',
    remediation:
      'Pass `weights_only=True`, which restricts unpickling to tensors and primitive types, or store weights as safetensors and load them with `safetensors.torch.load_file`. Keep torch at 2.6 or later (CVE-2025-32434 bypassed `weights_only` before that).',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-502'],
    atlas: ['AML.T0011.000'],
    defaultSeverity: 'error',
    securitySeverity: 8.8,
    confidence: 'high',
    fileKinds: ['python', 'notebook'],
    fixable: true,
    // Unsafe: a full checkpoint (optimizer state, custom classes, an argparse Namespace) no longer
    // loads with weights_only=True; only plain tensors and containers of them do.
    fixApplicability: 'unsafe',
    messages: {
      missingWeightsOnly: '{callee}() without weights_only=True can execute arbitrary code from the loaded file.',
      weightsOnlyFalse: '{callee}() with weights_only=False can execute arbitrary code from the loaded file.',
      weightsOnlyMayBeFalse:
        '{callee}() gets weights_only={expression}, which may be False: it comes from {source}. Then it can execute arbitrary code from the loaded file.',
    },
    references: [
      { title: 'PyTorch: torch.load', url: 'https://pytorch.org/docs/stable/generated/torch.load.html' },
      { title: 'CVE-2025-32434 (weights_only bypass before torch 2.6)', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-32434' },
    ],
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'state = torch.load("checkpoint.pt")',
      good: 'state = torch.load("checkpoint.pt", weights_only=True)',
    },
  },
  // Every form the rule resolves (`torch.load`, `from torch import load as l`) names torch.
  triggers: ['torch'],
  // Model libraries name torch in every file; only a `load(` call that can be reported makes a parse worth it.
  mayMatch: (source) => callArguments(source.codeView(), 'load').some(loadMayBeReported),
  check(context: RuleContext) {
    const module = context.facts().python;
    for (const call of module.callsTo(LOADERS)) checkCall(context, call);
  },
};

/** What `checkCall` reports, judged on the argument text: a missing `weights_only` (no `**kwargs`), or anything but `True`. */
function loadMayBeReported(argumentsText: string | undefined): boolean {
  if (argumentsText === undefined) return true;
  const weightsOnly = keywordArgumentText(argumentsText, 'weights_only');
  // Anything but a literal True may be (or flow from) False.
  return weightsOnly === undefined ? !unpacksArguments(argumentsText) : weightsOnly !== 'True';
}

function checkCall(context: RuleContext, call: PyCall): void {
  const weightsOnly = keywordArg(call, 'weights_only');
  if (!weightsOnly) {
    if (hasSplat(call)) return; // `**kwargs` may carry weights_only; we cannot tell.
    context.report({
      at: call.node.childForFieldName('function') ?? call.node,
      messageId: 'missingWeightsOnly',
      data: { callee: call.calleeText },
      // Unsafe (see the metadata): the file may be a full checkpoint that only loads unrestricted.
      fix: { title: 'Add weights_only=True', edits: [appendKeywordEdit(context, call, 'weights_only=True')], applicability: 'unsafe' },
    });
    return;
  }
  // The explicit opt-out usually exists because the file needs it: setting True may break the load.
  const fix = { title: 'Set weights_only=True', edits: [context.edit(weightsOnly.value, 'True')], applicability: 'unsafe' as const };
  if (isFalse(weightsOnly.value)) {
    context.report({ at: weightsOnly.node, messageId: 'weightsOnlyFalse', data: { callee: call.calleeText }, fix });
    return;
  }
  // weights_only=<variable>: a finding when a False in the file may reach it (a default, a constant, a branch).
  const source = mayBe(context.facts().flow, weightsOnly.value, false);
  if (source) {
    context.report({
      at: weightsOnly.node,
      messageId: 'weightsOnlyMayBeFalse',
      data: { callee: call.calleeText, expression: weightsOnly.value.text, source: source.description },
      fix,
    });
  }
}
