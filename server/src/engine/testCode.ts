import ignore from 'ignore';
import type { ResolvedConfig, TestCodeHandling } from './config/config';
import type { Finding, Severity } from './types';

/**
 * Test code: files that exercise the product rather than ship it. A finding there (a fixture that
 * loads a tiny Hub model without a revision, a test of `trust_remote_code`) matters less than the
 * same line in the library, so every finding of every rule kind passes through `markTestCode`:
 * it is tagged `testCode`, and by default demoted one severity level (`testCode.severity`).
 *
 * The conventions of each ecosystem decide, from the path alone; `testCode.paths` (gitignore-style
 * globs) adds the project's own.
 */

/** Folder names that hold tests in Python, JavaScript, Java/Kotlin (`src/test/java`), Ruby and others. */
const TEST_FOLDERS = new Set(['test', 'tests', '__tests__']);

/** File names by convention: pytest, JS/TS test runners, Go, Java/Kotlin, C#. */
const TEST_FILE_PATTERNS: RegExp[] = [
  /^test_.*\.py$/,
  /^.*_test\.py$/,
  /^conftest\.py$/,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /_test\.go$/,
  /^[A-Z]\w*Tests?\.(java|kt|cs)$/,
];

/** A .NET test project folder: `MyApp.Tests`, `MyApp.UnitTests`, `MyApp.IntegrationTests`, `MyApp.Test`. */
const DOTNET_TEST_PROJECT = /\.(Unit|Integration|Functional)?Tests?$/;

/** True when the workspace-relative `path` is test code by the ecosystems' conventions alone (no project globs). */
export function isConventionalTestPath(path: string): boolean {
  return isTestPath(path, { testCode: { paths: [], severity: 'demote' } });
}

/** True when the workspace-relative `path` is test code by convention or by `testCode.paths`. */
export function isTestPath(path: string, config: Pick<ResolvedConfig, 'testCode'>): boolean {
  const segments = path.split('/');
  const name = segments[segments.length - 1] ?? '';
  const folders = segments.slice(0, -1);
  if (folders.some((folder) => TEST_FOLDERS.has(folder) || DOTNET_TEST_PROJECT.test(folder))) return true;
  if (TEST_FILE_PATTERNS.some((pattern) => pattern.test(name))) return true;
  return matchesConfiguredPaths(path, config.testCode.paths);
}

const matchers = new WeakMap<string[], ReturnType<typeof ignore>>();

function matchesConfiguredPaths(path: string, paths: string[]): boolean {
  if (paths.length === 0 || path === '' || path.startsWith('/') || path.startsWith('..') || /^[A-Za-z]:/.test(path)) return false;
  let matcher = matchers.get(paths);
  if (!matcher) {
    matcher = ignore().add(paths);
    matchers.set(paths, matcher);
  }
  return matcher.ignores(path);
}

const ONE_LEVEL_DOWN: Record<Severity, Severity> = { error: 'warning', warning: 'information', information: 'hint', hint: 'hint' };

/**
 * Tags the findings of one file when it is test code and applies `testCode.severity`: `demote`
 * (default) lowers each one level, `keep` leaves the severity, `off` drops them. Returns the
 * findings to keep (the same array when nothing is dropped).
 */
export function markTestCode(findings: Finding[], path: string, config: Pick<ResolvedConfig, 'testCode'>): Finding[] {
  if (findings.length === 0 || !isTestPath(path, config)) return findings;
  const handling: TestCodeHandling = config.testCode.severity;
  if (handling === 'off') return [];
  for (const finding of findings) {
    finding.testCode = true;
    if (handling === 'demote') finding.severity = ONE_LEVEL_DOWN[finding.severity];
  }
  return findings;
}

/** A severity as a finding already marked `testCode` would carry it (for findings reworded after the fact). */
export function demotedInTestCode(severity: Severity, finding: Finding, config: Pick<ResolvedConfig, 'testCode'>): Severity {
  return finding.testCode && config.testCode.severity === 'demote' ? ONE_LEVEL_DOWN[severity] : severity;
}
