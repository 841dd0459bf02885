import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assertScope, hasScope, scopeForFile, type Token, tokenAt, tokenize } from './tokenize';

const KEYWORD = 'keyword.other.ai-posture-ignore';
const RULE_ID = 'constant.other.rule-id.ai-posture';
const SEPARATOR = 'punctuation.separator.reason.ai-posture';
const UNTIL = 'keyword.other.until.ai-posture';
const DATE = 'constant.numeric.date.ai-posture';
const INVALID = 'invalid.illegal.rule-id.ai-posture';

const REASON = 'ai-posture-ignore AIP102 -- until 2027-01-31 reason';

/** For every language the extension analyses: a directive in a comment, and the same text in a string. */
const LANGUAGES: { scope: string; comment: string; string: string }[] = [
  { scope: 'source.python', comment: `x = 1  # ${REASON}`, string: `s = "# ${REASON}"` },
  { scope: 'source.ts', comment: `const x = 1; // ${REASON}`, string: `const s = '// ${REASON}';` },
  { scope: 'source.tsx', comment: `const x = <div />; // ${REASON}`, string: `const s = \`// ${REASON}\`;` },
  { scope: 'source.js', comment: `let x = 1; /* ${REASON} */`, string: `let s = "/* ${REASON} */";` },
  { scope: 'source.js.jsx', comment: `const x = 1; // ${REASON}`, string: `const s = '// ${REASON}';` },
  { scope: 'source.cs', comment: `var x = 1; // ${REASON}`, string: `var s = "// ${REASON}";` },
  { scope: 'source.java', comment: `int x = 1; // ${REASON}`, string: `String s = "// ${REASON}";` },
  { scope: 'source.go', comment: `x := 1 // ${REASON}`, string: `s := "// ${REASON}"` },
  { scope: 'source.yaml', comment: `model: gpt-4o # ${REASON}`, string: `model: "# ${REASON}"` },
  { scope: 'source.shell', comment: `vllm serve m --trust-remote-code # ${REASON}`, string: `echo "# ${REASON}"` },
  { scope: 'source.dockerfile', comment: `# ${REASON}`, string: `RUN echo "# ${REASON}"` },
  { scope: 'source.toml', comment: `model = "gpt-4o" # ${REASON}`, string: `model = "# ${REASON}"` },
  { scope: 'text.html.markdown', comment: `<!-- ${REASON} -->`, string: `Quote \`<!-- ${REASON} -->\` in a code span.` },
  { scope: 'text.html.basic', comment: `<!-- ${REASON} -->`, string: `<p title="<!-- ${REASON} -->"></p>` },
  { scope: 'source.prompty', comment: `---\nname: x # ${REASON}\n---`, string: `---\nname: "# ${REASON}"\n---` },
];

