import * as assert from 'node:assert/strict';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import {
  type ConfigDocument,
  type ConfigNode,
  configDocumentFor,
  frontMatterFor,
  readConfig,
} from '../../../server/src/engine/parse/configDocument';
import type { Range } from '../../../server/src/engine/types';

/** The text a range covers. */
function textAt(document: ConfigDocument, range: Range | undefined): string {
  assert.ok(range, 'a range');
  return document.text.slice(document.lines.offsetAt(range.start), document.lines.offsetAt(range.end));
}

/** Values compared as JSON (jsonc-parser and smol-toml make objects without a prototype). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function at(line: number, character: number) {
  return { line, character };
}

describe('config documents: JSON and JSONC', () => {
  const text = [
    '{',
    '  // a comment',
    '  "servers": {',
    '    "github": { "command": "npx", "args": ["-y", "pkg@1"], /* inline */ },',
    '  },',
    '  "n": 3, "ok": true, "none": null',
    '}',
  ].join('\n');

  it('gives values, value ranges and key ranges', () => {
    const document = readConfig(text, 'json');
    assert.deepEqual(document.errors, []);
    const github = document.root?.get(['servers', 'github']);
    assert.equal(github?.kind, 'object');
    assert.deepEqual(plain(github?.value), { command: 'npx', args: ['-y', 'pkg@1'] });
    assert.equal(textAt(document, github?.keyRange), '"github"');
    const command = github?.get('command');
    assert.equal(command?.string, 'npx');
    assert.deepEqual(command?.range, { start: at(3, 27), end: at(3, 32) });
    const second = github?.get(['args', 1]);
    assert.equal(textAt(document, second?.range), '"pkg@1"');
    assert.equal(second?.key, 1);
    assert.equal(second?.parent?.kind, 'array');
    assert.deepEqual(
      document.root?.entries().map(([key, node]) => [key, node.kind]),
      [
        ['servers', 'object'],
        ['n', 'number'],
        ['ok', 'boolean'],
        ['none', 'null'],
      ],
    );
    assert.equal(document.root?.get('missing'), undefined);
    assert.equal(document.root?.get(['n', 'deeper']), undefined);
  });

  it('lists syntax errors and keeps what it could read, never throwing', () => {
    const document = readConfig('{ "a": 1, "b": [1, 2\n', 'json');
    assert.ok(document.errors.length > 0);
    assert.equal(document.root?.get('a')?.value, 1);
    assert.equal(document.errors[0].range.start.line >= 0, true);
    assert.equal(readConfig('', 'json').root, undefined);
    assert.deepEqual(readConfig('', 'json').errors, []);
  });

  it('a repeated key resolves to its last occurrence, like the value', () => {
    const document = readConfig('{"a": 1, "a": 2}', 'json');
    assert.equal(document.root?.get('a')?.value, 2);
    assert.equal(document.root?.value && (document.root.value as { a: number }).a, 2);
  });

  it('counts characters in UTF-16 code units after non-ASCII text', () => {
    const document = readConfig('{"名前": "😀", "x": "y"}', 'json');
    const x = document.root?.get('x');
    // `{"名前": "😀", ` is 13 UTF-16 units: the emoji takes two.
    assert.deepEqual(x?.keyRange, { start: at(0, 13), end: at(0, 16) });
    assert.equal(textAt(document, x?.range), '"y"');
  });
});

describe('config documents: strict JSON fast path', () => {
  /** Every node's path, kind, key range, range and value, depth first. */
  function outline(node: ConfigNode | undefined, path = ''): string[] {
    if (!node) return [];
    const own = `${path} ${node.kind} ${JSON.stringify(node.keyRange)} ${JSON.stringify(node.range)} ${JSON.stringify(node.value)}`;
    return [own, ...node.children.flatMap((child) => outline(child, `${path}/${child.key}`))];
  }

  it('gives the same nodes as the JSONC reader', () => {
    const strict = [
      '{',
      '  "a\\"b": [1, -2.5e3, true, false, null, "x\\"y", {"k": []}],',
      '\t"nested": {"deep": {"deeper": [[], [{}], "]}"]}},',
      '  "ü😀": "v", "": {"empty key": 0}',
      '}',
    ].join('\r\n');
    const fast = readConfig(strict, 'json');
    // A trailing comment sends the same document through jsonc-parser.
    const tolerant = readConfig(`${strict}\n// comment`, 'json');
    assert.deepEqual(fast.errors, []);
    assert.deepEqual(tolerant.errors, []);
    assert.deepEqual(outline(fast.root), outline(tolerant.root));
    assert.equal(fast.root?.get(['a"b', 5])?.value, 'x"y');
    assert.equal(textAt(fast, fast.root?.get(['nested', 'deep', 'deeper', 2])?.range), '"]}"');
  });

  it('reads scalars and arrays at the root', () => {
    assert.equal(readConfig(' 42 ', 'json').root?.value, 42);
    assert.deepEqual(readConfig(' 42 ', 'json').root?.range, { start: at(0, 1), end: at(0, 3) });
    assert.equal(textAt(readConfig('["a", "b"]', 'json'), readConfig('["a", "b"]', 'json').root?.get(1)?.range), '"b"');
  });
});

