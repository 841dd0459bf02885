// End-to-end test of the editor features in a real VS Code (code-server + Chromium, as in
// realVscode.test.ts): the hover on a finding, a Jupyter notebook in the notebook editor with the
// finding on its cell, and the commands (Open Configuration, Show Rule Documentation, Fix All in
// File). Run with `npm run test:e2e`. Set AI_POSTURE_E2E_VSIX to test an existing package; otherwise
// `ai-posture.vsix` is reused when it is newer than every input, else packaged. Screenshots and logs
// land in test-results/e2e-editor-features/.

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
  quickOpen,
  runCommand,
  Screenshots,
  settledStatusBarItem,
  statusBarItem,
  until,
  waitForWorkbench,
} from './workbench';

const REPO = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(REPO, 'test-results', 'e2e-editor-features');
const FLAGGED = 'model = torch.load("model.pt")';
const TITLE = 'torch.load without weights_only=True';
const EXPLANATION = 'torch.load unpickles the file';
/** Where AIP102's heading is in the Markdown preview's frame (null in other frames); a string so the test needs no DOM types. */
const HEADING_TOP =
  "(() => { const h = document.getElementById('aip102-unsafe-torch-load'); return h ? h.getBoundingClientRect().top : null; })()";
/** The workspace settings this test needs on top of the profile's: hovers on (the profile turns them off). */
const WORKSPACE_SETTINGS = { 'editor.hover.enabled': true, 'editor.hover.delay': 300, 'editor.hover.sticky': true };

