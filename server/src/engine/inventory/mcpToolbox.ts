import { configDocumentFor } from '../parse/configDocument';
import { property } from './components';
import { lineOf } from './manifestText';
import type { PartialComponent } from './types';

/**
 * MCP Toolbox for Databases (`googleapis/genai-toolbox`): an MCP server run from a `tools.yaml` that
 * declares database `sources` (`kind: cloud-sql-postgres`) and the `tools` agents may call on them
 * (`kind: postgres-sql`, `source`, `statement`). The configuration is the server the agents use, so
 * it is a plugin, `genai-toolbox`, with the kinds of its sources. A YAML file named otherwise, or
 * whose tools name no source, is something else.
 */

/** `tools.yaml`, `tools.yml`, `my-tools.yaml`: the names the toolbox is started with (`--tools-file`). */
export function isToolboxConfigPath(path: string): boolean {
  return /(?:^|\/|[._-])tools\.ya?ml$/i.test(path);
}

export function collectToolboxConfig(path: string, text: string): PartialComponent[] {
  if (!/^sources\s*:/m.test(text) || !/^tools\s*:/m.test(text)) return [];
  const root = configDocumentFor(text, 'yaml').root;
  const sources = root?.get('sources');
  const tools = root?.get('tools');
  if (sources?.kind !== 'object' || tools?.kind !== 'object') return [];
  const kinds = new Map<string, string>();
  for (const [name, source] of sources.entries()) {
    const kind = source.get('kind')?.string;
    if (kind) kinds.set(name, kind);
  }
  const served = tools.entries().filter(([, tool]) => tool.get('kind')?.string && kinds.has(tool.get('source')?.string ?? ''));
  if (served.length === 0) return [];
  return [
    {
      ref: 'plugin:mcp/toolbox/genai-toolbox',
      kind: 'plugin',
      name: 'genai-toolbox',
      occurrences: [{ path, line: lineOf(tools), evidence: 'config', symbol: 'tools' }],
      properties: [
        property('plugin:type', 'mcp-server'),
        property('mcp:source', 'workspace'),
        ...[...new Set(kinds.values())].sort().map((kind) => property('mcp:toolbox-source', kind)),
      ],
      dependsOn: [],
    },
  ];
}
