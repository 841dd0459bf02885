import { flagSettings, receiverText } from '../facts/flags';
import type { Rule, RuleContext } from './rule';

const FLAG = 'use_safetensors';

export const aip109: Rule = {
  meta: {
    id: 'AIP109',
    name: 'safetensors-disabled',
    title: 'safetensors disabled for model loading',
    explanation:
      '`use_safetensors=False` makes Hugging Face loaders (`from_pretrained`, diffusers pipelines) skip the safetensors weights and read the pickle-based checkpoint (`pytorch_model.bin`, `.ckpt`) instead. Unpickling a checkpoint can run arbitrary code, so a tampered or malicious repository executes code on the machine that loads it; safetensors files hold only tensors and cannot.',
    remediation:
      'Set `use_safetensors=True` (or drop the argument so safetensors weights are preferred), and convert checkpoints you own to safetensors. If a model exists only as a pickle checkpoint, pin its revision to a reviewed commit and scan it before loading.',
    owasp: ['LLM03:2025', 'LLM04:2025'],
    cwe: ['CWE-502'],
    atlas: ['AML.T0011.000', 'AML.T0010.003'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'high',
    fileKinds: ['python'],
    fixable: true,
    // Unsafe: with use_safetensors=True a repository that has only pickle weights no longer loads.
    fixApplicability: 'unsafe',
    fixNote:
      'Setting `use_safetensors=True` is unsafe: a repository that has only pickle weights no longer loads, and a test may check exactly the pickle path.',
    messages: {
      callArgument: '{callee}() with {flag}=False loads pickle-based weights, which can run arbitrary code from the model files.',
      callArgumentMayBeFalse:
        '{callee}() gets {flag}={expression}, which may be False: it comes from {source}. Then it loads pickle-based weights, which can run arbitrary code from the model files.',
      optionDict:
        '"{flag}": False in the options of {receiver} makes it read pickle-based weights, which can run arbitrary code from the model files.',
      optionDictMayBeFalse:
        '"{flag}" in the options of {receiver} may be False: it comes from {source}. Then it reads pickle-based weights, which can run arbitrary code from the model files.',
    },
    references: [{ title: 'Hugging Face: safetensors', url: 'https://huggingface.co/docs/safetensors/index' }],
    evaluation:
      'Reviewed on huggingface/diffusers @58eb52c, huggingface/peft @5d602fd, huggingface/trl @f2cd577 and huggingface/cookbook @ed2c646 (129 notebooks): 10 findings, 10 correct (precision 1.00): all 9 places diffusers disables safetensors (4 of them through `use_safetensors = False` then `use_safetensors=use_safetensors`), all in its tests.',
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'model = AutoModel.from_pretrained(name, use_safetensors=False)',
      good: 'model = AutoModel.from_pretrained(name, use_safetensors=True)',
    },
  },
  triggers: [FLAG],
  check(context: RuleContext) {
    const facts = context.facts();
    for (const setting of flagSettings(facts.python, facts.flow, FLAG, false)) {
      const { call, node, value, source } = setting;
      // Unsafe: with use_safetensors=True a repository that has only pickle weights no longer loads.
      const fix = {
        title: call ? `Set ${FLAG}=True` : `Set ${FLAG} to True`,
        edits: [context.edit(value, 'True')],
        applicability: 'unsafe' as const,
      };
      if (call) {
        context.report({
          at: node,
          messageId: source ? 'callArgumentMayBeFalse' : 'callArgument',
          data: { callee: call.calleeText, flag: FLAG, expression: value.text, source: source?.description ?? '' },
          fix,
        });
        continue;
      }
      // Options passed on through a dict, e.g. `pipeline(..., model_kwargs={"use_safetensors": False})`, or `kwargs["…"] = False`.
      context.report({
        at: node,
        messageId: source ? 'optionDictMayBeFalse' : 'optionDict',
        data: { flag: FLAG, receiver: receiverText(setting, 'a loader'), source: source?.description ?? '' },
        fix,
      });
    }
  },
};
