// End-to-end test of the packaged extension in a real VS Code: code-server serves the workbench,
// Debian's Chromium shows it, Playwright types into it like a person. Run with `npm run test:e2e`,
// which first installs the tools (test/e2e/setup.sh). Set AI_POSTURE_E2E_VSIX to test an existing
// package instead of running `npm run package`. Screenshots and logs land in test-results/e2e/.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type Session, startSession } from './session';
import {
  goToLine,
  notifications,
  openProblems,
  problemRows,
  problemsOf,
  quickOpen,
  runCommand,
  Screenshots,
  settledStatusBarItem,
  statusBarItem,
  until,
  waitForWorkbench,
} from './workbench';

const REPO = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(REPO, 'test-results', 'e2e');
const FLAGGED = 'model = torch.load("model.pt")';
const FIXED = 'torch.load("model.pt", weights_only=True)';
const COUNT = /AI Posture: (\d+)/;
const SCAN_DONE = /AI Posture: \d+ findings? in \d+ files?/;

describe('AI Posture in a real VS Code (code-server + Chromium)', function () {
  this.timeout(600_000);

  let scratch: string;
  let workspace: string;
  let session: Session | undefined;
  let page: Page;
  const shots = new Screenshots(RESULTS);
  let findingsBeforeFix = 0;

  before(async () => {
    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-e2e-'));
    workspace = copyWorkspace(path.join(scratch, 'workspace'));
    session = await startSession({ resultsDir: RESULTS, scratch, workspace });
    ({ page } = session);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shots.take(page, 'failed').catch(() => undefined);
  });

  after(async () => {
    await session?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('opens the workbench and activates the extension', async () => {
    await waitForWorkbench(page);
    // The client puts its item up on activation; the count follows once the server's first scan reports.
    await until('the AI Posture status bar item', () => statusBarItem(page, 'AI Posture'), 60_000);
    // It spins while the first scan runs; app.py alone makes the final count at least 1.
    findingsBeforeFix = await until(
      'the finding count after the first scan',
      async () => findingCount(await settledStatusBarItem(page, 'AI Posture: ')),
      60_000,
    );
    await shots.take(page, 'activated');
    assert.ok(findingsBeforeFix > 0);
  });

  it('lists the unsafe torch.load in Problems', async () => {
    await openProblems(page);
    const problems = await until(
      'an AIP102 problem for app.py',
      async () => {
        const found = aip102In(await problemRows(page));
        return found.length > 0 && found;
      },
      60_000,
    );
    await shots.take(page, 'problems');
    log('problems.json', JSON.stringify(await problemRows(page), null, 2));
    assert.ok(problems.length > 0);
  });

  it('fixes it with the quick fix and saves the file', async () => {
    await quickOpen(page, 'app.py');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Add weights_only=True' }).first();
    // Like a person: put the cursor inside `torch.load` on line 2 and press Ctrl+. — again if the
    // first press came before the editor had focus or its code actions were ready.
    await until(
      'the quick fix menu',
      async () => {
        if (await fix.isVisible()) return true;
        await page.keyboard.press('Escape');
        await goToLine(page, 2, FLAGGED.indexOf('load') + 1);
        await page.keyboard.press('Control+.');
        return fix.waitFor({ state: 'visible', timeout: 5_000 }).then(
          () => true,
          () => false,
        );
      },
      60_000,
    );
    await shots.take(page, 'quick-fix-menu');
    await fix.click();
    // Monaco renders spaces as no-break spaces, so look for a token without any.
    await page.locator('.monaco-editor .view-lines', { hasText: 'weights_only=True' }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Control+S');
    const saved = await until('app.py to be fixed on disk', async () => {
      const text = fs.readFileSync(path.join(workspace, 'app.py'), 'utf8');
      return text.includes(FIXED) && text;
    });
    await shots.take(page, 'fixed-and-saved');
    assert.equal(saved, `import torch\nmodel = ${FIXED}\n`);
  });

  it('clears the problem once the file is fixed', async () => {
    await openProblems(page);
    // One finding fewer in the status bar shows the server re-analysed the file, not that nothing is listed yet.
    await until(
      'the AIP102 problem for app.py to disappear',
      async () =>
        aip102In(await problemRows(page)).length === 0 &&
        findingCount(await settledStatusBarItem(page, 'AI Posture: ')) === findingsBeforeFix - 1,
      60_000,
    );
    await shots.take(page, 'problem-cleared');
  });

  it('scans the workspace from the command palette', async () => {
    await runCommand(page, 'AI Posture: Scan Workspace');
    // The client reports a finished scan as "AI Posture: N findings in M files (duration)."
    const done = await until(
      'the scan-complete notification',
      async () => (await notifications(page)).find((text) => SCAN_DONE.test(text)),
      120_000,
    );
    await shots.take(page, 'workspace-scanned');
    assert.match(done, SCAN_DONE);
    assert.ok(findingCount(await statusBarItem(page, 'AI Posture: ')) > 0);
  });
});

function findingCount(statusText: string | undefined): number {
  return Number(COUNT.exec(statusText ?? '')?.[1] ?? 0);
}

function aip102In(rows: Awaited<ReturnType<typeof problemRows>>) {
  return problemsOf(rows, 'app.py').filter((row) => `${row.label} ${row.text}`.includes('AIP102'));
}

/** The demo workspace, when there is one, with the test's own files laid over it, in a temp folder. */
function copyWorkspace(target: string): string {
  const demo = path.join(REPO, 'examples', 'demo-workspace');
  if (fs.existsSync(demo) && fs.readdirSync(demo).length > 0) fs.cpSync(demo, target, { recursive: true });
  fs.cpSync(path.join(__dirname, 'workspace'), target, { recursive: true });
  return target;
}

function log(name: string, text: string): void {
  fs.writeFileSync(path.join(RESULTS, name), text);
}
