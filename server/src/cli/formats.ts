/**
 * The report formats the CLI can write. Adding a format (or wiring one that is not available yet)
 * is a change to this table only.
 */
import { formatJson, formatSarif, formatText, type ScanReport } from '../engine/index';

export const FORMAT_NAMES = ['text', 'json', 'sarif', 'cyclonedx'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface RenderContext {
  /** ANSI colours are wanted (only ever for text going to a terminal). */
  color: boolean;
}

export type OutputFormat =
  | { available: true; render: (report: ScanReport, context: RenderContext) => string }
  | { available: false; reason: string };

/** Why AI-BOM features (CycloneDX output, `--baseline`) cannot run in this build. */
export const AI_BOM_UNAVAILABLE = 'the AI-BOM (CycloneDX output and --baseline) is not available in this version of ai-posture yet';

export const FORMATS: Record<FormatName, OutputFormat> = {
  text: { available: true, render: (report, context) => formatText(report, { color: context.color }) },
  json: { available: true, render: (report) => formatJson(report) },
  sarif: { available: true, render: (report) => formatSarif(report) },
  cyclonedx: { available: false, reason: AI_BOM_UNAVAILABLE },
};

export function isFormatName(value: string): value is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(value);
}
