import * as assert from 'node:assert/strict';
import { find, inventoryOf, summary } from './helpers';

describe('inventory: NuGet manifests', () => {
  it('reads PackageReference items (attribute and element versions) and ignores other packages', async () => {
    const csproj = [
      '<Project Sdk="Microsoft.NET.Sdk">',
      '  <ItemGroup>',
      '    <PackageReference Include="Azure.AI.OpenAI" Version="2.1.0" />',
      '    <PackageReference Include="Microsoft.SemanticKernel">',
      '      <Version>1.30.0</Version>',
      '    </PackageReference>',
      '    <PackageReference Include="Microsoft.SemanticKernel.Connectors.Ollama" Version="1.30.0-alpha" />',
      '    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />',
      '    <PackageReference Include="OllamaSharp" Version="[4.0,5.0)" />',
      '  </ItemGroup>',
      '</Project>',
    ].join('\n');
    const bom = await inventoryOf({ 'src/Bot/Bot.csproj': csproj });
    assert.deepEqual(summary(bom), [
      'sdk Azure.AI.OpenAI@2.1.0',
      'sdk Microsoft.SemanticKernel@1.30.0',
      'sdk Microsoft.SemanticKernel.Connectors.Ollama@1.30.0-alpha',
      'sdk OllamaSharp',
    ]);
    assert.equal(find(bom, 'sdk', 'Azure.AI.OpenAI').purl, 'pkg:nuget/Azure.AI.OpenAI@2.1.0');
    assert.equal(find(bom, 'sdk', 'Microsoft.SemanticKernel').occurrences[0].line, 4);
  });

  it('takes central versions from Directory.Packages.props only for referenced packages', async () => {
    const props = [
      '<Project>',
      '  <ItemGroup>',
      '    <PackageVersion Include="OpenAI" Version="2.1.0" />',
      '    <PackageVersion Include="Anthropic" Version="0.2.0" />',
      '  </ItemGroup>',
      '</Project>',
    ].join('\n');
    const bom = await inventoryOf({
      'Directory.Packages.props': props,
      'App/App.csproj': '<Project><ItemGroup><PackageReference Include="OpenAI" /></ItemGroup></Project>',
    });
    assert.deepEqual(summary(bom), ['sdk OpenAI@2.1.0']);
  });

  it('reads packages.config and packages.lock.json (lockfile wins)', async () => {
    const bom = await inventoryOf({
      'Legacy/packages.config':
        '<?xml version="1.0"?>\n<packages>\n  <package id="Microsoft.ML" version="3.0.1" targetFramework="net48" />\n  <package id="log4net" version="2.0.15" />\n</packages>\n',
      'App/App.csproj':
        '<Project><ItemGroup><PackageReference Include="Azure.AI.Inference" Version="1.0.0-beta.1" /></ItemGroup></Project>',
      'App/packages.lock.json': JSON.stringify(
        {
          version: 1,
          dependencies: {
            'net8.0': {
              'Azure.AI.Inference': { type: 'Direct', requested: '[1.0.0-beta.1, )', resolved: '1.0.0-beta.2' },
              'System.Memory.Data': { type: 'Transitive', resolved: '1.0.2' },
            },
          },
        },
        null,
        2,
      ),
    });
    assert.deepEqual(summary(bom), ['sdk Azure.AI.Inference@1.0.0-beta.2', 'sdk Microsoft.ML@3.0.1']);
  });

  it('does not expand XML entities', async () => {
    const text =
      '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x "Azure.AI.OpenAI">]><Project><ItemGroup><PackageReference Include="&x;" /></ItemGroup></Project>';
    assert.deepEqual(summary(await inventoryOf({ 'A.csproj': text })), []);
  });
});
