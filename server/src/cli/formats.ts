/**
 * The report formats the CLI can write. Adding a format is a change to this table only.
 */
import * as path from 'node:path';
import { type AiBom, cycloneDxJson, formatSarif, formatText, type ScanReport, toJsonReport } from '../engine/index';
import type { BomChanges } from './baseline';
import { bomChangesText, bomSummaryLine, bomTable, painter } from './bomText';

export const FORMAT_NAMES = ['text', 'json', 'sarif', 'cyclonedx'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** Everything one scan produced, as the formats see it. */
export interface ScanOutput {
  report: ScanReport;
  bom: AiBom;
  /** Present with `--baseline`. */
  bomChanges?: BomChanges;
}

export interface RenderContext {
  /** ANSI colours are wanted (only ever for text going to a terminal). */
  color: boolean;
  /** `--bom`: the text report lists every AI-BOM component. */
  listBom: boolean;
  /** `--deterministic`: CycloneDX without `serialNumber` and timestamp. */
  deterministic: boolean;
}

export type Render = (output: ScanOutput, context: RenderContext) => string;

export const FORMATS: Record<FormatName, Render> = {
  text: renderText,
  json: (output) => `${JSON.stringify({ ...toJsonReport(output.report), ...bomChangesField(output) }, null, 2)}\n`,
  sarif: (output) => formatSarif(output.report),
  cyclonedx: (output, context) =>
    cycloneDxJson(output.bom, {
      workspaceName: workspaceName(output.report.root),
      toolVersion: output.report.toolVersion,
      deterministic: context.deterministic,
    }),
};

/** Findings and their summary, the AI-BOM count line, then the `--bom` table and the baseline changes. */
function renderText(output: ScanOutput, context: RenderContext): string {
  const paint = painter(context.color);
  const sections = [`${formatText(output.report, { color: context.color })}${bomSummaryLine(output.bom, context.listBom)}`];
  if (context.listBom) sections.push(bomTable(output.bom, paint));
  if (output.bomChanges) sections.push(bomChangesText(output.bomChanges, paint));
  return `${sections.filter((section) => section.length > 0).join('\n\n')}\n`;
}

/** The JSON report gains `bomChanges` only with `--baseline`, so its shape is otherwise unchanged. */
function bomChangesField(output: ScanOutput): { bomChanges?: BomChanges } {
  return output.bomChanges ? { bomChanges: output.bomChanges } : {};
}

/** `metadata.component.name`: the scanned folder (the common folder for several PATHs). */
export function workspaceName(root: string): string {
  return path.basename(root) || root;
}

export function isFormatName(value: string): value is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(value);
}
