import * as assert from 'node:assert/strict';
import { descendantsOf } from '../../../server/src/engine/parse/nodeIndex';
import { withTree } from '../../../server/src/engine/parse/treeSitter';

describe('node index', () => {
  it('gives the same nodes in the same order as tree-sitter, at the root and below it', async () => {
    const text = [
      'import os, torch',
      'from transformers import AutoModel as M',
      'x = M.from_pretrained("org/m", config={"a": f(g("b"))})',
      'def h(p="q"):',
      '    y: int = 1',
      '    return [k for k in os.listdir(p) if (z := k)]',
    ].join('\n');
    await withTree('python', text, (tree) => {
      const root = tree.rootNode;
      const calls = root.descendantsOfType('call');
      for (const types of [['call'], ['string'], ['assignment', 'named_expression'], ['pair', 'call']]) {
        const ids = (nodes: ({ id: number } | null)[]) => nodes.map((node) => node?.id);
        assert.deepEqual(ids(descendantsOf(root, types, 'python')), ids(root.descendantsOfType(types)), types.join());
        for (const call of calls) {
          if (!call) continue;
          assert.deepEqual(ids(descendantsOf(call, types, 'python')), ids(call.descendantsOfType(types)), `${types} in ${call.text}`);
        }
      }
    });
  });
});
