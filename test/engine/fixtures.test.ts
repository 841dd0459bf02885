import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile } from '../../server/src/engine/analyze';
import { analyzeModelFile, withWorkspaceFindings } from '../../server/src/engine/analyzeKinds';
import { defaultConfig, loadConfigFile, type ResolvedConfig } from '../../server/src/engine/config/config';
import { applyEdits, bulkFixEdits } from '../../server/src/engine/fix';
import { BomBuilder } from '../../server/src/engine/inventory/bomBuilder';
import { isManifestPath } from '../../server/src/engine/inventory/collect';
import { modelFileInfoFromBytes, modelFileView } from '../../server/src/engine/inventory/modelFiles';
import { EMPTY_PROJECT } from '../../server/src/engine/project';
import { projectAround } from '../../server/src/engine/projectRequirements';
import { refineWithProject } from '../../server/src/engine/refine';
import { allRules, workspaceRules } from '../../server/src/engine/rules/index';
import { type AnyRule, ruleKindOf } from '../../server/src/engine/rules/rule';
import type { FileResult, Finding } from '../../server/src/engine/types';
import { expandFakeKeys } from '../support/fakeKeys';
import {
  binaryExpectationList,
  compareWithExpectations,
  type Expectation,
  FIXTURE_CONFIG,
  isBinary,
  isCompanionFile,
  parseBinaryExpectations,
  readSnapshot,
  SIDECAR_SUFFIX,
  SNAPSHOT_SUFFIX,
  snapshotOf,
  textExpectations,
  UPDATE_SNAPSHOTS,
  writeSnapshot,
} from './fixtureRunner';
import { GENERATED_FIXTURES, type GeneratedFixture } from './modelScan/generatedFixtures';

/**
 * The fixture runner. Each rule has `test/fixtures/<id>/` with positive, negative and near-miss
 * files. Text fixtures mark lines with `ruleid:` / `ok:` / `todoruleid:` / `todook:` comments
 * (see `fixtureRunner.ts`); the count of findings per line and rule must match exactly. Binary
 * fixtures (model files) list their expectations in a sidecar `<name>.expected.json`.
 *
 * Every fixture's findings (range, rule, severity, message id, message, fix) must also equal its
 * snapshot `<name>.snap.json` (no snapshot: no findings). `UPDATE_SNAPSHOTS=1` rewrites the
 * snapshots; review the diff before committing it. A sibling `<name>.fixed.<ext>` holds the text
 * after applying every fix of the rule that `ai-posture fix --unsafe-fixes` would apply.
 *
 * How a fixture runs follows its rule's kind: text rules through `analyzeFile`, byte rules on the
 * bytes of a binary fixture, workspace rules on the AI-BOM of a one-file workspace. The nearest
 * `.ai-posture.json` in the rule's folder is the configuration (AIP904's policy, for instance).
 */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const ANALYZE_OPTIONS = { throwOnRuleError: true, today: '2026-01-01' };

/** A binary fixture is a model file: sniffed and judged by the byte rules like a scanned model file. */
async function analyzeBytes(relative: string, bytes: Uint8Array, config: ResolvedConfig): Promise<FileResult> {
  const info = await modelFileInfoFromBytes(bytes, path.extname(relative));
  const view = modelFileView(relative, info);
  return analyzeModelFile(view, config, ANALYZE_OPTIONS);
}

/**
 * A text fixture of a workspace rule is a workspace of that file and the rule folder's companions
 * (files whose path names no positive, negative or near-miss: the OpenAPI descriptions AIP608's
 * plugin manifests reference). Its AI-BOM is collected, then the workspace rules run over it with
 * the folder's configuration, as at the end of a scan.
 */
async function analyzeAsWorkspace(relative: string, text: string, config: ResolvedConfig): Promise<FileResult> {
  const fileResult = await analyzeFile({ path: relative, text }, config, ANALYZE_OPTIONS);
  const builder = new BomBuilder();
  await builder.addFile(relative, text);
  for (const companion of workspaceCompanions(path.join(FIXTURES, relative.split('/')[0]))) {
    await builder.addFile(path.relative(FIXTURES, companion).replace(/\\/g, '/'), fs.readFileSync(companion, 'utf8'));
  }
  const bom = await builder.finish(async () => undefined);
  const readText = async (wanted: string) => (wanted === relative ? text : undefined);
  const [result] = await withWorkspaceFindings([fileResult], bom, config, { ...ANALYZE_OPTIONS, readText });
  return result;
}

