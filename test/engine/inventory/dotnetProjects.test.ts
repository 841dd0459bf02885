import * as assert from 'node:assert/strict';
import { find, inventoryOf, namesOf, propertyValues } from './helpers';

/** .NET project references to in-repository projects published as AI NuGet packages. */

const SAMPLE = `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <ProjectReference Include="..\\..\\src\\Agents\\Core\\Agents.Core.csproj" />
    <ProjectReference Include="..\\..\\src\\Functions\\Functions.Yaml\\Functions.Yaml.csproj" />
    <ProjectReference Include="..\\..\\src\\InternalUtilities\\Utilities.csproj" />
    <ProjectReference Include="..\\..\\src\\Missing\\Missing.csproj" />
  </ItemGroup>
</Project>`;

describe('inventory: .NET project references', () => {
  it('lists a referenced project by the AI package it publishes (AssemblyName, PackageId, else its file name)', async () => {
    const bom = await inventoryOf({
      'samples/Agents/Agents.csproj': SAMPLE,
      'src/Agents/Core/Agents.Core.csproj': `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <AssemblyName>Microsoft.SemanticKernel.Agents.Core</AssemblyName>
    <RootNamespace>Microsoft.SemanticKernel.Agents</RootNamespace>
  </PropertyGroup>
</Project>`,
      'src/Functions/Functions.Yaml/Functions.Yaml.csproj': `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><AssemblyName>Functions.Yaml</AssemblyName></PropertyGroup>
  <PropertyGroup><PackageId>Microsoft.SemanticKernel.Yaml</PackageId></PropertyGroup>
</Project>`,
      'src/InternalUtilities/Utilities.csproj':
        '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><AssemblyName>Utilities</AssemblyName></PropertyGroup></Project>',
    });
    assert.deepEqual(namesOf(bom, 'sdk'), ['Microsoft.SemanticKernel.Agents.Core', 'Microsoft.SemanticKernel.Yaml']);
    const core = find(bom, 'sdk', 'Microsoft.SemanticKernel.Agents.Core');
    assert.equal(core.ref, 'sdk:nuget/microsoft.semantickernel.agents.core');
    assert.deepEqual(
      core.occurrences.map((occurrence) => `${occurrence.path}:${occurrence.line}`),
      ['samples/Agents/Agents.csproj:3'],
    );
    assert.deepEqual(propertyValues(core, 'sdk:project-reference'), ['src/Agents/Core/Agents.Core.csproj']);
  });

  it('near miss: a referenced project that publishes a general-purpose package, or a project nobody references, is not listed', async () => {
    const bom = await inventoryOf({
      'app/App.csproj': '<Project><ItemGroup><ProjectReference Include="../lib/Json.csproj" /></ItemGroup></Project>',
      'lib/Json.csproj': '<Project><PropertyGroup><PackageId>Newtonsoft.Json</PackageId></PropertyGroup></Project>',
      'src/Connectors.OpenAI.csproj':
        '<Project><PropertyGroup><AssemblyName>Microsoft.SemanticKernel.Connectors.OpenAI</AssemblyName></PropertyGroup></Project>',
    });
    assert.deepEqual(namesOf(bom, 'sdk'), []);
  });
});
