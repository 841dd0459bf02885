import { mayBe } from '../facts/flags';
import { hasSplat, isFalse, keywordArg, type PyCall } from '../parse/python';
import type { ProjectRequirement } from '../project';
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
    fixNote:
      "Adding or setting `weights_only=True` is unsafe in general: a full checkpoint (optimizer state, an `argparse.Namespace`, custom classes) no longer loads. Where the manifests that govern the file require torch 2.6 or later (`torch>=2.6` in the nearest `pyproject.toml`, `requirements*.txt`, `uv.lock`, …), `weights_only=True` is already torch's default, so adding it changes nothing: that fix is safe there (and the finding is a warning). Setting an explicit `weights_only=False` to `True` is always unsafe.",
    messages: {
      missingWeightsOnly: '{callee}() without weights_only=True can execute arbitrary code from the loaded file.',
      weightsOnlyFalse: '{callee}() with weights_only=False can execute arbitrary code from the loaded file.',
      missingWeightsOnlyDefaultOn:
        '{callee}() without weights_only: the project requires {requirement}, where weights_only=True is the default. Say it explicitly, so the load stays restricted if an older torch is installed.',
      weightsOnlyMayBeFalse:
        '{callee}() gets weights_only={expression}, which may be False: it comes from {source}. Then it can execute arbitrary code from the loaded file.',
    },
    references: [
      { title: 'PyTorch: torch.load', url: 'https://pytorch.org/docs/stable/generated/torch.load.html' },
      { title: 'CVE-2025-32434 (weights_only bypass before torch 2.6)', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-32434' },
    ],
    evaluation:
      "Reviewed on huggingface/diffusers @58eb52c, huggingface/peft @5d602fd, huggingface/trl @f2cd577 and huggingface/cookbook @ed2c646 (129 notebooks): 143 findings (134 in diffusers' conversion scripts, examples and loaders), all a `torch.load` without `weights_only` or with `False` in projects that allow torch below 2.6 (precision 1.00; 29 read line by line, the rest by their listing). `weights_only=<variable>` that may be False is followed within the file.",
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
  // torch 2.6 made weights_only=True the default: where the governing manifest requires it, a
  // missing argument is a weaker finding and adding it changes nothing, so its fix is safe.
  refine(finding, project) {
    if (finding.messageId !== 'missingWeightsOnly') return undefined;
    // The governing manifests together: one of them sets the floor, and no locked version is older.
    const stated = project.requirements('pypi:torch').filter((requirement) => requirement.version || requirement.range);
    const torch = stated.find((requirement) => requiresAtLeast(requirement, SAFE_DEFAULT_SINCE));
    const olderLock = stated.some((requirement) => requirement.version && !requiresAtLeast(requirement, SAFE_DEFAULT_SINCE));
    if (!torch || olderLock) return undefined;
    const requirement = `torch${torch.version ? `==${torch.version}` : torch.range} (${torch.manifest})`;
    return {
      severity: 'warning',
      messageId: 'missingWeightsOnlyDefaultOn',
      data: { ...finding.data, requirement },
      ...(finding.fix ? { fix: { ...finding.fix, applicability: 'safe' as const } } : {}),
    };
  },
};

/** The torch release that loads with weights_only=True by default. */
const SAFE_DEFAULT_SINCE = [2, 6];

/** True when every version a requirement allows is at least `floor` (a pin, or a range's lower bound). */
export function requiresAtLeast(requirement: ProjectRequirement, floor: number[]): boolean {
  if (requirement.version) return compareRelease(requirement.version, floor) >= 0;
  const clauses = (requirement.range ?? '').split(',');
  return clauses.some((clause) => {
    const bound = /^(?:>=|~=|==|===|>)\s*v?([0-9][0-9.]*)/.exec(clause.trim());
    return bound !== null && compareRelease(bound[1] ?? '', floor) >= 0;
  });
}

function compareRelease(version: string, floor: number[]): number {
  const parts = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < floor.length; index++) {
    const difference = (parts[index] ?? 0) - (floor[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** What `checkCall` reports, judged on the argument text: a missing `weights_only` (no `**kwargs`), or anything but `True`. */
export function loadMayBeReported(argumentsText: string | undefined): boolean {
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