describe('AI Posture editor features in a real VS Code (code-server + Chromium)', function () {
  this.timeout(600_000);

  let scratch: string;
  let workspace: string;
  let session: Session | undefined;
  let page: Page;
  const shots = new Screenshots(RESULTS);

  before(async () => {
    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-e2e-editor-'));
    workspace = copyWorkspace(path.join(scratch, 'workspace'));
    session = await startSession({ resultsDir: RESULTS, scratch, workspace });
    ({ page } = session);
    await waitForWorkbench(page);
    await until('the AI Posture status bar item', () => statusBarItem(page, 'AI Posture'), 60_000);
    // The first scan has reported once the item stops spinning and shows a count.
    await until('the first scan', () => settledStatusBarItem(page, 'AI Posture: '), 60_000);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shots.take(page, 'failed').catch(() => undefined);
  });

  after(async () => {
    await session?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('hovering the AIP102 squiggle shows the rule title and why it is risky', async () => {
    await quickOpen(page, 'app.py');
    // A warning: the workspace requires torch >= 2.6 (see copyWorkspace), where AIP102 is one level lower.
    const squiggle = page.locator('.monaco-editor .squiggly-warning').first();
    await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
    const hover = await hoverOver(page, squiggle);
    await shots.take(page, 'hover-on-finding');
    log('hover.txt', hover);
    assert.ok(hover.includes('AIP102'), hover);
    assert.ok(hover.includes(TITLE), hover);
    assert.ok(hover.includes('Why this is risky'), hover);
    assert.ok(hover.includes(EXPLANATION), hover);
    assert.ok(hover.includes('How to fix'), hover);
    await page.keyboard.press('Escape');
  });

  it('shows the AIP102 diagnostic on the cell of a notebook opened in the notebook editor', async () => {
    await quickOpen(page, 'explore.ipynb');
    const notebook = page.locator('.notebookOverlay').first();
    await notebook.waitFor({ state: 'visible', timeout: 30_000 });
    // The squiggle is drawn in the code cell's editor, so the diagnostic is on the cell, not the file.
    const squiggle = notebook.locator('.squiggly-warning').first();
    await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
    await openProblems(page);
    // Only the notebook's problems: Problems filters by path, and a cell's path is its notebook's.
    const filter = page.getByPlaceholder(/^Filter \(e\.g\./).first();
    await filter.fill('**/*.ipynb');
    // Line 5 of the code cell; the same finding on the `.ipynb` file would be on line 20 of its JSON.
    const problem = await until('the AIP102 problem at its place in the cell', async () =>
      (await problemRows(page)).find((row) => row.label.includes('weights_only=True') && row.label.includes('at line 5 and character 14')),
    );
    log('notebook-problems.json', JSON.stringify(await problemRows(page), null, 2));
    await shots.take(page, 'notebook-cell-diagnostic');
    await filter.fill('');
    assert.ok(problem.label.startsWith('Warning:'), problem.label); // one level lower under torch >= 2.6
    const hover = await hoverOver(page, squiggle);
    await shots.take(page, 'notebook-cell-hover');
    log('notebook-hover.txt', hover);
    assert.ok(hover.includes('AIP102'), hover);
    assert.ok(hover.includes(TITLE), hover);
    await page.keyboard.press('Escape');
  });

  it('"AI Posture: Open Configuration" creates .ai-posture.json and opens it', async () => {
    const file = path.join(workspace, '.ai-posture.json');
    assert.equal(fs.existsSync(file), false);
    await runCommand(page, 'AI Posture: Open Configuration');
    const text = await until('.ai-posture.json on disk', async () => fs.existsSync(file) && fs.readFileSync(file, 'utf8'));
    await page.locator('.tabs-container .tab.active[aria-label^=".ai-posture.json"]').waitFor({ state: 'visible', timeout: 15_000 });
    await shots.take(page, 'configuration-created');
    assert.match(text, /"rules": \{/);
    assert.doesNotMatch(text, /\$schema/);
  });

  it('"AI Posture: Show Rule Documentation" opens the shipped docs at the rule', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('>AI Posture: Show Rule Documentation');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Rule Documentation' }).first().click();
    // The second picker: the rules, from the server.
    const rule = page.locator('.quick-input-list .monaco-list-row', { hasText: TITLE }).first();
    await rule.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('AIP102');
    await rule.click();
    await page.locator('.tabs-container .tab.active[aria-label*="rules.md"]').waitFor({ state: 'visible', timeout: 30_000 });
    // The preview is a webview (nested frames): find the rule's heading there, scrolled to the top.
    const top = await until(
      "AIP102's section at the top of the preview",
      async () => {
        for (const frame of page.frames()) {
          const offset = await frame.evaluate(HEADING_TOP).catch(() => null);
          if (typeof offset === 'number' && offset > -20 && offset < 150) return `${offset}`;
        }
        return undefined;
      },
      30_000,
    );
    await shots.take(page, 'rule-documentation');
    assert.ok(Math.abs(Number(top)) < 150);
  });

  it('"AI Posture: Fix All in File" applies every safe fix of the active file', async () => {
    // Keys typed while the preview webview has focus stay in the webview: go back to the editor by its tab.
    await page.locator('.tabs-container .tab', { hasText: 'app.py' }).first().click();
    await quickOpen(page, 'app.py');
    await goToLine(page, 2, FLAGGED.indexOf('load') + 1);
    await runCommand(page, 'AI Posture: Fix All in File');
    await page.locator('.monaco-editor .view-lines', { hasText: 'weights_only=True' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Control+S');
    const saved = await until('app.py fixed on disk', async () => {
      const text = fs.readFileSync(path.join(workspace, 'app.py'), 'utf8');
      return text.includes('weights_only=True') && text;
    });
    await shots.take(page, 'fixed-all-in-file');
    assert.equal(saved, 'import torch\nmodel = torch.load("model.pt", weights_only=True)\n');
  });

  it('"AI Posture: Export SARIF…" writes the SARIF log where the save dialog says', async () => {
    const file = path.join(workspace, 'ai-posture.sarif');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('>AI Posture: Export SARIF');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Export SARIF' }).first().click();
    // code-server's save dialog is a path in the quick input, proposed in the first workspace folder.
    await until('the save dialog with the default file name', async () => (await input.inputValue()).endsWith('/ai-posture.sarif'));
    await shots.take(page, 'export-sarif-dialog');
    await page.keyboard.press('Enter');
    const sarif = await until('the SARIF file on disk', async () => fs.existsSync(file) && fs.readFileSync(file, 'utf8'));
    await until('the export notification', async () => (await notifications(page)).find((text) => text.includes('SARIF written')));
    await until(
      'the progress notification to close',
      async () => !(await notifications(page)).some((text) => text.includes('exporting SARIF')),
    );
    await shots.take(page, 'export-sarif-done');
    const report = JSON.parse(sarif);
    assert.equal(report.version, '2.1.0');
    assert.ok(report.runs[0].results.some((result: { ruleId: string }) => result.ruleId === 'AIP102'));
  });
});

/** Moves the mouse onto the element (as a person would) and returns the hover's text once it shows. */
async function hoverOver(page: Page, target: ReturnType<Page['locator']>): Promise<string> {
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'AIP102' }).first();
  return until(
    'the hover',
    async () => {
      // The editor re-renders its decorations while the server reports: find the squiggle anew each try.
      await target.scrollIntoViewIfNeeded({ timeout: 3_000 });
      const box = await target.boundingBox();
      if (!box) return false;
      // Wiggle inside the squiggle: a hover only starts on a mouse move.
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      await hover.waitFor({ state: 'visible', timeout: 3_000 });
      const text = (await hover.textContent()) ?? '';
      return text.includes('Why this is risky') && text;
    },
    60_000,
  );
}

/** The demo workspace with the test's own files laid over it and hovers switched on, in a temp folder. */
function copyWorkspace(target: string): string {
  fs.cpSync(path.join(REPO, 'examples', 'demo-workspace'), target, { recursive: true });
  fs.cpSync(path.join(__dirname, 'workspace'), target, { recursive: true });
  // A project on torch >= 2.6: there AIP102 is a warning whose fix is safe, so Fix All in File applies it.
  fs.writeFileSync(path.join(target, 'requirements.txt'), 'torch>=2.6\n');
  fs.mkdirSync(path.join(target, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(target, '.vscode', 'settings.json'), JSON.stringify(WORKSPACE_SETTINGS, null, 2));
  return target;
}

function log(name: string, text: string): void {
  fs.writeFileSync(path.join(RESULTS, name), text);
}
