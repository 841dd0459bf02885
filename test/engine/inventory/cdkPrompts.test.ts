import * as assert from 'node:assert/strict';
import { inventoryOf } from './helpers';

async function promptNames(files: Record<string, string>): Promise<string[]> {
  const bom = await inventoryOf(files);
  return bom.components.filter((component) => component.kind === 'prompt').map((component) => component.name);
}

const PYTHON_STACK = `from aws_cdk import Stack, aws_bedrock as bedrock, aws_stepfunctions as sfn, aws_stepfunctions_tasks as tasks
from .util import get_claude_invoke_chain


class SequentialChain(Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        get_summary = tasks.BedrockInvokeModel(
            self,
            "Generate Book Summary",
            model=model,
            body=sfn.TaskInput.from_object(
                {
                    "messages": [
                        {"role": "user", "content": [{"type": "text", "text": sfn.JsonPath.format("Write a 1-2 sentence summary for the book {}.", sfn.JsonPath.string_at("$$.Execution.Input"))}]},
                        {"role": sfn.JsonPath.string_at("$.Body.role"), "content": sfn.JsonPath.string_at("$.Body.content")},
                    ],
                    "max_tokens": 250,
                }
            ),
        )
        plot_job = get_claude_invoke_chain(
            self,
            "Describe the Plot",
            prompt=sfn.JsonPath.format("Write a paragraph describing the plot of the book {}.", sfn.JsonPath.string_at("$$.Execution.Input.novel")),
        )
        summary_content = "Write a 1-2 sentence summary for the book Pride & Prejudice."
        summary_prompt = bedrock.CfnPrompt(
            self,
            "GetSummaryPrompt",
            name="Flows-GetSummary",
            variants=[
                bedrock.CfnPrompt.PromptVariantProperty(
                    name="default",
                    template_configuration=bedrock.CfnPrompt.PromptTemplateConfigurationProperty(
                        chat=bedrock.CfnPrompt.ChatPromptTemplateConfigurationProperty(
                            messages=[bedrock.CfnPrompt.MessageProperty(content=[bedrock.CfnPrompt.ContentBlockProperty(text=summary_content)], role="user")],
                        ),
                    ),
                    inference_configuration=bedrock.CfnPrompt.PromptInferenceConfigurationProperty(
                        text=bedrock.CfnPrompt.PromptModelInferenceConfigurationProperty(max_tokens=250),
                    ),
                )
            ],
        )
`;

const TYPESCRIPT_STACK = `import * as cdk from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';

export class ChainStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    const getSummary = new tasks.BedrockInvokeModel(this, 'Summary', {
      model,
      body: sfn.TaskInput.fromObject({
        messages: [{ role: 'user', content: [{ type: 'text', text: sfn.JsonPath.format('Write a 1-2 sentence summary for the book {}.', sfn.JsonPath.stringAt('$$.Execution.Input')) }] }],
      }),
    });
    new bedrock.CfnPrompt(this, 'AdvertisementPrompt', {
      name: 'GetAdvertisement',
      variants: [{ name: 'default', templateType: 'TEXT', templateConfiguration: { text: { text: 'Now write a short advertisement for the novel {{title}}.' } } }],
    });
  }
}
`;

describe('inventory: prompts in AWS CDK apps', () => {
  it('lists the messages of Step Functions Bedrock tasks, helper prompts and Bedrock prompt resources (Python)', async () => {
    assert.deepEqual((await promptNames({ 'stacks/chain.py': PYTHON_STACK })).sort(), [
      'stacks/chain.py#get_summary',
      'stacks/chain.py#plot_job',
      'stacks/chain.py#summary_prompt',
    ]);
  });

  it('lists the same constructs written in TypeScript, by variable or by line', async () => {
    assert.deepEqual((await promptNames({ 'lib/chain-stack.ts': TYPESCRIPT_STACK })).sort(), [
      'lib/chain-stack.ts#getSummary',
      'lib/chain-stack.ts#prompt@15',
    ]);
  });

  it('reads the instruction of a Bedrock agent construct in a CDK file that names no model', async () => {
    const stack = `import * as cdk from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';

export class AgentStack extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new bedrock.CfnAgent(this, 'Agent', {
      agentName: 'repo-agent',
      instruction: 'You are a GitHub power user. You help with interacting with GitHub and with git repositories.',
      foundationModel: props.modelId,
    });
  }
}
`;
    assert.deepEqual(await promptNames({ 'lib/agent-stack.ts': stack }), ['lib/agent-stack.ts#system@9']);
  });

  it('reads nothing from CDK code without prose at a prompt position, nor prompt keywords outside the CDK', async () => {
    const infra = `from aws_cdk import Stack, aws_lambda as lambda_, aws_stepfunctions as sfn
class Infra(Stack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        job = sfn.Pass(self, "Select Final Answer", output_path="$.model_outputs.response")
        ask = make_step(self, "Ask", prompt="Enter a name")
        fn = lambda_.Function(self, "Fn", description="Fetches the trending repositories of the day from GitHub")
`;
    const cli = `import click
@click.command()
@click.option("--name", prompt="Please enter the name of the user to greet today")
def hello(name):
    print(name)
`;
    assert.deepEqual(await promptNames({ 'stacks/infra.py': infra, 'cli.py': cli }), []);
  });
});