/** The configuration a fixture runs with: the nearest `.ai-posture.json` up to its rule's folder, else the defaults. */
function fixtureConfig(file: string): ResolvedConfig {
  for (let dir = path.dirname(file); dir.startsWith(FIXTURES) && dir !== FIXTURES; dir = path.dirname(dir)) {
    const configFile = path.join(dir, FIXTURE_CONFIG);
    if (fs.existsSync(configFile)) return loadConfigFile(configFile);
  }
  return defaultConfig();
}

/**
 * A fixture under a `project-*` folder is judged with the requirements of the manifests around it
 * (up to that folder), as a scan refines its findings (AIP102 under `torch>=2.6`); those manifests
 * are not fixtures themselves.
 */
async function withFixtureProject(result: FileResult, file: string, config: ResolvedConfig): Promise<FileResult> {
  const projectDir = projectFolderOf(file);
  if (!projectDir) return result;
  const relative = path.relative(projectDir, file).replace(/\\/g, '/');
  const project = await projectAround(EMPTY_PROJECT, projectDir, relative);
  return refineWithProject([result], project, config)[0] ?? result;
}

function projectFolderOf(file: string): string | undefined {
  for (let dir = path.dirname(file); dir.startsWith(FIXTURES) && dir !== FIXTURES; dir = path.dirname(dir)) {
    if (path.basename(dir).startsWith('project-')) return dir;
  }
  return undefined;
}

/** Files of a rule folder that are not fixtures but part of each fixture's workspace (workspace rules only). */
function workspaceCompanions(dir: string): string[] {
  const workspaceRule = workspaceRules.some((rule) => rule.meta.id.toLowerCase() === path.basename(dir));
  if (!workspaceRule || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !isCompanionFile(entry.name) && entry.name !== FIXTURE_CONFIG)
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !/positive|negative|near-miss/.test(path.relative(dir, file)));
}

function fixtureFiles(dir: string): string[] {
  const companions = new Set(workspaceCompanions(dir));
  const onDisk = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !isCompanionFile(entry.name))
        .filter((entry) => !companions.has(path.join(entry.parentPath, entry.name)))
        .filter((entry) => !(projectFolderOf(path.join(entry.parentPath, entry.name)) && isManifestPath(entry.name)))
        .map((entry) => path.join(entry.parentPath, entry.name))
    : [];
  return [...onDisk, ...generatedIn(dir).map((fixture) => path.join(FIXTURES, fixture.path))].sort();
}

/** Model-file fixtures built from bytes in code (never committed as files): they live only as paths in `dir`. */
function generatedIn(dir: string): GeneratedFixture[] {
  return GENERATED_FIXTURES.filter((fixture) => path.dirname(path.join(FIXTURES, fixture.path)) === dir);
}

const GENERATED_BY_FILE = new Map(GENERATED_FIXTURES.map((fixture) => [path.join(FIXTURES, fixture.path), fixture]));

/** The findings the fixture is about: unsuppressed ones of its folder's rule and of every rule its markers name. */
function checkedFindings(result: FileResult, ruleId: string, expectations: readonly Expectation[]): Finding[] {
  const checked = new Set([ruleId, ...expectations.map((expectation) => expectation.ruleId)]);
  return result.findings.filter((finding) => checked.has(finding.ruleId) && !finding.suppression);
}

function assertSnapshot(file: string, findings: readonly Finding[]): void {
  const snapshotFile = `${file}${SNAPSHOT_SUFFIX}`;
  const entries = snapshotOf(findings);
  if (UPDATE_SNAPSHOTS) {
    writeSnapshot(snapshotFile, entries);
    return;
  }
  assert.deepEqual(
    entries,
    readSnapshot(snapshotFile),
    `findings differ from ${path.basename(snapshotFile)}: run the fixture tests with UPDATE_SNAPSHOTS=1 and review the diff`,
  );
}

