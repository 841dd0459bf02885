import * as assert from 'node:assert/strict';
import { frameworkYamlOf } from '../../../server/src/engine/inventory/frameworkPrompts';
import { find, inventoryOf, propertyValues, summary } from './helpers';

const INSTRUCTIONS = [
  'content: |-',
  '  ## On your profile and general capabilities:',
  '  - Given a chat history and a previous summary, update the existing summary or create a new one.',
  '  - You should focus on summarizing the plan and its execution status in each round.',
  '',
].join('\n');

describe('inventory: agent frameworks prompt, role, example and plugin YAML', () => {
  it('classifies YAML by name and folder', () => {
    const cases: [string, string | undefined][] = [
      ['taskweaver/planner/planner_prompt.yaml', 'prompt-file'],
      ['taskweaver/code_interpreter/code_generator_prompt_cli_only.yaml', 'prompt-file'],
      ['app/prompts.yml', 'prompt-file'],
      ['src/smolagents/prompts/code_agent.yaml', 'prompt-file'],
      ['benchmark/configs/prompts.json', 'prompt-file'],
      ['src/locales/en/prompts.json', undefined],
      ['taskweaver/ext_role/echo/echo.role.yaml', 'role'],
      ['project/examples/planner_examples/example-planner-echo.yaml', 'examples'],
      ['project/plugins/klarna_search.yaml', 'plugin'],
      ['flows/chat/flow.dag.yaml', 'flow'],
      ['.github/workflows/prompt.yml', undefined],
      ['.github/prompts/summarize.prompt.yml', undefined],
      ['config/prompt_toolkit.json', undefined],
      ['examples/config.yaml', undefined],
      ['ci/promptly.yaml', undefined],
    ];
    for (const [path, expected] of cases) assert.equal(frameworkYamlOf(path), expected, path);
  });

  it('prompt files, role intros and few-shot conversations by convention; data and labels are not', async () => {
    const bom = await inventoryOf({
      'taskweaver/planner/compression_prompt.yaml': `version: 0.1\n${INSTRUCTIONS}`,
      'taskweaver/ext_role/echo/echo.role.yaml':
        'alias: Echo\nmodule: taskweaver.ext_role.echo.echo.Echo\nintro : |-\n  - Echo is responsible for echoing the user input.\n',
      'project/examples/planner_examples/example-planner-echo.yaml': [
        'enabled: True',
        'rounds:',
        "  - user_query: echo 'Hello World'",
        '    post_list:',
        "      - message: echo 'Hello World'",
        '        send_from: User',
        '        send_to: Planner',
        '',
      ].join('\n'),
      // Near misses: a prompt-named file of labels, a role without an intro, example data that is no conversation.
      'cli/prompts.yaml': 'project_name: What is your project called?\nlicense: Which license?\n',
      'roles/admin.role.yaml': 'alias: Admin\npermissions: [read, write]\n',
      'tests/unit_examples/case1.yaml': 'input: 3\nexpected: 9\n',
      'benchmark/configs/prompts.json': JSON.stringify({
        medium: ['Explain the concept of low-rank adaptation for large language models. Include its benefits and limitations.'],
      }),
      'cli/ui_prompts.json': JSON.stringify({ name: 'What is your name?', confirm: 'Are you sure?' }),
    });
    assert.deepEqual(summary(bom), [
      'prompt benchmark/configs/prompts.json',
      'prompt project/examples/planner_examples/example-planner-echo.yaml',
      'prompt taskweaver/ext_role/echo/echo.role.yaml',
      'prompt taskweaver/planner/compression_prompt.yaml',
    ]);
    assert.deepEqual(propertyValues(find(bom, 'prompt', 'taskweaver/ext_role/echo/echo.role.yaml'), 'prompt:type'), ['role']);
  });

  it("a configuration's prompt key holding prose is a prompt at path#key; short values and workflows are not", async () => {
    const bom = await inventoryOf({
      'web_explorer/web_explorer_config.yaml': [
        'prompt: |-',
        '  You need to help a user do this task: {objective}',
        '  ## Available actions',
        '  - open a URL, click on a web element, type a message, or view the content on the current page.',
        '  - stop if you consider the task is done or you need to get input from the user.',
        '',
      ].join('\n'),
      'agent/settings.yaml': [
        'agent:',
        '  system_prompt: |',
        '    You are a careful support assistant. Answer only from the documents you are given,',
        '    and say that you do not know when they do not hold the answer.',
        '',
      ].join('\n'),
      'app/ui.yaml': 'prompt: Enter your name\nsubmit_prompt: Press enter to continue with the installation\n',
      'recipes/grpo/config_demo.yaml':
        'model_name_or_path: Qwen/Qwen2.5-1.5B-Instruct\nsystem_prompt: "You are a helpful AI Assistant that provides well-reasoned and detailed responses."\n',
      'app/defaults.yaml': 'system_prompt: default\nsystem_message: Use the settings page\n',
      '.github/workflows/review.yml': `on: push\njobs:\n  a:\n    steps:\n      - with:\n          prompt: |\n${INSTRUCTIONS}`,
    });
    assert.deepEqual(
      summary(bom).filter((line) => line.startsWith('prompt')),
      [
        'prompt agent/settings.yaml#agent.system_prompt',
        'prompt recipes/grpo/config_demo.yaml#system_prompt',
        'prompt web_explorer/web_explorer_config.yaml#prompt',
      ],
    );
    assert.equal(find(bom, 'prompt', 'web_explorer/web_explorer_config.yaml#prompt').occurrences[0]?.line, 1);
  });

  it('a training recipe chat template that writes a default system message; bare role-tag templates are not', async () => {
    const smol =
      "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}";
    const bare =
      "{% for message in messages %}{% if message['role'] == 'system' and not loop.first %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant and the system message comes first') }}{% endif %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";
    const bom = await inventoryOf({
      'recipes/smollm2/sft/config.yaml': `model_name_or_path: HuggingFaceTB/SmolLM2-1.7B\nchat_template: ${JSON.stringify(smol)}\n`,
      'recipes/zephyr/sft/config.yaml': `chat_template: ${JSON.stringify(bare)}\n`,
    });
    const prompts = summary(bom).filter((line) => line.startsWith('prompt'));
    assert.deepEqual(prompts, ['prompt recipes/smollm2/sft/config.yaml#chat_template']);
    assert.deepEqual(propertyValues(find(bom, 'prompt', 'recipes/smollm2/sft/config.yaml#chat_template'), 'prompt:type'), [
      'chat-template',
    ]);
  });

  it('a ConfigMap of chat templates for a model server: the entry that writes a default system message', async () => {
    const tool = [
      "{%- if messages[0]['role'] == 'system' %}",
      "    {%- set system_message = messages[0]['content']|trim %}",
      '{%- else %}',
      '    {%- set system_message = "You are a helpful assistant with tool calling capabilities. Only reply with a tool call if the function exists." %}',
      '{%- endif %}',
      '{{- "<|start_header_id|>system<|end_header_id|>\\n\\n" + system_message + "<|eot_id|>" }}',
    ];
    const bare = ["{%- for message in messages %}{{ '<|' + message['role'] + '|>' + message['content'] }}{%- endfor %}"];
    const block = (lines: string[]) => lines.map((line) => `    ${line}`).join('\n');
    const bom = await inventoryOf({
      'deploy/deploy-llm.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: vllm',
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: llama-chat-templates',
        'data:',
        '  tool_chat_template_llama3.1_json.jinja: |',
        block(tool),
        '  bare_chat_template.jinja: |',
        block(bare),
        '',
      ].join('\n'),
      // Near miss: a ConfigMap entry that is no chat template.
      'deploy/other.yaml': ['kind: ConfigMap', 'data:', '  page.jinja: |', block(tool), ''].join('\n'),
    });
    const prompts = summary(bom).filter((line) => line.startsWith('prompt'));
    assert.deepEqual(prompts, ['prompt deploy/deploy-llm.yaml#tool_chat_template_llama3.1_json.jinja']);
  });

  it('Prompt flow: the templates its llm and prompt nodes render, kept when the file exists', async () => {
    const flow = [
      'nodes:',
      '- name: chat',
      '  type: llm',
      '  source:',
      '    type: code',
      '    path: chat.jinja2',
      '  api: chat',
      '- name: format',
      '  type: python',
      '  source:',
      '    type: code',
      '    path: format.py',
      '- name: missing',
      '  type: prompt',
      '  source:',
      '    type: code',
      '    path: gone.jinja2',
      '',
    ].join('\n');
    const bom = await inventoryOf({
      'flows/chat/flow.dag.yaml': flow,
      'flows/chat/chat.jinja2': 'system:\nYou are a helpful assistant.\n{{question}}\n',
      'flows/chat/format.py': 'def format(x):\n    return x\n',
    });
    assert.deepEqual(summary(bom), ['prompt flows/chat/chat.jinja2']);
  });

  it('TaskWeaver plugins: plugins/<name>.yaml with its name, description, parameters and returns', async () => {
    const plugin = [
      'name: klarna_search',
      'enabled: true',
      'description: >-',
      '  Search and compare prices from thousands of online shops.',
      'parameters:',
      '  - name: query',
      '    type: str',
      'returns:',
      '  - name: df',
      '    type: DataFrame',
      '',
    ].join('\n');
    const bom = await inventoryOf({
      'project/plugins/klarna_search.yaml': plugin,
      // Near misses: another name than the file's, a plugin list without parameters.
      'project/plugins/other.yaml': plugin,
      'deploy/plugins/list.yaml': 'name: list\ndescription: Plugins we install\nitems: [a, b]\n',
    });
    assert.deepEqual(summary(bom), ['plugin klarna_search']);
    assert.deepEqual(propertyValues(find(bom, 'plugin', 'klarna_search'), 'plugin:type'), ['taskweaver-plugin']);
  });

  it('Bedrock agent action groups in CDK, Terraform and CloudFormation; built-in groups are not listed', async () => {
    const bom = await inventoryOf({
      'stacks/agent_stack.py': [
        'from aws_cdk import aws_bedrock as bedrock',
        'bedrock.CfnAgent.AgentActionGroupProperty(',
        '    action_group_name="GitHubAPIs",',
        '    description="Use this action to access GitHub repositories.",',
        ')',
        'bedrock.CfnAgent.AgentActionGroupProperty(action_group_name=name_from_settings)',
        '',
      ].join('\n'),
      'main.tf': [
        'resource "aws_bedrockagent_agent_action_group" "code_interpreter" {',
        '  action_group_name             = "CodeInterpreter"',
        '  parent_action_group_signature = "AMAZON.CodeInterpreter"',
        '}',
        'resource "aws_bedrockagent_agent_action_group" "tickets" {',
        '  action_group_name = "TicketManager"',
        '}',
        '',
      ].join('\n'),
      'lib/agent-stack.ts': [
        "import { bedrock } from '@cdklabs/generative-ai-cdk-constructs';",
        "const group = new bedrock.AgentActionGroup({ name: 'query-library', description: 'Use these functions', executor });",
        "const settings = new Config({ name: 'not-a-group' });",
        '',
      ].join('\n'),
      'template.yaml':
        'Resources:\n  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties:\n      ActionGroups:\n        - ActionGroupName: OrderLookup\n',
    });
    const plugins = summary(bom).filter((line) => line.startsWith('plugin'));
    assert.deepEqual(plugins, [
      'plugin GitHubAPIs (aws-bedrock)',
      'plugin OrderLookup (aws-bedrock)',
      'plugin TicketManager (aws-bedrock)',
      'plugin query-library (aws-bedrock)',
    ]);
  });

  it('Bedrock action groups from the parsed forms: Cloud Control lists, CloudFormation JSON, SDK calls, CDK signatures', async () => {
    const bom = await inventoryOf({
      'infra/agent.tf': [
        'resource "awscc_bedrock_agent" "agent" {',
        '  agent_name = "support"',
        '  action_groups = [',
        '    { action_group_name = "Refunds" },',
        '    { action_group_name = "UserInput", parent_action_group_signature = "AMAZON.UserInput" },',
        '  ]',
        '}',
        '',
      ].join('\n'),
      'template.json': JSON.stringify({
        Resources: {
          Agent: {
            Type: 'AWS::Bedrock::Agent',
            Properties: {
              ActionGroups: [{ ActionGroupName: 'Inventory' }, { ActionGroupName: 'Ask', ParentActionGroupSignature: 'AMAZON.UserInput' }],
            },
          },
        },
      }),
      'scripts/create_agent.py': [
        'import boto3',
        "client = boto3.client('bedrock-agent')",
        "client.create_agent_action_group(agentId=agent_id, actionGroupName='Weather', functionSchema=schema)",
        '',
      ].join('\n'),
      'lib/stack.ts': [
        "import { bedrock } from '@cdklabs/generative-ai-cdk-constructs';",
        "new bedrock.AgentActionGroup({ name: 'ask-user', parentActionGroupSignature: bedrock.ParentActionGroupSignature.USER_INPUT });",
        '',
      ].join('\n'),
      // Near miss: a test event of a Lambda behind an action group is not a definition.
      'events/invoke.json': '{"actionGroup": "Weather", "actionGroupName": "FromEvent"}',
    });
    const plugins = summary(bom).filter((line) => line.startsWith('plugin'));
    assert.deepEqual(plugins, ['plugin Inventory (aws-bedrock)', 'plugin Refunds (aws-bedrock)', 'plugin Weather (aws-bedrock)']);
  });
});
