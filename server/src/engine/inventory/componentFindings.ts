import type { FileResult } from '../types';
import { compareText } from './merge';
import type { AiBom, AiComponent, Occurrence } from './types';

/**
 * Which findings belong to an AI-BOM component: those on the lines of its occurrences (every line
 * of an MCP server's config entry), or anywhere in the file for components that are a whole file
 * (model files, prompts, plugin configurations found without a line). The editor's tree counts
 * them by severity; reports count each MCP server's. Occurrence lines are 1-based, finding ranges
 * 0-based.
 */

/** Where an occurrence lets findings count in one file: the whole file, or some 0-based lines. */
export interface FindingSpots {
  wholeFile: boolean;
  lines: Set<number>;
}

/** The spots of a component, by workspace-relative path. */
export function findingSpots(component: AiComponent): Map<string, FindingSpots> {
  const byFile = new Map<string, FindingSpots>();
  for (const occurrence of component.occurrences) {
    let spots = byFile.get(occurrence.path);
    if (!spots) {
      spots = { wholeFile: false, lines: new Set() };
      byFile.set(occurrence.path, spots);
    }
    if (isFileLevel(component, occurrence)) spots.wholeFile = true;
    else if (occurrence.line !== undefined) {
      for (let line = occurrence.line; line <= Math.max(occurrence.line, occurrence.endLine ?? 0); line++) spots.lines.add(line - 1);
    }
  }
  return byFile;
}

function isFileLevel(component: AiComponent, occurrence: Occurrence): boolean {
  return component.kind === 'modelFile' || component.kind === 'prompt' || (component.kind === 'plugin' && occurrence.line === undefined);
}

/** The CycloneDX property with the number of unsuppressed findings in an MCP server's config entries. */
export const MCP_FINDINGS_PROPERTY = 'ai-posture:mcp:findings';

export function isMcpServer(component: AiComponent): boolean {
  return (
    component.kind === 'plugin' &&
    component.properties.some((entry) => entry.name === 'ai-posture:plugin:type' && entry.value === 'mcp-server')
  );
}

/**
 * The BOM with each MCP server's finding count (`ai-posture:mcp:findings`), from the final results
 * of the same scan: refined, with the workspace rules' findings, suppressed ones left out.
 */
export function withMcpFindingCounts(bom: AiBom, files: readonly FileResult[]): AiBom {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const components = bom.components.map((component) => {
    if (!isMcpServer(component)) return component;
    const properties = component.properties.filter((entry) => entry.name !== MCP_FINDINGS_PROPERTY);
    properties.push({ name: MCP_FINDINGS_PROPERTY, value: String(findingsOf(component, byPath)) });
    // Sorted as the merge sorts properties, so the output stays deterministic.
    properties.sort((a, b) => compareText(a.name, b.name) || compareText(a.value, b.value));
    return { ...component, properties };
  });
  return { ...bom, components };
}

function findingsOf(component: AiComponent, byPath: ReadonlyMap<string, FileResult>): number {
  let count = 0;
  for (const [path, spots] of findingSpots(component)) {
    for (const finding of byPath.get(path)?.findings ?? []) {
      if (!finding.suppression && (spots.wholeFile || spots.lines.has(finding.range.start.line))) count++;
    }
  }
  return count;
}
