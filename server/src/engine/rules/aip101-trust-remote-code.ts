import type { CodeFacts, HubLoad } from '../facts';
import { type FlagSetting, flagSettings, receiverText } from '../facts/flags';
import { hubIdKind } from '../facts/hubIds';
import { isHubClassName, ownerName, pinnableLoaderNamed, positionalArg } from '../facts/loaders';
import type { PyCall } from '../parse/python';
import { dockerfileInvocations, shellInvocations, yamlInvocations } from './commandInvocations';
import type { MessageData } from './messages';
import type { Rule, RuleContext } from './rule';
import { type Invocation, trustRemoteCodeUses } from './trustRemoteCodeFlags';

const SETTING = 'trust_remote_code';

export const aip101: Rule = {
  meta: {
    id: 'AIP101',
    name: 'trust-remote-code',
    title: 'Model loaded with trust_remote_code enabled',
    explanation:
      '`trust_remote_code=True` (or `--trust-remote-code` on vLLM, Text Generation Inference, SGLang and lm-eval) tells the loader to download the Python files a model or dataset repository ships (`auto_map` in its config) and import them. Whoever controls the repository, or a later commit to it, runs code with the permissions of the process that loads the model: in a notebook, a CI job or a serving container.',
    remediation:
      'Remove the setting and use a model whose architecture the library supports natively. If the custom code is really needed, review it, pin `revision=` to the reviewed commit SHA (or vendor the code into your repository) and keep vLLM up to date (CVE-2026-27893 enabled remote code in sub-loaders regardless of the flag).',
    owasp: ['LLM03:2025'],
    cwe: ['CWE-494', 'CWE-829'],
    atlas: ['AML.T0010.003', 'AML.T0010.001', 'AML.T0011.001'],
    defaultSeverity: 'error',
    securitySeverity: 8.8,
    confidence: 'high',
    fileKinds: ['python', 'notebook', 'shell', 'dockerfile', 'yaml'],
    fixable: true,
    // Unsafe: a model whose architecture ships only as repository code stops loading without the flag.
    fixApplicability: 'unsafe',
    fixNote:
      'Setting `trust_remote_code=False` (or removing the command-line flag) is unsafe: a model whose architecture exists only as repository code stops loading.',
    messages: {
      callArgument: '{callee}() is called with trust_remote_code=True: {consequence}.',
      callArgumentMayBeTrue:
        '{callee}() gets trust_remote_code={expression}, which may be True: it comes from {source}. Then {consequence}.',
      optionDict: 'The options of {receiver} set "trust_remote_code": True: {consequence}.',
      optionDictMayBeTrue: '"trust_remote_code" in the options of {receiver} may be True: it comes from {source}. Then {consequence}.',
      optionAssignment: 'The options of {receiver} get trust_remote_code = True: {consequence}.',
      commandFlag: '{spelling} makes {program} download and run Python code from the model repository.',
    },
    references: [
      { title: 'Transformers: sharing and loading custom models', url: 'https://huggingface.co/docs/transformers/custom_models' },
    ],
    evaluation:
      'Reviewed on huggingface/diffusers @58eb52c, huggingface/peft @5d602fd, huggingface/trl @f2cd577 and huggingface/cookbook @ed2c646 (129 notebooks): 106 findings, 106 correct (precision 1.00); 48 of them in test code. Values that reach the option through a variable, a parameter default or a module constant are followed; option dicts name the loader that receives them.',
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'model = AutoModelForCausalLM.from_pretrained("org/model", trust_remote_code=True)',
      good: 'model = AutoModelForCausalLM.from_pretrained("org/model", revision="<commit-sha>")',
    },
  },
  triggers: ['trust_remote_code', 'trust-remote-code'],
  check(context: RuleContext) {
    switch (context.kind) {
      case 'python':
      case 'notebook':
        checkPython(context);
        return;
      case 'shell':
        reportUses(context, shellInvocations(context.text, context.tree));
        return;
      case 'dockerfile':
        reportUses(context, dockerfileInvocations(context.text));
        return;
      case 'yaml':
        reportUses(context, yamlInvocations(context.text));
        return;
      default:
        return;
    }
  },
};

/**
 * Python: the keyword argument in any call (the name is specific to the Hugging Face ecosystem:
 * transformers, datasets, sentence-transformers, vLLM, peft, lm-eval, LangChain wrappers, …),
 * and the same setting inside a kwargs dict (`model_kwargs={"trust_remote_code": True}`) or
 * written into one (`kwargs["trust_remote_code"] = True`).
 */
function checkPython(context: RuleContext): void {
  const facts = context.facts();
  for (const setting of flagSettings(facts.python, facts.flow, SETTING, true)) {
    const { call, form, source } = setting;
    const consequence = consequenceOf(facts, call ?? setting.receiver);
    const data = {
      consequence,
      receiver: receiverText(setting, 'a loader'),
      expression: setting.value.text,
      source: source?.description ?? '',
    };
    if (call) reportPython(context, setting, source ? 'callArgumentMayBeTrue' : 'callArgument', { ...data, callee: call.calleeText });
    else if (source) reportPython(context, setting, 'optionDictMayBeTrue', data);
    else reportPython(context, setting, form === 'pair' ? 'optionDict' : 'optionAssignment', data);
  }
}

/** What trusting remote code does for this loader: a model or dataset repository is downloaded; a local folder's code runs as it is. */
function consequenceOf(facts: CodeFacts, call: PyCall | undefined): string {
  const load = call ? loadOf(facts, call) : undefined;
  const id = load?.idArg?.value;
  if (id !== undefined && hubIdKind(id) === 'local') return `it imports and runs the Python files of the local folder "${id}"`;
  if (load?.loads === 'dataset') return 'the loader downloads and runs Python code from the dataset repository';
  if (load?.loads === 'model') return 'the loader downloads and runs Python code from the model repository';
  return 'the loader downloads and runs Python code from the model or dataset repository';
}

/** The hub load a call is; in a notebook cell (imports in an earlier cell), the loader of the same name. */
function loadOf(facts: CodeFacts, call: PyCall): Pick<HubLoad, 'loads' | 'idArg'> | undefined {
  const resolved = facts.callAt(call.node);
  const load = resolved ? facts.hubLoadOf(resolved) : undefined;
  if (load || call.imported || !resolved) return load;
  const owner = ownerName(call.callee);
  const byName = owner && !isHubClassName(owner) ? undefined : pinnableLoaderNamed(resolved.method, owner);
  if (!byName || byName.loads === 'repository') return undefined;
  return { loads: byName.loads, idArg: positionalArg(resolved.args, byName.position) };
}

function reportPython(context: RuleContext, setting: FlagSetting, messageId: string, data: MessageData): void {
  context.report({
    at: setting.node,
    messageId,
    data,
    fix: { title: 'Set trust_remote_code=False', edits: [context.edit(setting.value, 'False')], applicability: 'unsafe' },
  });
}

function reportUses(context: RuleContext, invocations: Invocation[]): void {
  for (const use of trustRemoteCodeUses(invocations, context.text)) {
    const edits = use.edits.map((edit) => ({ range: context.lines.rangeOf(edit.start, edit.end), newText: edit.newText }));
    const title = use.action === 'remove' ? `Remove ${use.spelling}` : 'Set trust_remote_code=False';
    context.report({
      at: context.lines.rangeOf(use.start, use.end),
      messageId: 'commandFlag',
      data: { spelling: use.spelling, program: use.program },
      ...(edits.length > 0 ? { fix: { title, edits, applicability: 'unsafe' as const } } : {}),
    });
  }
}
