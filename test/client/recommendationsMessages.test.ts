/**
 * The Recommendations webview is a web page: every message it posts is checked before the
 * extension acts on it. Unknown or malformed messages are refused with a reason (which is logged).
 */
import * as assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../client/src/recommendations/messages';

const RANGE = { start: { line: 3, character: 4 }, end: { line: 3, character: 20 } };

function refused(value: unknown): string {
  const parsed = parseWebviewMessage(value);
  assert.equal(parsed.ok, false, `accepted ${JSON.stringify(value)}`);
  return parsed.ok ? '' : parsed.reason;
}

describe('recommendations webview messages', () => {
  it('accepts each well-formed message as it is', () => {
    const messages = [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'openPlace', uri: 'file:///work/src/a.py', range: RANGE },
      { type: 'openPlace', uri: 'untitled:Untitled-1', range: RANGE },
      { type: 'openPlace', uri: 'vscode-notebook-cell:/work/n.ipynb#W0sZmlsZQ%3D%3D', range: RANGE },
      { type: 'openLink', url: 'https://cwe.mitre.org/data/definitions/502.html' },
      { type: 'openLink', url: 'https://atlas.mitre.org/techniques/AML.T0011.000' },
      { type: 'openLink', url: 'https://genai.owasp.org/llm-top-10/' },
      { type: 'openLink', url: 'https://github.com/ai-posture/ai-posture/blob/main/docs/rules.md#aip102' },
      { type: 'fixAll', ruleId: 'AIP102' },
      { type: 'ignore', ruleId: 'AIP102' },
      { type: 'ignore', ruleId: 'AIP102', place: { uri: 'file:///work/src/a.py', path: 'src/a.py' } },
    ];
    for (const message of messages) assert.deepEqual(parseWebviewMessage(message), { ok: true, message });
  });

  it('refuses what is not a message object, and unknown types', () => {
    for (const value of [undefined, null, 'ready', 42, ['ready'], {}]) refused(value);
    assert.match(refused({ type: 'runCommand', command: 'workbench.action.terminal.new' }), /unknown type "runCommand"/);
    assert.match(refused({ type: 'toString' }), /unknown type/);
    assert.match(refused({ type: '__proto__' }), /unknown type/);
  });

  it('refuses fields a type does not have', () => {
    assert.match(refused({ type: 'ready', extra: 1 }), /ready: unexpected extra/);
    assert.match(refused({ type: 'fixAll', ruleId: 'AIP102', paths: ['**'] }), /unexpected paths/);
    assert.match(
      refused({ type: 'ignore', ruleId: 'AIP102', place: { uri: 'file:///a.py', path: 'a.py', until: 'x' } }),
      /place: unexpected until/,
    );
  });

  it('checks rule ids', () => {
    for (const ruleId of [undefined, 102, 'aip102', 'AIP10', 'AIP1020', '*', 'AIP102 ']) {
      assert.match(refused({ type: 'fixAll', ruleId }), /ruleId must look like AIP102/);
    }
  });

  it('opens only places in files, untitled buffers and notebook cells, with a sound range', () => {
    assert.match(refused({ type: 'openPlace', uri: 'command:workbench.action.reloadWindow', range: RANGE }), /unexpected scheme/);
    assert.match(refused({ type: 'openPlace', uri: 'https://example.com/a.py', range: RANGE }), /unexpected scheme/);
    assert.match(refused({ type: 'openPlace', uri: 'file:///a.py' }), /range/);
    assert.match(
      refused({ type: 'openPlace', uri: 'file:///a.py', range: { start: { line: -1, character: 0 }, end: RANGE.end } }),
      /range/,
    );
    assert.match(
      refused({ type: 'openPlace', uri: 'file:///a.py', range: { start: { line: 1.5, character: 0 }, end: RANGE.end } }),
      /range/,
    );
    assert.match(
      refused({ type: 'openPlace', uri: 'file:///a.py', range: { start: RANGE.end, end: RANGE.start } }),
      /ends before it starts/,
    );
    assert.match(refused({ type: 'openPlace', uri: `file:///${'a'.repeat(10_000)}`, range: RANGE }), /uri/);
    assert.match(refused({ type: 'ignore', ruleId: 'AIP102', place: { uri: 'file:///a.py', path: '' } }), /place.path/);
  });

  it('opens only https links to the reference sites', () => {
    for (const url of [
      'http://cwe.mitre.org/data/definitions/502.html',
      'https://evil.example/cwe.mitre.org',
      'https://cwe.mitre.org.evil.example/',
      'https://user@cwe.mitre.org/',
      'https://cwe.mitre.org:8443/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'command:workbench.action.reloadWindow',
      'not a url',
    ]) {
      assert.match(refused({ type: 'openLink', url }), /not an allowed link/, url);
    }
  });
});
