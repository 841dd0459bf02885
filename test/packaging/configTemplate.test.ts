import * as assert from 'node:assert/strict';
import { CONFIG_FILE_NAME, CONFIG_TEMPLATE } from '../../client/src/configTemplate';
import { defaultConfig, CONFIG_FILE_NAME as ENGINE_CONFIG_FILE_NAME, parseConfigText } from '../../server/src/engine/index';

/** The template "AI Posture: Open Configuration" writes, checked by the engine that reads it. */
describe('.ai-posture.json template', () => {
  it('is the file the engine looks for', () => {
    assert.equal(CONFIG_FILE_NAME, ENGINE_CONFIG_FILE_NAME);
  });

  it('is valid and changes nothing until someone edits it', () => {
    const { configPath, modelFilesScanFromFile, testCodeSeverityFromFile, ...config } = parseConfigText(CONFIG_TEMPLATE, CONFIG_FILE_NAME);
    assert.equal(configPath, CONFIG_FILE_NAME);
    assert.deepEqual(config, defaultConfig());
    assert.equal(modelFilesScanFromFile, false, 'it must not override the modelFiles.scan setting');
    assert.equal(testCodeSeverityFromFile, false, 'it must not override the testCode.severity setting');
  });

  it('has examples that are valid once uncommented', () => {
    const uncommented = CONFIG_TEMPLATE.replace(/^(\s*)\/\/ (["{])/gm, '$1$2');
    assert.notEqual(uncommented, CONFIG_TEMPLATE);
    const config = parseConfigText(uncommented, CONFIG_FILE_NAME);
    assert.deepEqual(config.rules, { AIP105: 'off' });
    assert.deepEqual(config.exclude, ['**/fixtures/**']);
    assert.equal(config.ignore.length, 1);
    assert.equal(config.modelFilesScanFromFile, true);
  });

  it('leaves the schema to jsonValidation', () => {
    assert.doesNotMatch(CONFIG_TEMPLATE, /\$schema/);
  });
});
