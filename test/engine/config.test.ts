import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, findConfigFile, parseConfigText, withEditorSettings } from '../../server/src/engine/config/config';

describe('config', () => {
  it('reads JSON with comments and trailing commas', () => {
    const config = parseConfigText(
      '{\n // team choices\n "rules": {"AIP105": "off",},\n "exclude": ["**/fixtures/**"]\n}',
      '.ai-posture.json',
    );
    assert.equal(config.rules.AIP105, 'off');
    assert.deepEqual(config.exclude, ['**/fixtures/**']);
  });

  it('names the file and the line of a JSON syntax error', () => {
    assert.throws(
      () => parseConfigText('{\n "rules": {\n }}}', '/w/.ai-posture.json'),
      (error: Error) => error instanceof ConfigError && /^\/w\/\.ai-posture\.json: invalid JSON at line 3/.test(error.message),
    );
  });

  it('names the property of a schema violation on one line', () => {
    assert.throws(
      () => parseConfigText('{"rules": {"AIP105": "loud"}}', 'cfg.json'),
      (error: Error) =>
        /^cfg\.json: rules\.AIP105 must be equal to one of the allowed values \(off, error/.test(error.message) &&
        !error.message.includes('\n'),
    );
    assert.throws(() => parseConfigText('{"rulez": {}}', 'cfg.json'), /must NOT have additional properties 'rulez'/);
    assert.throws(() => parseConfigText('{"ignore": [{"rule": "AIP102"}]}', 'cfg.json'), /ignore\.0 must have required property 'reason'/);
  });

  it('is found upward from a path', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-config-'));
    try {
      fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
      fs.writeFileSync(path.join(root, '.ai-posture.json'), '{}');
      assert.equal(findConfigFile(path.join(root, 'a', 'b')), path.join(root, '.ai-posture.json'));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('lets the workspace file win over editor settings', () => {
    const workspace = parseConfigText('{"rules": {"AIP102": "warning"}}', 'cfg.json');
    const merged = withEditorSettings(workspace, { severityOverrides: { AIP102: 'off', AIP105: 'off' }, exclude: ['x/**'] });
    assert.equal(merged.rules.AIP102, 'warning');
    assert.equal(merged.rules.AIP105, 'off');
    assert.deepEqual(merged.exclude, ['x/**']);
  });
});
