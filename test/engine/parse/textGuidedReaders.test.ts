import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { JsModule, objectPairs, pairsWithKey } from '../../../server/src/engine/parse/javascript';
import { importStatements, PythonModule } from '../../../server/src/engine/parse/python';
import { type GrammarName, parserFor, type Tree } from '../../../server/src/engine/parse/treeSitter';

/**
 * The module readers find imports, calls by name and object keys from the words of the text and ask
 * the tree only there (a whole-tree walk is most of a keystroke in a large file). These tests hold
 * them to what a walk of every node finds, on awkward sources and on every fixture of the project.
 */

const PYTHON_AWKWARD = [
  'import torch, numpy as np',
  'from torch import load as l, serialization',
  'from . import sibling',
  'text = "import os"  # import sys',
  'def f():',
  '    import pickle as pk',
  '    """docstring: torch.load(x) and import json"""',
  '    return pk.loads(l(  # a comment',
  '        "w.pt"))',
  'x = torch.load \\',
  '    ("a.pt")',
  'y = torch.load(torch.load("b.pt"))',
  'z = torch.loads("not it") + torch.load_state("nor this") + mytorch.load("nor")',
  'w = serialization.load("c.pt")',
  'class A:',
  '    load = staticmethod(print)',
  'A().load("d")',
  'if True: from torch import load',
  'v = load("e.pt")',
  '',
].join('\n');

const TS_AWKWARD = [
  "import OpenAI, { AzureOpenAI as Az } from 'openai';",
  "import * as ns from '@anthropic-ai/sdk';",
  "import type { X } from 'types';",
  "import fs = require('fs');",
  "const { Groq, Other: Renamed } = require('groq-sdk');",
  "const lazy = () => require('late');",
  "const dyn = await import('dynamic');",
  "const s = 'import x from \"no\"'; // require('no')",
  'const a = { model: "gpt-4o", nested: { "model": "x" }, other: model };',
  'const b = { model };',
  'const c = { [model]: 1, "model-name": 2 };',
  'function model() { return { model: model() }; }',
  '',
].join('\n');

async function parse(grammar: GrammarName, text: string): Promise<Tree> {
  return (await parserFor(grammar)).parse(text) as Tree;
}

function checkPython(tree: Tree, label: string): void {
  const walked = tree.rootNode.descendantsOfType(['import_statement', 'import_from_statement']).map((node) => node?.startIndex);
  assert.deepEqual(
    importStatements(tree.rootNode).map((node) => node.startIndex),
    walked,
    `${label}: import statements`,
  );
  const all = new PythonModule(tree).calls();
  // `callsTo` looks up dotted names; a computed callee (`ACTIONS[key](…)`) is never asked for by name.
  const names = [...new Set(all.map((call) => call.callee))].filter((name) => /^[\w.]+$/.test(name));
  const fresh = new PythonModule(tree);
  for (const name of names) {
    const expected = all.filter((call) => call.callee === name).map((call) => call.node.startIndex);
    assert.deepEqual(
      fresh.callsTo([name]).map((call) => call.node.startIndex),
      expected,
      `${label}: calls to ${name}`,
    );
  }
  const some = names.slice(0, 5);
  assert.deepEqual(
    new PythonModule(tree).callsTo(some).map((call) => call.node.startIndex),
    all.filter((call) => some.includes(call.callee)).map((call) => call.node.startIndex),
    `${label}: calls to several names`,
  );
}

/** The import map a walk over every import statement and declarator builds (the reader's old way). */
function walkedImports(module: JsModule): string {
  type Collector = { imports: Map<string, unknown>; collectEsImport(node: unknown): void; collectRequire(node: unknown): void };
  const reader = Object.assign(Object.create(JsModule.prototype), { imports: new Map() }) as Collector;
  for (const node of module.root.descendantsOfType(['import_statement', 'variable_declarator'])) {
    if (node?.type === 'import_statement') reader.collectEsImport(node);
    else if (node) reader.collectRequire(node);
  }
  return JSON.stringify([...reader.imports]);
}

function checkJavaScript(tree: Tree, label: string): void {
  const module = new JsModule(tree);
  assert.equal(JSON.stringify([...module.imports]), walkedImports(module), `${label}: imports`);
  for (const key of ['model', 'type', 'name']) {
    const walked = tree.rootNode
      .descendantsOfType('object')
      .flatMap((object) => (object ? objectPairs(object) : []))
      .filter((pair) => pair.key === key)
      .map((pair) => pair.pair.startIndex)
      .sort((a, b) => a - b);
    assert.deepEqual(
      pairsWithKey(tree.rootNode, key).map((found) => found.pair.startIndex),
      walked,
      `${label}: pairs with key ${key}`,
    );
  }
}

function projectFiles(extensions: string[]): string[] {
  const roots = ['test/fixtures', 'examples', 'server/src/engine/parse'];
  return roots.flatMap((root) =>
    fs
      .readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && extensions.includes(path.extname(entry.name)))
      .map((entry) => path.join(entry.parentPath, entry.name)),
  );
}

describe('text-guided module readers', () => {
  it('find the same Python imports and calls as a walk of the whole tree', async () => {
    const tree = await parse('python', PYTHON_AWKWARD);
    try {
      checkPython(tree, 'awkward source');
      const module = new PythonModule(tree);
      assert.deepEqual(
        module.callsTo(['torch.load']).map((call) => call.node.startPosition.row),
        [7, 9, 11, 11, 18],
        'aliases, continuation lines and nested calls, in source order',
      );
      assert.equal(module.callsTo(['torch.load'])[0], module.callAt(module.callsTo(['torch.load'])[0].node), 'one object per call');
    } finally {
      tree.delete();
    }
  });

  it('find the same JavaScript imports and object keys as a walk of the whole tree', async () => {
    const tree = await parse('typescript', TS_AWKWARD);
    try {
      checkJavaScript(tree, 'awkward source');
      assert.deepEqual([...new JsModule(tree).imports.keys()], ['OpenAI', 'Az', 'ns', 'X', 'Groq', 'Renamed']);
    } finally {
      tree.delete();
    }
  });

  it('agree with the walk on every Python and TypeScript file of the project', async () => {
    const python = projectFiles(['.py']);
    const typescript = projectFiles(['.ts', '.js', '.tsx']);
    assert.ok(python.length > 10 && typescript.length > 10);
    for (const file of python) {
      const tree = await parse('python', fs.readFileSync(file, 'utf8'));
      checkPython(tree, file);
      tree.delete();
    }
    for (const file of typescript) {
      const tree = await parse(file.endsWith('.tsx') ? 'tsx' : 'typescript', fs.readFileSync(file, 'utf8'));
      checkJavaScript(tree, file);
      tree.delete();
    }
  });
});
