import * as assert from 'node:assert/strict';
import { find, inventoryOf, propertyValues, summary } from './helpers';

describe('inventory: Go and Cargo manifests', () => {
  it('reads go.mod require lines and blocks, keeps major-version paths, marks indirect', async () => {
    const text = [
      'module github.com/contoso/bot',
      '',
      'go 1.23',
      '',
      'require github.com/sashabaranov/go-openai v1.32.5',
      '',
      'require (',
      '\tgithub.com/openai/openai-go/v2 v2.1.0',
      '\tgithub.com/gin-gonic/gin v1.10.0',
      '\tgithub.com/mark3labs/mcp-go v0.17.0 // indirect',
      ')',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'go.mod': text });
    assert.deepEqual(summary(bom), [
      'sdk github.com/mark3labs/mcp-go@v0.17.0',
      'sdk github.com/openai/openai-go/v2@v2.1.0',
      'sdk github.com/sashabaranov/go-openai@v1.32.5',
    ]);
    assert.equal(find(bom, 'sdk', 'github.com/openai/openai-go/v2').purl, 'pkg:golang/github.com/openai/openai-go/v2@v2.1.0');
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'github.com/mark3labs/mcp-go'), 'dependency'), ['transitive']);
  });

  it('reads Cargo.toml tables (renames, workspace, targets) and takes versions from Cargo.lock', async () => {
    const manifest = [
      '[package]',
      'name = "bot"',
      '[dependencies]',
      'serde = { version = "1", features = ["derive"] }',
      'async-openai = "0.25"',
      'llm = { package = "rig-core", version = "=0.5.0" }',
      '[dev-dependencies]',
      'tokenizers = "0.20"',
      "[target.'cfg(unix)'.dependencies]",
      'ort = { version = "2.0.0-rc.8" }',
      '',
    ].join('\n');
    const lock = [
      'version = 4',
      '[[package]]',
      'name = "async-openai"',
      'version = "0.25.0"',
      'source = "registry+https://github.com/rust-lang/crates.io-index"',
      '[[package]]',
      'name = "bot"',
      'version = "0.1.0"',
      '',
    ].join('\n');
    const bom = await inventoryOf({ 'Cargo.toml': manifest, 'Cargo.lock': lock });
    assert.deepEqual(summary(bom), ['sdk async-openai@0.25.0', 'sdk ort', 'sdk rig-core@0.5.0', 'sdk tokenizers']);
    assert.equal(find(bom, 'sdk', 'async-openai').purl, 'pkg:cargo/async-openai@0.25.0');
    assert.deepEqual(propertyValues(find(bom, 'sdk', 'tokenizers'), 'dependency-scope'), ['development']);
  });
});
