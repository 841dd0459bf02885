import { FLOW_LIMITS, taintRule } from './taintRule';

export const aip404 = taintRule({
  sources: 'llm',
  sink: 'html',
  triggers: [
    'innerHTML',
    'outerHTML',
    'insertAdjacentHTML',
    'document.write',
    'dangerouslySetInnerHTML',
    'Markup',
    'mark_safe',
    'render_template_string',
    'unsafe_allow_html',
    'HTMLResponse',
    'st.html',
  ],
  meta: {
    id: 'AIP404',
    name: 'llm-output-to-html',
    title: 'LLM output rendered as HTML',
    explanation:
      "Model output can carry markup an attacker asked for through a prompt injection: a `<script>`, an `onerror` handler, or a markdown image whose URL leaks the conversation to the attacker's server. Writing it to `innerHTML`, `outerHTML`, `insertAdjacentHTML`, `document.write` or React's `dangerouslySetInnerHTML`, or marking it safe with `Markup`, `mark_safe`, `render_template_string` or Streamlit's `unsafe_allow_html=True`, runs that markup in the user's browser (cross-site scripting).",
    remediation:
      'Render model output as text (`textContent`, JSX children, template autoescaping), or sanitise it right before rendering with DOMPurify, sanitize-html, bleach or nh3. For markdown, render with raw HTML disabled, sanitise the result, and block remote images with a Content-Security-Policy.',
    owasp: ['LLM05:2025'],
    cwe: ['CWE-79'],
    atlas: ['AML.T0077'],
    defaultSeverity: 'warning',
    securitySeverity: 6.5,
    confidence: 'medium',
    fileKinds: ['python', 'notebook', 'javascript', 'typescript', 'tsx'],
    fixable: false,
    messages: {
      flow: '{source} {where} reaches {sink} without a sanitiser: prompt injection can make the model answer with script or an image that leaks data. Render it as text, or sanitise it (DOMPurify, bleach) right before rendering.',
    },
    references: [
      { title: 'OWASP LLM05:2025 Improper Output Handling', url: 'https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/' },
      { title: 'DOMPurify', url: 'https://github.com/cure53/DOMPurify' },
    ],
    limits: [
      ...FLOW_LIMITS,
      'Vue `v-html`, Svelte `{@html}` and Jinja `|safe` in templates are not analysed (template files are not code files).',
      'Values passed through React state or props into another component are not followed.',
    ],
    evaluation:
      "Reviewed on 24 agent and LLM application repositories (no finding of this rule) and three public Streamlit apps: 3 findings, 3 correct (precision 1.00), all `st.markdown(..., unsafe_allow_html=True)` of model output. Front ends that render a backend's JSON with `innerHTML` are not reported: the model call is in another tier.",
    since: '0.2.0',
    example: {
      language: 'typescript',
      bad: 'const { text } = await generateText({ model, prompt });\noutput.innerHTML = marked.parse(text);',
      good: 'const { text } = await generateText({ model, prompt });\noutput.innerHTML = DOMPurify.sanitize(marked.parse(text));',
    },
  },
});
