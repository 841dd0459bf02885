import * as assert from 'node:assert/strict';
import { inventoryOf } from './helpers';

/** The workspace's prompt names, sorted, must be `expected`. */
async function expectPrompts(files: Record<string, string>, expected: string[]): Promise<void> {
  const bom = await inventoryOf(files);
  const names = bom.components.filter((component) => component.kind === 'prompt').map((component) => component.name);
  assert.deepEqual(names.sort(), expected);
}

const notebook = (cells: string[]) =>
  JSON.stringify({ cells: cells.map((source) => ({ cell_type: 'code', source })), metadata: {}, nbformat: 4, nbformat_minor: 5 });

describe('inventory: LangChain and LlamaIndex prompt template objects', () => {
  it('names a template by the variable it is bound to (module, attribute, from_template)', async () => {
    const text = [
      'from langchain_core.prompts import PromptTemplate',
      'from langchain_openai import ChatOpenAI',
      '',
      'llm = ChatOpenAI(model="gpt-4o-mini")',
      'relevance_prompt = PromptTemplate(',
      '    input_variables=["query", "context"],',
      `    template="Given the query '{query}' and the context '{context}', determine if the context is relevant.",`,
      ')',
      'question_gen_prompt = PromptTemplate.from_template("Generate {num_questions} diverse test questions about climate change:")',
      '',
      'class HyDERetriever:',
      '    def __init__(self):',
      '        self.hyde_prompt = PromptTemplate(',
      '            input_variables=["query"],',
      `            template="""Given the question '{query}', generate a hypothetical document that answers this question.""",`,
      '        )',
      '        self.hyde_chain = self.hyde_prompt | llm',
    ].join('\n');
    await expectPrompts({ 'rag.py': text }, ['rag.py#hyde_prompt', 'rag.py#question_gen_prompt', 'rag.py#relevance_prompt']);
  });

  it('names a generic template by its function, or by the chain it starts; reads the system text of a variable', async () => {
    const cells = [
      'from langchain_core.prompts import ChatPromptTemplate, PromptTemplate\nfrom langchain_groq import ChatGroq\nllm = ChatGroq(model="llama-3.1-8b-instant")\n',
      [
        'system = """You are an assistant for question-answering tasks. Answer the question based upon your knowledge.',
        'Use three-to-five sentences maximum and keep the answer concise."""',
        'prompt = ChatPromptTemplate.from_messages(',
        '    [',
        '        ("system", system),',
        '        ("human", "Retrieved documents: {documents} User question: {question}"),',
        '    ]',
        ')',
        'rag_chain = prompt | llm',
        '',
        'def rerank_documents(query, docs):',
        '    prompt_template = PromptTemplate(',
        '        input_variables=["query", "doc"],',
        '        template="""On a scale of 1-10, rate the relevance of the following document to the query.',
        '        Query: {query}',
        '        Document: {doc}"""',
        '    )',
        '    return prompt_template | llm',
      ].join('\n'),
    ];
    await expectPrompts({ 'rag.ipynb': notebook(cells) }, ['rag.ipynb#rag_chain', 'rag.ipynb#rerank_documents', 'rag.ipynb#system']);
  });

  it("takes LangChain's keywords for its import where a helper's star import hides it", async () => {
    const cells = [
      'import openai\nfrom helper_functions import *\n',
      [
        'class HyDERetriever:',
        '    def __init__(self):',
        '        self.llm = ChatOpenAI(temperature=0, model_name="gpt-4o-mini")',
        '        self.hyde_prompt = PromptTemplate(',
        '            input_variables=["query"],',
        `            template="Given the question '{query}', generate a hypothetical document that answers this question.",`,
        '        )',
      ].join('\n'),
    ];
    await expectPrompts({ 'hyde.ipynb': notebook(cells) }, ['hyde.ipynb#hyde_prompt']);
  });

  it('leaves a template of a named text to that text, templates without prose, other libraries and tests', async () => {
    const langchain = [
      'from langchain_core.prompts import PromptTemplate',
      'label_prompt = PromptTemplate.from_template("{title}: {body}")',
      'short_prompt = PromptTemplate(template="Summarize {text}")',
      'RAG_TEMPLATE = "Answer the question using only the context below. {context} Question: {question}"',
      'prompt = PromptTemplate(template=RAG_TEMPLATE, input_variables=["context", "question"])',
    ].join('\n');
    // Another library's `PromptTemplate` (a form builder) is not a model prompt.
    const other = [
      'from forms.templates import PromptTemplate',
      'name_prompt = PromptTemplate("Please enter the full name of the person you would like to invite.")',
    ].join('\n');
    const test = [
      'from langchain_core.prompts import PromptTemplate',
      'sample_prompt = PromptTemplate.from_template("Tell me a short joke about {topic} and explain why it is funny.")',
    ].join('\n');
    await expectPrompts({ 'chain.py': langchain, 'forms.py': other, 'tests/test_chain.py': test }, ['chain.py#RAG_TEMPLATE']);
  });

  it('templates an adapter returns with a default system prompt filled in: by the function, or by the chat-tag constant', async () => {
    const mistral = [
      'from langchain.prompts import PromptTemplate',
      'class MistralAdapter:',
      '    def get_qa_prompt(self, custom_prompt):',
      '        if custom_prompt:',
      '            system_prompt = custom_prompt',
      '        else:',
      '            system_prompt = "Use the following pieces of context to answer the question at the end."',
      '        template = """<s>[INST] {system_prompt}[/INST]',
      '{context}',
      '</s>[INST] {question} [/INST]"""',
      '        return PromptTemplate.from_template(template).partial(system_prompt=system_prompt)',
      '    def get_prompt(self, custom_prompt=None):',
      '        template = """The following is a friendly conversation between a human and an AI.',
      'Current conversation: {chat_history}',
      'Question: {input}"""',
      '        return PromptTemplate.from_template(template)',
      // Near miss: a template without prose, filled with the caller's text only.
      '    def get_raw_prompt(self, custom_prompt):',
      '        return PromptTemplate.from_template("[INST] {system_prompt} {input} [/INST]").partial(system_prompt=custom_prompt)',
    ].join('\n');
    const llama = [
      'from langchain.prompts import PromptTemplate',
      'Llama2ChatQAPrompt = """<s>[INST] <<SYS>>\\n{system_prompt}\\n<</SYS>>\\n\\n{chat_history}<s>[INST] Context: {context}\\n\\n{question} [/INST]"""',
      'def get_llama2_chat_qa_template(custom_prompt: str) -> PromptTemplate:',
      '    if custom_prompt:',
      '        system_prompt = custom_prompt',
      '    else:',
      '        system_prompt = "Use the conversation history and pieces of context to answer the question at the end."',
      '    return PromptTemplate.from_template(Llama2ChatQAPrompt).partial(system_prompt=system_prompt)',
    ].join('\n');
    await expectPrompts({ 'adapters/mistral.py': mistral, 'shared/llama2_chat.py': llama }, [
      'adapters/mistral.py#get_prompt',
      'adapters/mistral.py#get_qa_prompt',
      'shared/llama2_chat.py#Llama2ChatQAPrompt',
    ]);
  });

  it('a dict of prompts per language in a prompts module or LLM code; not a command line questions dict', async () => {
    await expectPrompts(
      {
        'adapters/shared/prompts/system_prompts.py': [
          'prompts = {',
          '    "en": {',
          '        "qa_prompt": (',
          '            "Use the following pieces of context to answer the question at the end. "',
          '            "If you don\'t know the answer, just say that you don\'t know."',
          '        ),',
          '        "question_word": "Question",',
          '    },',
          '    "fr-ca": {"question_word": "Question"},',
          '}',
        ].join('\n'),
        // Near misses: questions a setup script asks a person; a prompts dict of labels only.
        'setup/wizard.py': [
          'import getpass',
          'prompts = {"user_prompt": "Please enter the user name you would like to use for the new account"}',
        ].join('\n'),
        'app/prompts/labels.py': 'prompts = {"en": {"title_prompt": "Title"}}',
      },
      ['adapters/shared/prompts/system_prompts.py#prompts'],
    );
  });
});