describe('suppression directive injection', function () {
  // The first test loads the WASM regex engine and the host grammars; the machine may be busy.
  this.timeout(30_000);

  for (const { scope, comment, string } of LANGUAGES) {
    describe(scope, () => {
      it('highlights the keyword, rule id, separator and expiry in a comment', async () => {
        const tokens = await tokenize(scope, comment);
        const line = comment.split('\n').findIndex((text) => text.includes('ai-posture-ignore')) + 1;
        assertScope(tokens, 'ai-posture-ignore', KEYWORD, line);
        assertScope(tokens, 'AIP102', RULE_ID, line);
        assertScope(tokens, '--', SEPARATOR, line);
        assertScope(tokens, 'until', UNTIL, line);
        assertScope(tokens, '2027-01-31', DATE, line);
        for (const text of ['ai-posture-ignore', 'AIP102', '2027-01-31']) assertScope(tokens, text, 'comment', line);
      });

      it('leaves the same text in a string alone', async () => {
        const tokens = await tokenize(scope, string);
        const marked = tokens.filter((token) => token.scopes.some((name) => name.includes('ai-posture')));
        assert.deepEqual(marked, []);
      });
    });
  }

  it('reads a comma-separated rule list of a next-line directive', async () => {
    const tokens = await tokenize('source.ts', '// ai-posture-ignore-next-line AIP203,AIP201 -- reviewed');
    assertScope(tokens, 'ai-posture-ignore-next-line', KEYWORD);
    assertScope(tokens, 'AIP203', RULE_ID);
    assertScope(tokens, ',', 'punctuation.separator.comma.ai-posture');
    assertScope(tokens, 'AIP201', RULE_ID);
  });

  it('reads a file directive without a reason', async () => {
    const tokens = await tokenize('source.python', '# ai-posture-ignore-file AIP703');
    assertScope(tokens, 'ai-posture-ignore-file', KEYWORD);
    assertScope(tokens, 'AIP703', RULE_ID);
  });

  it('flags what is not a rule id before the separator', async () => {
    const tokens = await tokenize('source.python', '# ai-posture-ignore AIP10 AIP1234 until 2027-01-31');
    for (const text of ['AIP10', 'AIP1234', 'until', '2027-01-31']) assertScope(tokens, text, INVALID);
  });

  it('takes rule ids and expiry dates only in their place', async () => {
    const tokens = await tokenize('source.python', '# ai-posture-ignore AIP101 -- see AIP102 until 2027-01-31');
    assert.ok(!hasScope(tokenAt(tokens, ' see AIP102 '), RULE_ID));
    const plain = await tokenize('source.python', '# see AIP102 until 2027-01-31');
    assert.deepEqual(
      plain.filter((token) => token.scopes.some((name) => name.includes('ai-posture'))),
      [],
    );
  });

  it('needs the keyword as a word of its own', async () => {
    for (const text of ['# my-ai-posture-ignore AIP101', '# ai-posture-ignore-files AIP101', '# ai-posture-ignored AIP101']) {
      const tokens = await tokenize('source.python', text);
      assert.deepEqual(
        tokens.filter((token) => token.scopes.some((name) => name.includes('ai-posture'))),
        [],
        text,
      );
    }
  });

  it('lets block comments close on the same line', async () => {
    const ts = await tokenize('source.ts', '/* ai-posture-ignore AIP101*/ const x = 1;');
    assertScope(ts, 'AIP101', RULE_ID);
    assertScope(ts, '*/', 'punctuation.definition.comment');
    assert.ok(!hasScope(tokenAt(ts, 'const'), 'comment'));

    const html = await tokenize('text.html.basic', '<!-- ai-posture-ignore AIP101 --><p>text</p>');
    assertScope(html, '-->', 'punctuation.definition.comment');
    assert.ok(!hasScope(tokenAt(html, 'p'), 'comment'));

    const go = await tokenize('source.go', 'x := 1 /* ai-posture-ignore AIP101 -- reason */ + 2');
    assertScope(go, '*/', 'punctuation.definition.comment');
    assert.ok(!hasScope(tokenAt(go, '2'), 'comment'));

    const prompty = await tokenize('source.prompty', '{# ai-posture-ignore AIP602 -- curated #}{{ question }}');
    assertScope(prompty, 'AIP602', RULE_ID);
    assertScope(prompty, '#}', 'punctuation.definition.comment.end');
    assertScope(prompty, 'question', 'variable.other');
  });

  it('reaches directives after other lines of a C# comment', async () => {
    const tokens = await tokenize('source.cs', '// Settings come from the vault.\n// ai-posture-ignore-next-line AIP102 -- rotated');
    assertScope(tokens, 'ai-posture-ignore-next-line', KEYWORD, 2);
    assertScope(tokens, 'AIP102', RULE_ID, 2);
  });

  it('reads a directive after another marker in the same comment', async () => {
    const tokens = await tokenize('source.python', 'x = 1  # noqa: E501 ai-posture-ignore AIP301 -- reason');
    assertScope(tokens, 'ai-posture-ignore', KEYWORD);
    assertScope(tokens, 'AIP301', RULE_ID);
  });

  it('does not change the tokens of lines without a directive', async () => {
    const samples = path.join(__dirname, 'samples');
    for (const sample of fs.readdirSync(samples)) {
      const scope = scopeForFile(sample);
      const text = fs.readFileSync(path.join(samples, sample), 'utf8');
      const directiveLines = new Set(
        text
          .split('\n')
          .map((line, index) => (line.includes('ai-posture-ignore') ? index + 1 : 0))
          .filter(Boolean),
      );
      const keep = (tokens: Token[]) => tokens.filter((token) => !directiveLines.has(token.line));
      assert.deepEqual(keep(await tokenize(scope, text)), keep(await tokenize(scope, text, false)), sample);
    }
  });
});