describe('config documents: YAML', () => {
  it('reads every document of a stream', () => {
    const document = readConfig('a: 1\n---\nb:\n  - x\n  - y\n', 'yaml');
    assert.equal(document.documents.length, 2);
    assert.equal(document.root?.get('a')?.value, 1);
    const y = document.documents[1].get(['b', 1]);
    assert.equal(y?.value, 'y');
    assert.deepEqual(y?.range, { start: at(4, 4), end: at(4, 5) });
    assert.deepEqual(document.documents[1].get('b')?.keyRange, { start: at(2, 0), end: at(2, 1) });
  });

  it('resolves anchors and aliases, with the alias at its own place', () => {
    const text = 'base: &base\n  image: python\nservice:\n  settings: *base\n';
    const document = readConfig(text, 'yaml');
    const settings = document.root?.get(['service', 'settings']);
    assert.deepEqual(settings?.value, { image: 'python' });
    assert.equal(textAt(document, settings?.range), '*base');
    assert.equal(settings?.get('image')?.value, 'python');
    assert.equal(settings?.get('image')?.range.start.line, 1, 'members of an alias are where the anchor wrote them');
  });

  it('does not loop on a recursive alias', () => {
    const document = readConfig('a: &a [1, *a]\n', 'yaml');
    const inner = document.root?.get(['a', 1]);
    assert.equal(inner?.kind, 'other');
    assert.deepEqual(inner?.children, []);
  });

  it('reads flow collections, quoted keys, tags and empty values', () => {
    const text = 'args: [--port, "8080"]\n"env": {TOKEN: secret}\nref: !Ref MyBucket\nempty:\n';
    const document = readConfig(text, 'yaml');
    assert.equal(textAt(document, document.root?.get(['args', 1])?.range), '"8080"');
    assert.equal(document.root?.get(['env', 'TOKEN'])?.value, 'secret');
    assert.equal(textAt(document, document.root?.get(['env', 'TOKEN'])?.keyRange), 'TOKEN');
    const ref = document.root?.get('ref');
    assert.equal(ref?.tag, '!Ref');
    assert.equal(ref?.value, 'MyBucket');
    const empty = document.root?.get('empty');
    assert.equal(empty?.kind, 'null');
    assert.equal(empty?.value, null);
  });

  it('lists errors of malformed YAML without throwing', () => {
    const document = readConfig('a: [1, 2\nb: {\n', 'yaml');
    assert.ok(document.errors.length > 0);
    assert.deepEqual(readConfig('', 'yaml').documents, []);
  });

  it('keeps the value unknown for an alias bomb but still gives positions', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 8; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const document = readConfig(lines.join('\n'), 'yaml');
    assert.equal(document.root?.value, undefined);
    assert.equal(document.root?.get('a')?.range.start.line, 0);
  });

  it('front matter ranges are positions in the whole file', () => {
    const text = '---\nname: reviewer\ntools: [read, grep]\n---\n# Body\n';
    const document = frontMatterFor(text);
    const grep = document?.root?.get(['tools', 1]);
    assert.equal(grep?.value, 'grep');
    assert.deepEqual(grep?.range, { start: at(2, 14), end: at(2, 18) });
    assert.equal(frontMatterFor('# no front matter\n'), undefined);
    const windows = frontMatterFor('\uFEFF---\r\nmodel: gpt-4o\r\n---\r\nBody\r\n');
    assert.deepEqual(windows?.root?.get('model')?.range, { start: at(1, 7), end: at(1, 13) });
    assert.equal(frontMatterFor('---\n\n---\n')?.root, undefined);
  });

  it('counts UTF-16 code units after non-ASCII text', () => {
    const document = readConfig('title: "é😀" \nk: v\nx: [é😀, z]\n', 'yaml');
    assert.deepEqual(document.root?.get(['x', 1])?.range, { start: at(2, 9), end: at(2, 10) });
  });
});

