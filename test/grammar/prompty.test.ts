import * as assert from 'node:assert/strict';
import { assertScope, hasScope, type Token, tokenAt, tokenize } from './tokenize';

const EMBEDDED_YAML = 'meta.embedded.block.frontmatter.yaml';

function assertNoScope(tokens: Token[], text: string, scope: string, line = 1): void {
  const token = tokenAt(tokens, text, line);
  assert.ok(!hasScope(token, scope), `${JSON.stringify(text)} on line ${line} has ${scope}: ${token.scopes.join(' ')}`);
}

const prompty = (text: string) => tokenize('source.prompty', text);

describe('prompty grammar', function () {
  // The first test loads the WASM regex engine and the host grammars; the machine may be busy.
  this.timeout(30_000);

  describe('front matter', () => {
    const FILE = [
      '---', // 1
      'name: Support answer', // 2
      'description: |', // 3
      '  Answers a question', // 4
      'tags: [support, faq', // 5: a flow sequence left open
      '---', // 6
      'system:', // 7
      'name: not yaml', // 8
      '---', // 9
    ].join('\n');

    it('embeds YAML between the --- lines', async () => {
      const tokens = await prompty(FILE);
      assertScope(tokens, '---', 'punctuation.definition.frontmatter.begin.prompty', 1);
      const key = tokens.find((token) => token.line === 2 && hasScope(token, 'entity.name.tag.yaml'));
      assert.ok(key, 'the key `name` is a YAML mapping key');
      assert.ok(hasScope(key, EMBEDDED_YAML));
      assertScope(tokens, ':', 'punctuation.separator.key-value.mapping.yaml', 2);
      assertScope(tokens, 'Answers a question', 'string.unquoted.block.yaml', 4);
    });

    it('ends at the closing --- whatever YAML construct is open', async () => {
      const tokens = await prompty(FILE);
      assertScope(tokens, '---', 'punctuation.definition.frontmatter.end.prompty', 6);
      assertNoScope(tokens, '---', EMBEDDED_YAML, 6);
      assertScope(tokens, 'system', 'keyword.other.role.prompty', 7);
      for (const token of tokens.filter((t) => t.line >= 7)) {
        assert.ok(
          !token.scopes.some((scope) => scope.endsWith('.yaml') || scope.startsWith('meta.frontmatter')),
          `${token.text} on ${token.line}`,
        );
      }
    });

    it('is read only at the start of the file', async () => {
      const tokens = await prompty('system:\nhello\n---\nname: x\n---');
      assert.ok(tokens.every((token) => !token.scopes.some((scope) => scope.includes('frontmatter'))));
    });
  });

  describe('template body', () => {
    it('scopes {{question}} as a template expression', async () => {
      const tokens = await prompty('{{question}}');
      assertScope(tokens, '{{', 'punctuation.definition.template-expression.begin');
      assertScope(tokens, 'question', 'variable.other');
      assertScope(tokens, '}}', 'punctuation.definition.template-expression.end');
      for (const token of tokens) assert.ok(hasScope(token, 'meta.template.expression.prompty'));
    });

    it('reads filters, properties, literals and whitespace control', async () => {
      const tokens = await prompty('{{- article.title | upper ~ "!" -}} {{ 3 }} {{ none }}');
      assertScope(tokens, '-', 'keyword.operator.whitespace-control');
      assertScope(tokens, 'article', 'variable.other');
      assertScope(tokens, 'title', 'variable.other.property');
      assertScope(tokens, 'upper', 'support.function.filter');
      assertScope(tokens, '"', 'string.quoted.double');
      assertScope(tokens, '3', 'constant.numeric');
      assertScope(tokens, 'none', 'constant.language');
    });

    it('keeps a dict literal inside the expression', async () => {
      const tokens = await prompty("{{ {'a': 1}}} after");
      assertScope(tokens, '}', 'punctuation.section.braces.end');
      assertScope(tokens, '}}', 'punctuation.definition.template-expression.end');
      assertNoScope(tokens, ' after', 'meta.template');
    });

    it('scopes statement keywords as keyword.control', async () => {
      const text = '{% for a in items %}{% if a %}x{% elif b %}y{% else %}z{% endif %}{% endfor %}{% set n = 1 %}';
      const tokens = await prompty(text);
      for (const keyword of ['for', 'in', 'if', 'elif', 'else', 'endif', 'endfor', 'set']) assertScope(tokens, keyword, 'keyword.control');
      assertScope(tokens, '{%', 'punctuation.definition.template-statement.begin');
      assertScope(tokens, '%}', 'punctuation.definition.template-statement.end');
      assertScope(tokens, 'items', 'variable.other');
      assertNoScope(tokens, 'x', 'meta.template');
    });

    it('scopes {# … #} as a block comment, over several lines', async () => {
      const tokens = await prompty('{# a\n{{ not an expression }}\n#} {{ q }}');
      assertScope(tokens, '{#', 'comment.block', 1);
      assertScope(tokens, '{{ not an expression }}', 'comment.block', 2);
      assertScope(tokens, '#}', 'punctuation.definition.comment.end', 3);
      assertScope(tokens, 'q', 'variable.other', 3);
    });

    it('leaves {% raw %} content unhighlighted', async () => {
      const tokens = await prompty('{% raw %}{{ x }}{% endraw %}');
      assertScope(tokens, 'raw', 'keyword.control');
      assertScope(tokens, '{{ x }}', 'meta.template.raw.prompty');
      assertScope(tokens, 'endraw', 'keyword.control');
    });

    it('reads Mustache sections, partials, comments and triple braces', async () => {
      const tokens = await prompty('{{#items}}{{{html}}}{{/items}}{{^items}}{{> footer}}{{! note }}');
      assertScope(tokens, '#', 'keyword.control.section');
      assertScope(tokens, '{{{', 'punctuation.definition.template-expression.begin');
      assertScope(tokens, 'html', 'variable.other');
      assertScope(tokens, '/', 'keyword.control.section');
      assertScope(tokens, '^', 'keyword.control.section');
      assertScope(tokens, '>', 'keyword.control.section');
      assertScope(tokens, ' note ', 'comment.block');
    });
  });

  describe('role markers', () => {
    for (const line of [
      'system:',
      'user:',
      'assistant:',
      'developer:',
      'tool:',
      'function:',
      'SYSTEM:',
      'Assistant :',
      '# user:',
      '#system:',
      '  user:  ',
    ]) {
      it(`reads ${JSON.stringify(line)}`, async () => {
        const tokens = await prompty(line);
        const role = tokens.find((token) => hasScope(token, 'keyword.other.role.prompty'));
        assert.ok(role, JSON.stringify(tokens));
        assert.match(role.text, /^(system|user|assistant|developer|tool|function)$/i);
        assertScope(tokens, ':', 'punctuation.separator.role.prompty');
      });
    }

    it('reads attributes', async () => {
      const tokens = await prompty('user[name="Ann"]:');
      assertScope(tokens, 'user', 'keyword.other.role.prompty');
      assertScope(tokens, 'name', 'entity.other.attribute-name');
      assertScope(tokens, '"Ann"', 'string.quoted.double');
    });

    for (const line of ['system: be brief', 'systems:', 'the user:', '## user:']) {
      it(`does not read ${JSON.stringify(line)}`, async () => {
        const tokens = await prompty(line);
        assert.ok(
          tokens.every((token) => !hasScope(token, 'meta.role.prompty')),
          JSON.stringify(tokens),
        );
      });
    }
  });

  describe('suppression comments', () => {
    it('reads a # directive line of the body as a comment', async () => {
      const tokens = await prompty('# ai-posture-ignore-next-line AIP603 -- reviewed\n# Heading');
      assertScope(tokens, '#', 'comment.line.number-sign.prompty', 1);
      assertScope(tokens, 'AIP603', 'constant.other.rule-id.ai-posture', 1);
      assert.ok(tokens.filter((token) => token.line === 2).every((token) => !hasScope(token, 'comment')));
    });

    it('reads a directive in a YAML comment of the front matter', async () => {
      const tokens = await prompty('---\napi_key: from-env # ai-posture-ignore AIP601 -- env reference\n---');
      assertScope(tokens, 'ai-posture-ignore', 'keyword.other.ai-posture-ignore', 2);
      assertScope(tokens, 'AIP601', 'constant.other.rule-id.ai-posture', 2);
      assertScope(tokens, 'AIP601', 'comment.line.number-sign.yaml', 2);
    });
  });
});
