import { FLOW_LIMITS, taintRule } from './taintRule';

export const aip301 = taintRule({
  sources: 'user',
  sink: 'system-prompt',
  triggers: ['system', 'instructions', 'SystemMessage'],
  meta: {
    id: 'AIP301',
    name: 'user-input-in-system-prompt',
    title: 'User input in the system prompt',
    explanation:
      'Models give the system (or developer) role more authority than the user role: it is where the application states its rules. Building that message from request data, CLI arguments or console input lets whoever sends the request write the application\'s instructions ("ignore the rules above…"), which is direct prompt injection with the highest privilege the conversation has.',
    remediation:
      'Keep the system prompt constant (or built only from values you control), and send user input in a `user` message. If user-chosen settings must shape the instructions, map them to fixed text (an enum of personas or languages) instead of interpolating the raw value, and delimit any user text as data.',
    owasp: ['LLM01:2025', 'LLM07:2025'],
    cwe: ['CWE-77', 'CWE-1427'],
    atlas: ['AML.T0051.000'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'medium',
    fileKinds: ['python', 'notebook', 'javascript', 'typescript', 'tsx'],
    fixable: false,
    messages: {
      flow: '{source} read {where} reaches {sink}: whoever sends it writes your instructions with system-level authority (prompt injection). Keep the system prompt constant and pass user input in a user message.',
    },
    references: [
      { title: 'OWASP LLM01:2025 Prompt Injection', url: 'https://genai.owasp.org/llmrisk/llm01-prompt-injection/' },
      { title: 'OpenAI: model spec, chain of command', url: 'https://model-spec.openai.com/2025-02-12.html#chain_of_command' },
    ],
    limits: [
      ...FLOW_LIMITS,
      'Placeholders filled later (`ChatPromptTemplate` `("system", "…{topic}…")` then `.invoke({"topic": user_value})`, `.prompty` inputs) are not followed into the template; AIP304 covers `.prompty` files.',
      'Request data reached through framework-specific objects not listed (Django REST `serializer.validated_data`, custom request wrappers) is not a source.',
      'Next.js dynamic route `params` passed as the second handler argument are not a source yet.',
      'Streamlit text widgets (`st.text_input`, `st.text_area`, `st.chat_input`) are sources; Gradio event-handler parameters and other UI frameworks are not yet.',
    ],
    evaluation:
      "Reviewed on 24 agent and LLM application repositories (no finding of this rule; flows through methods of classes in other modules are not followed) and public Flask and Streamlit files: 2 findings, 2 correct (precision 1.00): `request.json['prompts']` stored as a chat's system message, and `st.text_input()` formatted into the system message (a miss until Streamlit widgets became sources).",
    since: '0.2.0',
    example: {
      language: 'python',
      bad: 'tone = request.json["tone"]\nmessages = [{"role": "system", "content": f"Answer in a {tone} tone."}, {"role": "user", "content": question}]',
      good: 'tone = TONES.get(request.json["tone"], TONES["neutral"])\nmessages = [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": question}]',
    },
  },
});