describe('config documents: TOML', () => {
  const text = [
    'title = "demo" # comment',
    '',
    '[mcp_servers.github]',
    'command = "npx"',
    'args = ["-y", "pkg@1",',
    '  # a comment inside',
    '  "--flag"]',
    'env = { TOKEN = "x", nested.deep = 1 }',
    '',
    '[mcp_servers."quoted name"]',
    "url = 'https://example.com/mcp'",
    '',
    '[[package]]',
    'name = "a"',
    'version = "1.0"',
    '',
    '[[package]]',
    'name = "b"',
    'source.registry = "crates"',
    '',
    '[package.metadata]',
    'when = 1979-05-27 07:32:00Z',
    'text = """',
    'multi "quoted" \\""" still',
    'line"""',
    'after = true',
  ].join('\n');
  const document = readConfig(text, 'toml');

  it('locates keys and values in tables', () => {
    assert.deepEqual(document.errors, []);
    const github = document.root?.get(['mcp_servers', 'github']);
    assert.equal(textAt(document, github?.keyRange), 'github');
    assert.equal(github?.range.start.line, 2);
    assert.equal(textAt(document, github?.get('command')?.range), '"npx"');
    assert.equal(textAt(document, github?.get('command')?.keyRange), 'command');
    assert.equal(textAt(document, github?.get(['args', 2])?.range), '"--flag"');
    assert.equal(github?.get(['args', 2])?.range.start.line, 6);
    assert.equal(textAt(document, document.root?.get('title')?.range), '"demo"');
  });

  it('locates inline tables and dotted keys', () => {
    const env = document.root?.get(['mcp_servers', 'github', 'env']);
    assert.deepEqual(plain(env?.value), { TOKEN: 'x', nested: { deep: 1 } });
    assert.equal(textAt(document, env?.get('TOKEN')?.range), '"x"');
    assert.equal(textAt(document, env?.get('TOKEN')?.keyRange), 'TOKEN');
    assert.equal(textAt(document, env?.get(['nested', 'deep'])?.keyRange), 'deep');
    assert.equal(textAt(document, env?.get('nested')?.keyRange), 'nested');
    assert.equal(textAt(document, env?.get(['nested', 'deep'])?.range), '1');
  });

  it('decodes quoted keys', () => {
    const quoted = document.root?.get(['mcp_servers', 'quoted name']);
    assert.equal(textAt(document, quoted?.keyRange), '"quoted name"');
    assert.equal(textAt(document, quoted?.get('url')?.range), "'https://example.com/mcp'");
  });

  it('gives each table of an array of tables its own range', () => {
    const packages = document.root?.get('package');
    assert.equal(packages?.kind, 'array');
    assert.equal(packages?.children.length, 2);
    assert.equal(textAt(document, packages?.get([0, 'name'])?.range), '"a"');
    assert.equal(packages?.get([1, 'name'])?.range.start.line, 17);
    assert.equal(textAt(document, packages?.get([1, 'source', 'registry'])?.keyRange), 'registry');
    // `[package.metadata]` extends the last table of the array.
    const metadata = packages?.get([1, 'metadata']);
    assert.equal(metadata?.range.start.line, 20);
    assert.equal(textAt(document, metadata?.get('when')?.range), '1979-05-27 07:32:00Z');
    assert.equal(metadata?.get('when')?.kind, 'other');
    assert.ok(textAt(document, metadata?.get('text')?.range).endsWith('line"""'));
    assert.equal(metadata?.get('after')?.range.start.line, 25);
    assert.equal(metadata?.get('after')?.value, true);
  });

  it('a table declared after its subtable takes its own header', () => {
    const document = readConfig('[a.b]\nx = 1\n\n[a]\ny = 2\n', 'toml');
    assert.equal(document.root?.get('a')?.keyRange?.start.line, 3);
    assert.equal(document.root?.get(['a', 'b', 'x'])?.range.start.line, 1);
    assert.equal(document.root?.get(['a', 'y'])?.range.start.line, 4);
  });

  it('dotted keys under a table, nested arrays, quoted dots and escapes', () => {
    const source = [
      '[tool]',
      'poetry.dependencies.openai = "^1.0"',
      'm = [[1, 2], [3]]',
      '"a.b" = 1',
      '"\\u00e9t\\u00e9" = 2',
      'k = "a\\"b"',
    ].join('\n');
    const document = readConfig(source, 'toml');
    assert.deepEqual(document.errors, []);
    const openai = document.root?.get(['tool', 'poetry', 'dependencies', 'openai']);
    assert.equal(textAt(document, openai?.range), '"^1.0"');
    assert.equal(textAt(document, openai?.keyRange), 'openai');
    assert.equal(textAt(document, document.root?.get(['tool', 'm', 1, 0])?.range), '3');
    assert.equal(textAt(document, document.root?.get(['tool', 'a.b'])?.keyRange), '"a.b"');
    assert.equal(textAt(document, document.root?.get(['tool', 'été'])?.range), '2');
    assert.equal(textAt(document, document.root?.get(['tool', 'k'])?.range), '"a\\"b"');
  });

  it('counts UTF-16 code units after non-ASCII text, with CRLF line ends', () => {
    const document = readConfig('name = "😀é"\r\nx = { "ü" = "v" }\r\n', 'toml');
    assert.deepEqual(document.root?.get(['x', 'ü'])?.range, { start: at(1, 12), end: at(1, 15) });
    assert.equal(document.root?.get('name')?.value, '😀é');
  });

  it('reports invalid TOML as an error with a position and no root', () => {
    const document = readConfig('a = 1\nb = = 2\n', 'toml');
    assert.equal(document.root, undefined);
    assert.equal(document.errors.length, 1);
    assert.equal(document.errors[0].range.start.line, 1);
  });
});

