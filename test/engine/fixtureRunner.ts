/**
 * The pieces of the rule fixture runner (`fixtures.test.ts`) that are worth testing on their own:
 * reading the markers of a text fixture, the expectations sidecar of a binary fixture, comparing
 * findings with both, and the per-fixture snapshot.
 *
 * Markers, in a comment on the line before the code they are about (stacked markers all point at
 * the first line after them that is not a marker):
 * - `ruleid: AIPnnn`     the line has this finding; repeat the id (`ruleid: AIP102, AIP102`, or two
 *                        marker lines) when the line has it more than once: counts are exact.
 * - `ok: AIPnnn`         the line must stay silent for this rule.
 * - `todoruleid: AIPnnn` a known false negative: passes while the finding is missing, fails once
 *                        it appears (then turn the marker into `ruleid:`).
 * - `todook: AIPnnn`     a known false positive: passes while the finding is there, fails once it
 *                        is gone (then turn the marker into `ok:`).
 */
import * as fs from 'node:fs';
import type { Finding } from '../../server/src/engine/types';

export const MARKER_KINDS = ['ruleid', 'ok', 'todoruleid', 'todook'] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

/** One rule id named by one marker for one line (zero-based); a line may have several. */
export interface Expectation {
  line: number;
  ruleId: string;
  kind: MarkerKind;
}

const RULE_ID = /^AIP\d{3}$/;
const MARKER = /\b(ruleid|ok|todoruleid|todook):\s*((?:AIP\d{3}[,\s]*)+)/;

/** The files next to a fixture that are not fixtures themselves. */
export const SNAPSHOT_SUFFIX = '.snap.json';
export const SIDECAR_SUFFIX = '.expected.json';

/** A fixture folder's configuration: its fixtures run with it (a workspace rule's policy, severities). */
export const FIXTURE_CONFIG = '.ai-posture.json';

export function isCompanionFile(name: string): boolean {
  return (
    /\.fixed\.[^.]+$/.test(name) ||
    // A folder's notes; other Markdown files are fixtures (agent instruction files).
    name === 'README.md' ||
    name.endsWith(SNAPSHOT_SUFFIX) ||
    name.endsWith(SIDECAR_SUFFIX) ||
    name === FIXTURE_CONFIG
  );
}

export function textExpectations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const result: Expectation[] = [];
  lines.forEach((line, index) => {
    const match = MARKER.exec(line);
    if (!match) return;
    let target = index + 1;
    while (target < lines.length && MARKER.test(lines[target])) target++;
    for (const ruleId of match[2].split(/[\s,]+/).filter(Boolean)) {
      result.push({ line: target, ruleId, kind: match[1] as MarkerKind });
    }
  });
  return result;
}

/**
 * A binary fixture (a model file cannot hold comments) lists what it expects in a sidecar
 * `<name>.expected.json`: `{ "ruleid": ["AIP8xx"], "ok": [...], "todoruleid": [...], "todook": [...] }`,
 * each a list of rule ids (repeat an id to expect it more than once), plus an optional
 * `"description"` saying what the file is. Findings in bytes have no line, so counts are per file.
 */
export type BinaryExpectations = Record<MarkerKind, string[]> & { description?: string };

export function parseBinaryExpectations(json: string, source: string): BinaryExpectations {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new Error(`${source}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${source}: expected an object`);
  const result: BinaryExpectations = { ruleid: [], ok: [], todoruleid: [], todook: [] };
  for (const [key, entry] of Object.entries(value)) {
    if (key === 'description') {
      if (typeof entry !== 'string') throw new Error(`${source}: "description" must be a string`);
      result.description = entry;
    } else if ((MARKER_KINDS as readonly string[]).includes(key)) {
      if (!Array.isArray(entry) || !entry.every((id): id is string => typeof id === 'string' && RULE_ID.test(id))) {
        throw new Error(`${source}: "${key}" must be a list of rule ids such as "AIP102"`);
      }
      result[key as MarkerKind] = entry;
    } else {
      throw new Error(`${source}: unknown key "${key}" (expected ${MARKER_KINDS.join(', ')}, description)`);
    }
  }
  if (MARKER_KINDS.every((kind) => result[kind].length === 0)) throw new Error(`${source}: expects nothing; list at least one rule id`);
  return result;
}

