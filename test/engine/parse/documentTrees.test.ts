import * as assert from 'node:assert/strict';
import { analyzeFile, defaultConfig } from '../../../server/src/engine/index';
import { DocumentTrees, documentTrees, pointAt, textEdit } from '../../../server/src/engine/parse/documentTrees';
import { type GrammarName, type Node, parserFor, type Tree, withTree } from '../../../server/src/engine/parse/treeSitter';
import { recordParses } from '../../../server/src/engine/prefilter/parseLedger';

/** Every node with its type and span, depth first: two trees of one text must agree on all of it. */
function shape(tree: Tree): string[] {
  const out: string[] = [];
  const visit = (node: Node, depth: number) => {
    const { startIndex, endIndex, startPosition: s, endPosition: e } = node;
    out.push(`${depth} ${node.type} ${startIndex}-${endIndex} ${s.row}:${s.column}-${e.row}:${e.column}`);
    for (const child of node.children) if (child) visit(child, depth + 1);
  };
  visit(tree.rootNode, 0);
  return out;
}

async function fullParse(grammar: GrammarName, text: string): Promise<string[]> {
  const tree = (await parserFor(grammar)).parse(text) as Tree;
  try {
    return shape(tree);
  } finally {
    tree.delete();
  }
}

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function randomSource(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

const PYTHON = [
  '# -*- coding: utf-8 -*-\r\n',
  'import torch\n',
  'naïve = "héllo 😀 wörld"\n',
  'def load(path):\n',
  '    """Lädt das Modell 🤖."""\n',
  '    return torch.load(path)\n',
  '\n',
  'class Model:\n',
  '    name = "模型"\n',
].join('');

const INSERTS = ['x', '😀', 'é', '\n', '\r\n', '(', '"', '    ', 'torch.load(p)\n', '模'];

describe('document trees: incremental re-parse', () => {
  it('finds the edit between two texts in UTF-16 code units, rows counted at \\n', () => {
    const edit = textEdit('a = "é"\nb = 1\n', 'a = "é"\nb = 12\n');
    assert.deepEqual(edit, {
      startIndex: 13,
      oldEndIndex: 13,
      newEndIndex: 14,
      startPosition: { row: 1, column: 5 },
      oldEndPosition: { row: 1, column: 5 },
      newEndPosition: { row: 1, column: 6 },
    });
    assert.deepEqual(pointAt('a\r\nb😀c', 6), { row: 1, column: 3 });
  });

  it('never splits a surrogate pair', () => {
    // 😀 and 😁 share their high surrogate; the edit must start before it.
    const edit = textEdit('x😀y', 'x😁y');
    assert.equal(edit.startIndex, 1);
    assert.equal(edit.oldEndIndex, 3);
    // Same low surrogate, different high one: the edit must end after the pair.
    const high = textEdit('x\u{1F600}y', 'x\u{1F000}y');
    assert.equal(high.oldEndIndex, 3);
  });

  for (const grammar of ['python', 'typescript'] as const) {
    it(`gives the same tree as a full parse after each of many edits (${grammar}, non-ASCII text)`, async () => {
      const trees = new DocumentTrees();
      const next = randomSource(grammar.length);
      let text = grammar === 'python' ? PYTHON : 'const s = "héllo 😀";\nexport function f(a: string) {\n  return a + s;\n}\n';
      try {
        for (let step = 0; step < 120; step++) {
          const at = next(text.length + 1);
          const remove = next(4) === 0 ? next(6) : 0;
          const insert = next(3) === 0 ? '' : INSERTS[next(INSERTS.length)];
          text = text.slice(0, at) + insert + text.slice(Math.min(text.length, at + remove));
          await trees.update('doc', grammar, text);
          const incremental = trees.treeFor(grammar, text);
          assert.ok(incremental, 'the store holds the tree of the current text');
          assert.deepEqual(shape(incremental), await fullParse(grammar, text), `after step ${step}: ${JSON.stringify(text)}`);
        }
      } finally {
        trees.clear();
      }
    });
  }

  it('lends the open document tree to every reader of the same text, and frees it on close', async () => {
    const trees = documentTrees;
    const text = 'import torch\nmodel = torch.load(path)\n';
    await trees.update('file:///a.py', 'python', text);
    const { parses } = await recordParses(() => withTree('python', text, (tree) => tree.rootNode.type));
    assert.equal(parses.parses, 0, 'no parse for a text the store holds');
    trees.close('file:///a.py');
    assert.equal(trees.size, 0);
    assert.equal(trees.treeFor('python', text), undefined);
  });

  it('analyzeFile with a document key gives the same findings as without, version after version', async () => {
    const config = defaultConfig();
    const base = 'import torch\n\n\ndef f(p):\n    return 1\n';
    const versions = [
      base,
      base.replace('return 1', 'return torch.load(p)'),
      `# é 😀\n${base.replace('return 1', 'return torch.load(p, weights_only=False)')}`,
    ];
    try {
      for (const text of versions) {
        const plain = await analyzeFile({ path: 'a.py', text }, config, { today: '2026-01-01' });
        const kept = await analyzeFile({ path: 'a.py', text }, config, { today: '2026-01-01', document: { key: 'file:///a.py' } });
        assert.deepEqual(kept, plain);
        // A version no rule needs a tree for is not parsed at all.
        if (kept.findings.length > 0) assert.ok(documentTrees.treeFor('python', text), 'the document tree is kept');
      }
    } finally {
      documentTrees.close('file:///a.py');
    }
  });
});
