import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../../server/src/engine/analyze';
import { defaultConfig } from '../../../server/src/engine/config/config';
import { isRazorPath, razorCodeView } from '../../../server/src/engine/parse/razor';
import { expandFakeKeys } from '../../support/fakeKeys';
import { inventoryOf, summary } from '../inventory/helpers';

const PAGE = [
  '@page "/"',
  '@using OllamaSharp',
  '<h1 class="title">Chat {not code}</h1>',
  '@code {',
  '    private string deploymentName = "llama3.2";',
  '    private string braces = "} not the end {";',
  '    private string verbatim = @"a ""quoted"" }";',
  '    // a comment with a brace }',
  '    protected override void OnInitialized()',
  '    {',
  '        messages.Add(new ChatMessage(ChatRole.System, "You are a helpful assistant who answers with short, friendly sentences."));',
  '    }',
  '}',
  '<p>@deploymentName</p>',
  '',
].join('\n');

describe('parse: the C# of Razor files', () => {
  it('keeps the code blocks and using lines at their positions and blanks the markup', () => {
    const view = razorCodeView(PAGE);
    assert.equal(view.length, PAGE.length);
    assert.deepEqual(
      view.split('\n').map((line) => line.length),
      PAGE.split('\n').map((line) => line.length),
    );
    const lines = view.split('\n');
    assert.equal(lines[0].trim(), '');
    assert.equal(lines[1].trim(), 'using OllamaSharp;');
    assert.equal(lines[2].trim(), '');
    assert.equal(lines[3], 'class {');
    assert.equal(lines[5], PAGE.split('\n')[5]);
    assert.equal(lines[12], '}');
    assert.equal(lines[13].trim(), '');
  });

  it('knows Razor files by their extension', () => {
    assert.ok(isRazorPath('Components/Pages/Home.razor'));
    assert.ok(isRazorPath('Pages/Index.cshtml'));
    assert.ok(!isRazorPath('Home.razor.cs'));
  });

  it('lists the SDKs, model default and system message of a Blazor chat page', async () => {
    const bom = await inventoryOf({ 'Components/Pages/Home.razor': PAGE });
    const lines = summary(bom);
    assert.ok(lines.includes('sdk OllamaSharp'), lines.join('\n'));
    assert.ok(lines.includes('prompt Components/Pages/Home.razor#system@11'), lines.join('\n'));
  });

  it('near miss: markup text that looks like C# is not read', async () => {
    const bom = await inventoryOf({
      'Pages/About.razor': '@page "/about"\n<p>new ChatMessage(ChatRole.System, "You are a helpful assistant who answers kindly.")</p>\n',
    });
    assert.deepEqual(summary(bom), []);
  });
});

describe('analysis: rules on Razor files', () => {
  it('finds a key written in the markup (text rules read the whole file) at its position', async () => {
    const text = expandFakeKeys('@page "/"\n<div data-key="@@FAKE_KEY:openai@@"></div>\n@code {\n    private int count;\n}\n');
    const result = await analyzeFile({ path: 'Pages/Key.razor', text }, defaultConfig());
    const keys = result.findings.filter((finding) => finding.ruleId === 'AIP201');
    assert.equal(keys.length, 1);
    assert.equal(keys[0].range.start.line, 1);
  });
});