/** Expectations of a binary fixture, all on the file as a whole (line -1). */
export function binaryExpectationList(expected: BinaryExpectations): Expectation[] {
  return MARKER_KINDS.flatMap((kind) => expected[kind].map((ruleId) => ({ line: -1, ruleId, kind })));
}

/** A file is binary when it holds a NUL byte or is not valid UTF-8, like git decides. */
export function isBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/** `line:ruleId` with a one-based line (`file:ruleId` for whole-file expectations). */
function key(line: number, ruleId: string): string {
  return `${line < 0 ? 'file' : line + 1}:${ruleId}`;
}

function countKeys(keys: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of keys) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

/**
 * Everything wrong between the expectations and the findings (empty when they agree). `lineOf`
 * places a finding (its start line, or -1 for whole-file expectations of binary fixtures).
 */
export function compareWithExpectations(
  expectations: readonly Expectation[],
  findings: readonly Finding[],
  lineOf: (finding: Finding) => number = (finding) => finding.range.start.line,
): string[] {
  const actual = countKeys(findings.map((finding) => key(lineOf(finding), finding.ruleId)));
  const of = (kind: MarkerKind) => countKeys(expectations.filter((e) => e.kind === kind).map((e) => key(e.line, e.ruleId)));
  const [wanted, todoFound, todoMissing, silent] = [of('ruleid'), of('todook'), of('todoruleid'), of('ok')];
  const problems: string[] = [];
  for (const where of todoMissing.keys()) {
    if (actual.has(where)) problems.push(`${where}: the known false negative is now found: turn \`todoruleid:\` into \`ruleid:\``);
  }
  for (const [where, count] of todoFound) {
    if ((actual.get(where) ?? 0) < count) problems.push(`${where}: the known false positive is gone: turn \`todook:\` into \`ok:\``);
    wanted.set(where, (wanted.get(where) ?? 0) + count);
  }
  for (const where of silent.keys()) {
    if (actual.has(where)) problems.push(`${where}: marked \`ok:\` but reported ${actual.get(where)} time(s)`);
  }
  for (const where of new Set([...wanted.keys(), ...actual.keys()])) {
    if (silent.has(where) || todoMissing.has(where)) continue;
    const [expected, got] = [wanted.get(where) ?? 0, actual.get(where) ?? 0];
    if (expected !== got) problems.push(`${where}: expected ${expected} finding(s), got ${got}`);
  }
  return problems.sort();
}

/** One finding as the snapshot records it: place (one-based, end exclusive), rule, severity, message, fix. */
export interface SnapshotEntry {
  range: string;
  ruleId: string;
  severity: string;
  messageId: string | null;
  message: string;
  fix?: string;
}

export function snapshotOf(findings: readonly Finding[]): SnapshotEntry[] {
  return findings.map((finding) => {
    const { start, end } = finding.range;
    return {
      range: `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`,
      ruleId: finding.ruleId,
      severity: finding.severity,
      messageId: finding.messageId ?? null,
      message: finding.message,
      ...(finding.fix ? { fix: `${finding.fix.applicability}: ${finding.fix.title}` } : {}),
    };
  });
}

export const UPDATE_SNAPSHOTS = process.env.UPDATE_SNAPSHOTS === '1';

/** The committed snapshot of a fixture; no file means no findings. */
export function readSnapshot(snapshotFile: string): SnapshotEntry[] {
  return fs.existsSync(snapshotFile) ? (JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as SnapshotEntry[]) : [];
}

/** Writes (or, for no findings, removes) a fixture's snapshot; used under `UPDATE_SNAPSHOTS=1`. */
export function writeSnapshot(snapshotFile: string, entries: SnapshotEntry[]): void {
  if (entries.length > 0) fs.writeFileSync(snapshotFile, `${JSON.stringify(entries, null, 2)}\n`);
  else fs.rmSync(snapshotFile, { force: true });
}