describe('inventory: agent prompt parts joined into a system message', () => {
  const parts = [
    'PREFIX = """The Cymbal Air Customer Service Assistant helps customers of Cymbal Air with their travel needs."""',
    'TOOLS_PREFIX = """',
    'TOOLS:',
    'Assistant can ask the user to use tools to look up information that may be helpful. The tools are:',
    '"""',
    'FORMAT_INSTRUCTIONS = """When responding, please output a response in one of two formats. Must be one of {tool_names}"""',
    'SUFFIX = """Begin! Use tools if necessary. Respond directly if appropriate."""',
    'SEPARATOR = "-----"',
  ];
  const build = (messages: string) =>
    [
      'from langchain_core.prompts import ChatPromptTemplate',
      '',
      'def create_prompt_template(tools):',
      '    tool_strings = "\\n".join([t.name for t in tools])',
      '    format_instructions = FORMAT_INSTRUCTIONS.format(tool_names=tool_strings)',
      '    template = "\\n\\n".join([PREFIX, TOOLS_PREFIX, tool_strings, format_instructions, SUFFIX, SEPARATOR])',
      `    return ChatPromptTemplate.from_messages([${messages}])`,
      '',
      ...parts,
    ].join('\n');

  it('lists each constant of a join bound to the system message, a formatted one included', async () => {
    await expectPrompts({ 'orchestrator.py': build('("system", template), ("human", "{input}")') }, [
      'orchestrator.py#FORMAT_INSTRUCTIONS',
      'orchestrator.py#PREFIX',
      'orchestrator.py#SUFFIX',
      'orchestrator.py#TOOLS_PREFIX',
    ]);
  });

  it('not when the join is no system message', async () => {
    await expectPrompts({ 'orchestrator.py': build('("placeholder", "{messages}"), ("ai", template)') }, []);
  });
});

