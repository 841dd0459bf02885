import * as assert from 'node:assert/strict';
import type { Finding } from '../../server/src/engine/types';
import {
  binaryExpectationList,
  compareWithExpectations,
  isBinary,
  isCompanionFile,
  parseBinaryExpectations,
  snapshotOf,
  textExpectations,
} from './fixtureRunner';

/** A finding of `ruleId` starting on the one-based `line`. */
function finding(line: number, ruleId = 'AIP102', character = 4): Finding {
  return {
    ruleId,
    severity: 'error',
    message: 'm',
    messageId: 'id',
    path: 'a.py',
    range: { start: { line: line - 1, character }, end: { line: line - 1, character: character + 10 } },
    fingerprint: 'f',
  };
}

describe('fixture runner', () => {
  describe('markers', () => {
    it('point at the first line after a stack of markers and count repeated ids', () => {
      const text = ['# ruleid: AIP102', '# ruleid: AIP102, AIP101', 'x = 1', '# ok: AIP109', 'y = 2'].join('\n');
      assert.deepEqual(textExpectations(text), [
        { line: 2, ruleId: 'AIP102', kind: 'ruleid' },
        { line: 2, ruleId: 'AIP102', kind: 'ruleid' },
        { line: 2, ruleId: 'AIP101', kind: 'ruleid' },
        { line: 4, ruleId: 'AIP109', kind: 'ok' },
      ]);
    });

    it('reads todoruleid and todook', () => {
      const text = ['// todoruleid: AIP203', 'a;', '// todook: AIP203', 'b;'].join('\n');
      assert.deepEqual(textExpectations(text), [
        { line: 1, ruleId: 'AIP203', kind: 'todoruleid' },
        { line: 3, ruleId: 'AIP203', kind: 'todook' },
      ]);
    });
  });

  describe('comparison', () => {
    const expect = (text: string) => textExpectations(text);

    it('requires the exact count per line and rule', () => {
      const markers = expect('# ruleid: AIP102\nx\n');
      assert.deepEqual(compareWithExpectations(markers, [finding(2)]), []);
      assert.deepEqual(compareWithExpectations(markers, [finding(2), finding(2, 'AIP102', 20)]), [
        '2:AIP102: expected 1 finding(s), got 2',
      ]);
      assert.deepEqual(compareWithExpectations(markers, []), ['2:AIP102: expected 1 finding(s), got 0']);
      assert.deepEqual(compareWithExpectations([], [finding(5)]), ['5:AIP102: expected 0 finding(s), got 1']);
    });

    it('keeps ok lines silent', () => {
      assert.deepEqual(compareWithExpectations(expect('# ok: AIP102\nx\n'), [finding(2)]), [
        '2:AIP102: marked `ok:` but reported 1 time(s)',
      ]);
    });

    it('passes a todoruleid while the finding is missing and fails once it appears', () => {
      const markers = expect('# todoruleid: AIP102\nx\n');
      assert.deepEqual(compareWithExpectations(markers, []), []);
      assert.deepEqual(compareWithExpectations(markers, [finding(2)]), [
        '2:AIP102: the known false negative is now found: turn `todoruleid:` into `ruleid:`',
      ]);
    });

    it('passes a todook while the finding is there and fails once it is gone', () => {
      const markers = expect('# todook: AIP102\nx\n');
      assert.deepEqual(compareWithExpectations(markers, [finding(2)]), []);
      assert.deepEqual(compareWithExpectations(markers, []), [
        '2:AIP102: expected 1 finding(s), got 0',
        '2:AIP102: the known false positive is gone: turn `todook:` into `ok:`',
      ]);
    });

    it('counts whole-file expectations of binary fixtures', () => {
      const expectations = binaryExpectationList(parseBinaryExpectations('{"ruleid": ["AIP801", "AIP801"], "ok": ["AIP802"]}', 'x'));
      const wholeFile = () => -1;
      assert.deepEqual(compareWithExpectations(expectations, [finding(1, 'AIP801'), finding(9, 'AIP801')], wholeFile), []);
      assert.deepEqual(compareWithExpectations(expectations, [finding(1, 'AIP801'), finding(1, 'AIP802')], wholeFile), [
        'file:AIP801: expected 2 finding(s), got 1',
        'file:AIP802: marked `ok:` but reported 1 time(s)',
      ]);
    });
  });

  describe('binary sidecar', () => {
    it('parses every marker kind and a description', () => {
      const parsed = parseBinaryExpectations(
        JSON.stringify({ description: 'a pickle that imports os.system', ruleid: ['AIP801'], todook: ['AIP103'] }),
        'evil.pkl.expected.json',
      );
      assert.deepEqual(parsed, {
        ruleid: ['AIP801'],
        ok: [],
        todoruleid: [],
        todook: ['AIP103'],
        description: 'a pickle that imports os.system',
      });
    });

    it('rejects malformed sidecars with the file name in the message', () => {
      const cases: [string, RegExp][] = [
        ['{', /s\.json: not JSON/],
        ['[]', /s\.json: expected an object/],
        ['{"ruleid": "AIP801"}', /"ruleid" must be a list of rule ids/],
        ['{"ruleid": ["aip801"]}', /"ruleid" must be a list of rule ids/],
        ['{"rule": ["AIP801"]}', /unknown key "rule"/],
        ['{"description": 3, "ruleid": ["AIP801"]}', /"description" must be a string/],
        ['{"ruleid": []}', /expects nothing/],
      ];
      for (const [json, message] of cases) assert.throws(() => parseBinaryExpectations(json, 's.json'), message, json);
    });

    it('tells binary files from text files', () => {
      assert.equal(isBinary(new TextEncoder().encode('import torch\n# é\n')), false);
      assert.equal(isBinary(Uint8Array.from([0x80, 0x04, 0x95, 0x00])), true);
      assert.equal(isBinary(Uint8Array.from([0xff, 0xfe, 0x41])), true);
    });

    it('keeps snapshots, sidecars, fixed files and notes out of the fixture list', () => {
      for (const name of ['a.py.snap.json', 'm.pkl.expected.json', 'positive.fixed.py', 'README.md'])
        assert.ok(isCompanionFile(name), name);
      for (const name of ['positive.py', 'config.json', 'model.pkl', 'copilot-instructions.md']) assert.ok(!isCompanionFile(name), name);
    });
  });

  it('snapshots one-based ranges, severity, message id, message and fix', () => {
    const fixed: Finding = {
      ...finding(3),
      fix: { title: 'Add weights_only=True', edits: [], applicability: 'safe' },
    };
    assert.deepEqual(snapshotOf([fixed]), [
      { range: '3:5-3:15', ruleId: 'AIP102', severity: 'error', messageId: 'id', message: 'm', fix: 'safe: Add weights_only=True' },
    ]);
  });
});