describe('config documents: cache', () => {
  it('returns the same document for the same text and format', () => {
    const text = '{"a": 1}';
    const first = configDocumentFor(text, 'json');
    assert.equal(configDocumentFor(`${text}`, 'json'), first);
    assert.notEqual(configDocumentFor(text, 'yaml'), first);
    assert.notEqual(configDocumentFor('{"a": 2}', 'json'), first);
  });
});

describe('config documents: every range holds its value', () => {
  /** Every node below `node`, depth first. */
  function nodes(node: ConfigNode | undefined): ConfigNode[] {
    return node ? [node, ...node.children.flatMap(nodes)] : [];
  }

  const TOML_SAMPLES = [
    [
      '# Cargo manifest',
      '[package]',
      'name = "demo" # trailing',
      'version = "0.1.0"',
      '',
      '[dependencies]',
      'async-openai = "0.20"',
      'tokio = { version = "1", features = ["full", "macros"] }',
      '',
      '[dependencies.serde]',
      'version = "1.0"',
      'default-features = false',
      '',
      "[target.'cfg(windows)'.dependencies]",
      'winapi = "0.3"',
      '',
      '[ workspace . dependencies ]',
      'candle-core = { git = "https://example.com/candle", rev = "abc" }',
    ].join('\r\n'),
    [
      '[[bin]]',
      'name = "a"',
      '[[bin.extra]]',
      'flag = true',
      '[[bin.extra]]',
      'flag = false',
      '[[bin]]',
      'name = "b"',
      'points = [ { x = 1, y = 2 }, { x = 3, y = 4 } ]',
      'matrix = [',
      '  [1, 2], # first',
      '  [3, 4],',
      ']',
      "literal = 'C:\\Users\\x'",
      "multi = '''",
      "a 'quoted' line",
      "'''",
      'float = -1.5e+3',
      'hex = 0xDEAD_BEEF',
      'inf = -inf',
      'local = 07:32:00',
      'date = 1979-05-27',
      'dt = 1979-05-27T07:32:00.999-07:00',
      'escaped = "tab\\tquote\\" unicode\\u00e9"',
      '"key with spaces" = "v"',
      'a.b."c.d".e = 1',
    ].join('\n'),
  ];

  it('TOML: each scalar reads back as its value, each key as its name', () => {
    for (const sample of TOML_SAMPLES) {
      const document = readConfig(sample, 'toml');
      assert.deepEqual(document.errors, []);
      for (const node of nodes(document.root)) {
        if (node.kind !== 'object' && node.kind !== 'array') {
          const written = textAt(document, node.range);
          assert.deepEqual(plain(parseToml(`x = ${written}`).x), plain(node.value), `value of ${String(node.key)}: ${written}`);
        }
        if (typeof node.key === 'string') {
          const written = textAt(document, node.keyRange);
          assert.deepEqual(Object.keys(parseToml(`${written} = 1`)), [node.key], `key ${node.key}: ${written}`);
        }
      }
    }
  });

  it('TOML: arrays of tables nest under their last table', () => {
    const document = readConfig(TOML_SAMPLES[1], 'toml');
    assert.equal(document.root?.get(['bin', 0, 'extra', 1, 'flag'])?.range.start.line, 5);
    assert.equal(document.root?.get(['bin', 1, 'points', 1, 'y'])?.range.start.line, 8);
    assert.equal(textAt(document, document.root?.get(['bin', 1, 'a', 'b', 'c.d'])?.keyRange), '"c.d"');
  });

  it('JSON and YAML: each node reads back as its value', () => {
    const json = readConfig('{"a": [1, {"b": "c\\u00e9"}], "d": {"e": null}, "f": 1e2}', 'json');
    for (const node of nodes(json.root)) assert.deepEqual(JSON.parse(textAt(json, node.range)), plain(node.value));
    const yaml = readConfig('a:\n  - 1\n  - {b: "c\\u00e9", g: \'h\'}\nd:\n  e: ~\nf: |\n  block\n  text\n', 'yaml');
    // Block collections are indented inside their parent, so only scalars read back on their own.
    const scalars = nodes(yaml.root).filter((node) => node.kind !== 'object' && node.kind !== 'array');
    assert.equal(scalars.length, 5);
    for (const node of scalars) assert.deepEqual(parseYaml(textAt(yaml, node.range)), node.value);
  });
});