async function checkTextFixture(file: string, relative: string, rule: AnyRule): Promise<void> {
  const ruleId = rule.meta.id;
  // Secret fixtures hold `@@FAKE_KEY:<provider>@@` tokens, never a committed key (see ARCHITECTURE.md).
  const text = expandFakeKeys(fs.readFileSync(file, 'utf8'));
  const config = fixtureConfig(file);
  const analysed =
    ruleKindOf(rule) === 'workspace'
      ? await analyzeAsWorkspace(relative, text, config)
      : await analyzeFile({ path: relative, text }, config, ANALYZE_OPTIONS);
  const result = await withFixtureProject(analysed, file, config);
  assert.deepEqual(result.notices, [], 'no notices expected');
  const expectations = textExpectations(text);
  const findings = checkedFindings(result, ruleId, expectations);
  assert.deepEqual(compareWithExpectations(expectations, findings), [], `findings of ${relative} against its markers`);
  if (/positive/.test(relative)) {
    assert.ok(
      expectations.some((expectation) => expectation.kind === 'ruleid'),
      'a positive fixture expects findings',
    );
  }
  assertSnapshot(file, findings);
  const fixedFile = file.replace(/(\.[^.]+)$/, '.fixed$1');
  if (fs.existsSync(fixedFile)) {
    const fixed = applyEdits(text, bulkFixEdits(result.findings, { ruleId, unsafe: true })).text;
    assert.equal(fixed, expandFakeKeys(fs.readFileSync(fixedFile, 'utf8')), `fixed text of ${relative}`);
  }
}

async function checkBinaryFixture(file: string, relative: string, ruleId: string, expectations: Expectation[]): Promise<void> {
  const bytes = GENERATED_BY_FILE.get(file)?.bytes() ?? fs.readFileSync(file);
  const result = await analyzeBytes(relative, bytes, fixtureConfig(file));
  assert.deepEqual(result.notices, [], 'no notices expected');
  const findings = checkedFindings(result, ruleId, expectations);
  assert.deepEqual(
    compareWithExpectations(expectations, findings, () => -1),
    [],
    `findings of ${relative} against ${path.basename(file)}${SIDECAR_SUFFIX}`,
  );
  assertSnapshot(file, findings);
}

function defineFixtureTest(file: string, rule: AnyRule): void {
  const ruleId = rule.meta.id;
  const relative = path.relative(FIXTURES, file).replace(/\\/g, '/');
  const generated = GENERATED_BY_FILE.get(file);
  if (generated) {
    const expectations = binaryExpectationList({ ruleid: generated.ruleid, ok: generated.ok, todoruleid: [], todook: [] });
    it(`${relative} (built in code: ${generated.description})`, () => checkBinaryFixture(file, relative, ruleId, expectations));
    return;
  }
  const sidecar = `${file}${SIDECAR_SUFFIX}`;
  if (!fs.existsSync(sidecar)) {
    it(relative, async () => {
      assert.ok(!isBinary(fs.readFileSync(file)), `${relative} is binary: list its expectations in ${path.basename(sidecar)}`);
      await checkTextFixture(file, relative, rule);
    });
    return;
  }
  const expectations = binaryExpectationList(parseBinaryExpectations(fs.readFileSync(sidecar, 'utf8'), sidecar));
  it(relative, () => checkBinaryFixture(file, relative, ruleId, expectations));
}

describe('rule fixtures', () => {
  for (const rule of allRules) {
    const id = rule.meta.id;
    const dir = path.join(FIXTURES, id.toLowerCase());
    describe(id, () => {
      it('has positive, negative and near-miss fixtures', () => {
        assert.ok(fs.existsSync(dir) || generatedIn(dir).length > 0, `missing ${dir}`);
        const names = fixtureFiles(dir).map((file) => path.basename(file));
        for (const part of ['positive', 'negative', 'near-miss']) {
          assert.ok(
            names.some((name) => name.includes(part)),
            `${id} has no ${part} fixture`,
          );
        }
      });
      if (!fs.existsSync(dir) && generatedIn(dir).length === 0) return;
      for (const file of fixtureFiles(dir)) defineFixtureTest(file, rule);
      it('shows every message of the rule in some fixture snapshot', () => {
        const shown = new Set(
          fixtureFiles(dir).flatMap((file) => readSnapshot(`${file}${SNAPSHOT_SUFFIX}`).map((entry) => entry.messageId)),
        );
        const unshown = Object.keys(rule.meta.messages).filter((messageId) => !shown.has(messageId));
        assert.deepEqual(unshown, [], `${id} messages no fixture produces`);
      });
      it('has no snapshot or sidecar without its fixture', () => {
        const orphans = fs
          .readdirSync(dir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile() && (entry.name.endsWith(SNAPSHOT_SUFFIX) || entry.name.endsWith(SIDECAR_SUFFIX)))
          .map((entry) => path.join(entry.parentPath, entry.name))
          .filter((companion) => {
            const fixture = companion.replace(/\.(snap|expected)\.json$/, '');
            return !fs.existsSync(fixture) && !GENERATED_BY_FILE.has(fixture);
          });
        assert.deepEqual(orphans, []);
      });
    });
  }
});