describe('inventory: literal user messages of model calls', () => {
  it('names a question or instruction written as the user message by its line', async () => {
    const text = [
      'from openai import OpenAI',
      'from langchain_core.messages import HumanMessage',
      '',
      'client = OpenAI()',
      'response = client.chat.completions.create(',
      '    model="gpt-4o",',
      '    messages=[',
      '        {"role": "system", "content": "Extract the event information."},',
      '        {"role": "user", "content": "Alice and Bob are going to a science fair on Friday."},',
      '    ],',
      ')',
      'decline = HumanMessage(',
      '    content="I changed my mind. Decline ticket booking."',
      ')',
      'parts = [{"role": "user", "content": [{"text": "Please continue your response from where you left off."}]}]',
    ].join('\n');
    await expectPrompts({ 'basic.py': text }, ['basic.py#system@8', 'basic.py#user@13', 'basic.py#user@15', 'basic.py#user@9']);
  });

  it('not a short reply, a template, the user input, code without an LLM SDK, a test or a notebook', async () => {
    const text = [
      'from openai import OpenAI',
      'from langchain_core.messages import HumanMessage',
      '',
      'def ask(client, question, context):',
      '    ok = HumanMessage("Looks good to me.")',
      '    return client.chat.completions.create(model="gpt-4o", messages=[',
      '        {"role": "user", "content": question},',
      '        {"role": "user", "content": f"Answer the question {question} from the context {context} only."},',
      '    ])',
    ].join('\n');
    const task =
      'from smolagents import CodeAgent, InferenceClientModel\nagent = CodeAgent(tools=[], model=InferenceClientModel())\nagent.run("How can I push a model to the Hub?")\n';
    const plain = 'messages = [{"role": "user", "content": "What is the weather like in Paris today?"}]\nsend(messages)\n';
    // A unit test with a test double (a live test is read: `liveTestPrompts.test.ts`).
    const test = [
      'from openai import OpenAI',
      'client = OpenAI(http_client=MockTransport())',
      'client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Tell me a story about two matrices."}])',
    ].join('\n');
    const notebookText = notebook([test]);
    await expectPrompts({ 'ask.py': text, 'agent.py': task, 'chat.py': plain, 'tests/test_chat.py': test, 'demo.ipynb': notebookText }, []);
  });
});

describe('inventory: prompts of tests', () => {
  it('a prompt-named fixture of a test is the test sample, not a prompt', async () => {
    const conftest = [
      'import pytest',
      'from mcp.server.fastmcp import FastMCP',
      '',
      '@pytest.fixture',
      'def sample_text_prompt():',
      '    return "A beautiful mountain landscape with a lake in the foreground and snowy peaks"',
    ].join('\n');
    const shipped = [
      'from anthropic import Anthropic',
      '',
      'def build_review_prompt(diff):',
      '    return f"""You are a careful reviewer. Review the following change and list its risks.\\n{diff}"""',
    ].join('\n');
    await expectPrompts({ 'tests/conftest.py': conftest, 'review.py': shipped }, ['review.py#build_review_prompt']);
  });
});

describe('inventory: prompt functions built piece by piece', () => {
  it('a prompt-named function appending prose for the model (+=); not one appending a report for people', async () => {
    const prompts = [
      'from openai import OpenAI',
      '',
      'def build_base_prompt(prompt, assistant):',
      '    full_prompt = ""',
      '    if assistant:',
      '        full_prompt += f"You are not an AI. You are {assistant.name}. Answer as that person would."',
      '    full_prompt += f"User Instructions: {prompt}"',
      '    return full_prompt',
      '',
      'def build_usage_prompt(rows):',
      '    text = ""',
      '    text += "Total tokens used by the workspace this month"',
      '    text += f": {sum(rows)}"',
      '    return text',
    ].join('\n');
    await expectPrompts({ 'build_prompt.py': prompts }, ['build_prompt.py#build_base_prompt']);
  });
});
