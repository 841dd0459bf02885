import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, refsOf } from './helpers';

/** Agent tools loaded from the Hugging Face Hub. */

describe('inventory: Hub agent tools', () => {
  it('lists tools smolagents loads from the Hub and from Spaces', async () => {
    const bom = await inventoryOf({
      'agent.py': [
        'from smolagents import load_tool, Tool, CodeAgent',
        'image_generation_tool = load_tool("m-ric/text-to-image", trust_remote_code=True)',
        'retriever = load_tool(',
        '    "m-ric/retriever-tool", vectordb=vectordb',
        ')',
        'flux = Tool.from_space("black-forest-labs/FLUX.1-schnell", name="image_generator", description="x")',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), [
      'plugin:hf-tool/black-forest-labs/FLUX.1-schnell',
      'plugin:hf-tool/m-ric/retriever-tool',
      'plugin:hf-tool/m-ric/text-to-image',
    ]);
    const image = find(bom, 'plugin', 'm-ric/text-to-image');
    assert.equal(image.occurrences[0].line, 2);
    assert.deepEqual(propertyValues(image, 'plugin:trust-remote-code'), ['true']);
  });

  it('near miss: a load_tool of another library, a built-in tool name and a local folder are not Hub tools', async () => {
    const bom = await inventoryOf({
      'tools.py': [
        'from langchain.agents import load_tools',
        'from smolagents import load_tool',
        'from mytools import load_tool as load_local',
        'a = load_tools(["serpapi"])',
        'b = load_tool("text-to-speech")',
        'c = load_tool("./tools/my_tool")',
        'd = load_local("org/tool")',
      ].join('\n'),
    });
    assert.deepEqual(refsOf(bom, 'plugin'), []);
  });
});
