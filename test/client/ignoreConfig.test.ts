/**
 * "Ignore…" writes `ignore` entries into `.ai-posture.json` with jsonc-parser: comments and the
 * existing layout stay, the file is created when missing, entries are appended to an existing list,
 * and what is written is what the engine and the schema accept.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import ignore from 'ignore';
import { parse } from 'jsonc-parser';
import {
  addIgnoreEntry,
  ConfigEditError,
  configCandidates,
  exactPathPattern,
  formattingOf,
  localToday,
  outermostFolder,
  relativePosix,
  validateExpiry,
  validateReason,
} from '../../client/src/recommendations/ignoreConfig';
import { parseConfigText } from '../../server/src/engine/index';

const ROOT = path.join(__dirname, '..', '..');
const ENTRY = { rule: 'AIP102', reason: 'weights come from our own signed build', until: '2027-01-31' };

function schemaValid(text: string): void {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'ai-posture.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  assert.ok(validate(parse(text)), JSON.stringify(validate.errors));
  // The engine reads it too.
  parseConfigText(text, '.ai-posture.json');
}

describe('.ai-posture.json ignore writer', () => {
  it('creates the file when there is none', () => {
    const text = addIgnoreEntry(undefined, ENTRY);
    assert.equal(
      text,
      [
        '{',
        '  "ignore": [',
        '    {',
        '      "rule": "AIP102",',
        '      "reason": "weights come from our own signed build",',
        '      "until": "2027-01-31"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    assert.equal(addIgnoreEntry('  \n', ENTRY), text);
    schemaValid(text);
  });

  it('keeps comments and the layout of everything else when it adds the ignore list', () => {
    const before = '{\n  // What the team agreed on.\n  "rules": { "AIP109": "off" }, /* keep */\n  "exclude": ["**/fixtures/**"]\n}\n';
    const after = addIgnoreEntry(before, { rule: 'AIP103', reason: 'trusted cache' });
    assert.equal(
      after,
      '{\n  // What the team agreed on.\n  "rules": { "AIP109": "off" }, /* keep */\n  "exclude": ["**/fixtures/**"],\n' +
        '  "ignore": [\n    {\n      "rule": "AIP103",\n      "reason": "trusted cache"\n    }\n  ]\n}\n',
    );
    schemaValid(after);
  });

  it('appends to an existing ignore list, keeping its entries and comments', () => {
    const before = [
      '{',
      '    "ignore": [',
      '        // Legacy tools, reviewed 2026-01.',
      '        { "rule": "AIP103", "paths": ["tools/legacy/**"], "reason": "trusted local cache" }',
      '    ]',
      '}',
      '',
    ].join('\n');
    const after = addIgnoreEntry(before, { rule: 'AIP102', paths: ['/src/train.py'], reason: 'reviewed' });
    assert.equal(
      after,
      [
        '{',
        '    "ignore": [',
        '        // Legacy tools, reviewed 2026-01.',
        '        { "rule": "AIP103", "paths": ["tools/legacy/**"], "reason": "trusted local cache" },',
        '        {',
        '            "rule": "AIP102",',
        '            "paths": [',
        '                "/src/train.py"',
        '            ],',
        '            "reason": "reviewed"',
        '        }',
        '    ]',
        '}',
        '',
      ].join('\n'),
    );
    schemaValid(after);
    const twice = addIgnoreEntry(after, ENTRY);
    assert.deepEqual(
      (parse(twice) as { ignore: { rule: string }[] }).ignore.map((entry) => entry.rule),
      ['AIP103', 'AIP102', 'AIP102'],
    );
  });

  it('fills an empty list and follows tabs and CRLF line ends', () => {
    const after = addIgnoreEntry('{\r\n\t"ignore": []\r\n}\r\n', { rule: 'AIP101', reason: 'r' });
    assert.equal(after, '{\r\n\t"ignore": [\r\n\t\t{\r\n\t\t\t"rule": "AIP101",\r\n\t\t\t"reason": "r"\r\n\t\t}\r\n\t]\r\n}\r\n');
  });

  it('refuses a file it cannot edit safely', () => {
    assert.throws(() => addIgnoreEntry('{ "rules": ', ENTRY), ConfigEditError);
    assert.throws(() => addIgnoreEntry('[]', ENTRY), ConfigEditError);
    assert.throws(() => addIgnoreEntry('{ "ignore": {} }', ENTRY), /"ignore" .* is not an array/);
  });

  it('detects the indentation in use', () => {
    assert.deepEqual(formattingOf('{\n    "a": 1\n}'), { insertSpaces: true, tabSize: 4, eol: '\n' });
    assert.deepEqual(formattingOf('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 4, eol: '\n' });
    assert.deepEqual(formattingOf('{}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
  });

  it('validates the reason and the expiry date', () => {
    assert.equal(validateReason('trusted'), undefined);
    assert.ok(validateReason('   '));
    const today = '2026-05-10';
    assert.equal(validateExpiry('', today), undefined);
    assert.equal(validateExpiry('2026-05-10', today), undefined);
    assert.equal(validateExpiry(' 2027-01-31 ', today), undefined);
    assert.match(validateExpiry('2027-1-31', today) ?? '', /YYYY-MM-DD/);
    assert.match(validateExpiry('31/01/2027', today) ?? '', /YYYY-MM-DD/);
    assert.match(validateExpiry('2027-02-30', today) ?? '', /not a date/);
    assert.match(validateExpiry('2027-13-01', today) ?? '', /not a date/);
    assert.match(validateExpiry('2026-05-09', today) ?? '', /has passed/);
    assert.match(localToday(new Date(2026, 0, 5)), /^2026-01-05$/);
  });

  it('ignores exactly one file with an anchored, escaped path pattern', () => {
    for (const file of ['app.py', 'src/train.py', 'notes/[draft] #1!.py', 'a*b?.py', 'trailing .py']) {
      const pattern = exactPathPattern(file);
      assert.ok(pattern.startsWith('/'), pattern);
      const matcher = ignore().add(pattern);
      assert.equal(matcher.ignores(file), true, `${pattern} misses ${file}`);
    }
    const matcher = ignore().add(exactPathPattern('app.py'));
    assert.equal(matcher.ignores('sub/app.py'), false);
    assert.equal(ignore().add(exactPathPattern('a*b?.py')).ignores('aXXbY.py'), false);
  });

  it('picks the outermost folder holding a file, and where its configuration is looked up', () => {
    const folders = [
      { fsPath: path.resolve('/w/outer/inner') },
      { fsPath: path.resolve('/w/outer') },
      { fsPath: path.resolve('/w/other') },
    ];
    assert.equal(outermostFolder(folders, path.resolve('/w/outer/inner/a.py')), folders[1]);
    assert.equal(outermostFolder(folders, path.resolve('/w/other/b.py')), folders[2]);
    assert.equal(outermostFolder(folders, path.resolve('/w/outerx/a.py')), undefined);
    assert.equal(relativePosix(path.resolve('/w/outer'), path.resolve('/w/outer/inner/a.py')), 'inner/a.py');
    const candidates = configCandidates(path.resolve('/w/outer'));
    assert.equal(candidates[0], path.join(path.resolve('/w/outer'), '.ai-posture.json'));
    assert.equal(candidates[1], path.join(path.resolve('/w'), '.ai-posture.json'));
    assert.equal(candidates.at(-1), path.join(path.parse(path.resolve('/')).root, '.ai-posture.json'));
  });
});
