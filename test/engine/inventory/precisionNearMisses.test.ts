import * as assert from 'node:assert/strict';
import { inventoryOf, summary } from './helpers';

/** A `${…}` substitution as configuration files write it. */
const sub = (inner: string) => `\${${inner}}`;

/** Shapes next to the classes of the latest rounds that are not AI components. */
describe('inventory: near misses of request files, own packages, MCP dependencies, data reads, nudges and message helpers', () => {
  it('does not take a non-AI API request for an AI call because of its path', async () => {
    const bom = await inventoryOf({
      'api/support.http':
        'POST {{host}}/v1/messages\nContent-Type: application/json\n\n{"role": "user", "content": "Can you resend my invoice for March?"}\n',
      'api/surveys.http':
        'POST https://api.acme.example/surveys/7/responses\n\n{"role": "user", "content": "What do you think about our new checkout page?"}\n',
    });
    assert.deepEqual(summary(bom), []);
  });

  it('does not list an application named by a catalog prefix, nor an MCP server package, as an SDK', async () => {
    const bom = await inventoryOf({
      'pyproject.toml': '[project]\nname = "langchain-rag-chatbot"\ndependencies = ["langchain>=0.3"]\n',
    });
    assert.ok(!summary(bom).some((line) => line.startsWith('sdk langchain-rag-chatbot')), summary(bom).join(', '));
  });

  it('does not start a framework plugin named for MCP as a server', async () => {
    const bom = await inventoryOf({
      'package.json': JSON.stringify({ name: 'app', dependencies: { '@modelcontextprotocol/sdk': '^1.0.0', 'fastify-mcp': '1.2.0' } }),
    });
    assert.ok(!summary(bom).some((line) => line.includes('fastify-mcp')), summary(bom).join(', '));
  });

  it('reads a bare data file name from the script folder only', async () => {
    const bom = await inventoryOf({
      'app/routes/catalog.py': [
        'import openai',
        'import pandas as pd',
        'products = pd.read_csv("products.csv")',
        'openai.OpenAI().chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": str(products)}])',
        '',
      ].join('\n'),
      'products.csv': 'sku,name\n1,shoe\n',
    });
    assert.ok(!summary(bom).some((line) => line.startsWith('dataset')), summary(bom).join(', '));
  });

  it('takes no nudge from code without an LLM SDK, nor a message= from a logging helper', async () => {
    const bom = await inventoryOf({
      'web/wizard.ts': [
        "import { Message } from './ui';",
        "const help = 'Please provide your billing address below so we can ship your order.';",
        'step.instructions = help;',
        'export const note = new Message(help);',
        '',
      ].join('\n'),
      'app/events.py': [
        'import openai',
        'client = openai.OpenAI()',
        'log_event(role="system", message="Please restart the worker process now before the nightly batch job runs.")',
        '',
      ].join('\n'),
    });
    assert.ok(!summary(bom).some((line) => line.startsWith('prompt')), summary(bom).join(', '));
  });
});

describe('inventory: near misses of prompt file names, placeholder owners and Prompty defaults', () => {
  it('never takes a prompt file a runner executes for a model', async () => {
    const bom = await inventoryOf({
      'agents/writer.py': 'import prompty\nimport prompty.azure\ndef write():\n    return prompty.execute("writer.prompty", inputs={})\n',
    });
    assert.ok(!summary(bom).some((line) => line.startsWith('model')), summary(bom).join(', '));
  });

  it('never takes a documentation owner (`user/…`) for a Hub model', async () => {
    const bom = await inventoryOf({
      'scripts/rabc.py':
        'import torch\nimport argparse\np = argparse.ArgumentParser()\np.add_argument("--reward-model-path", default="user/sarm_model")\n',
    });
    assert.ok(!summary(bom).some((line) => line.startsWith('model')), summary(bom).join(', '));
  });

  it('reads the default of a Prompty environment reference as the deployment, not the variable', async () => {
    const bom = await inventoryOf({
      'src/api/prompty.json': JSON.stringify({
        default: {
          type: 'azure',
          azure_endpoint: sub('env:AZURE_OPENAI_ENDPOINT'),
          azure_deployment: sub('env:AZURE_OPENAI_DEPLOYMENT:gpt-4'),
        },
      }),
    });
    assert.ok(summary(bom).includes('model gpt-4 (azure-openai)'), summary(bom).join(', '));
    assert.ok(!summary(bom).some((line) => line.includes('AZURE_OPENAI_DEPLOYMENT')), summary(bom).join(', '));
  });
});

describe('inventory: near misses of CloudFormation references', () => {
  it('never takes a `!Ref` to another resource for a deployment name', async () => {
    const bom = await inventoryOf({
      'cloudformation/api.yaml': [
        'Resources:',
        '  ApiDeployment:',
        '    Type: AWS::ApiGateway::Deployment',
        '  ApiStage:',
        '    Type: AWS::ApiGateway::Stage',
        '    Properties:',
        '      DeploymentId: !Ref ApiDeployment',
        '      DeploymentName: !GetAtt ApiDeployment.Name',
        '',
      ].join('\n'),
    });
    assert.ok(!summary(bom).some((line) => line.startsWith('model')), summary(bom).join(', '));
  });
});
