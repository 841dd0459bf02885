// End-to-end test of the AI-BOM view in a real VS Code (code-server + Chromium, as in
// realVscode.test.ts), the way a person uses it: open the AI Posture container, read the AI-BOM
// groups and items, check an item's menu, expand an item and open one of its places, filter the
// tree, export the AI-BOM as CycloneDX through the save dialog and validate the file against the
// official 1.6 schema, and look at the view in the default dark and light themes. The demo workspace
// gets one more file, so that a component carries an error. Set AI_POSTURE_E2E_VSIX to test an
// existing package. Screenshots land in test-results/e2e/bom/.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { cycloneDxValidator } from '../engine/inventory/helpers';
import type { CodeServer } from './codeServer';
import { setColorTheme } from './extension';
import { type Session, startSession, waitForFirstScan } from './session';
import { notifications, Screenshots, statusBarItem, until, waitForWorkbench } from './workbench';

const REPO = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(REPO, 'test-results', 'e2e', 'bom');
/** One line with a hub model loaded with remote code: an error on the model's own line. */
const ENCODER_PY = 'from transformers import AutoModel\n\nencoder = AutoModel.from_pretrained("contoso/encoder", trust_remote_code=True)\n';
const GROUPS = ['Services', 'SDKs', 'Models', 'Plugins & MCP servers', 'Prompts & instructions', 'Model files', 'Datasets'];
const ITEMS = [
  'openai',
  'gpt-4o',
  'filesystem',
  'prompts/answer.prompty',
  'models/reranker-head.safetensors',
  'contoso/encoder',
  'contoso/support-tickets',
];

/** The part of a DOM element the page functions read (the project compiles without the DOM library). */
interface DomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  querySelector(selector: string): DomElement | null;
}

interface Row {
  level: number;
  label: string;
  description: string;
  aria: string;
}

describe('AI Posture AI-BOM view in a real VS Code', function () {
  this.timeout(600_000);

  let scratch: string;
  let workspace: string;
  let server: CodeServer | undefined;
  let session: Session | undefined;
  let page: Page;
  let pane: Locator;
  const shots = new Screenshots(RESULTS);

  before(async () => {
    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-e2e-bom-'));
    workspace = path.join(scratch, 'workspace');
    fs.cpSync(path.join(REPO, 'examples', 'demo-workspace'), workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, 'backend', 'app', 'encoder.py'), ENCODER_PY);
    session = await startSession({ resultsDir: RESULTS, scratch, workspace, theme: 'Default Dark Modern' });
    ({ server, page } = session);
    pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'AI-BOM' }) });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await shots.take(page, 'failed').catch(() => undefined);
  });

  after(async () => {
    await session?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('opens the AI Posture container and lists the AI-BOM groups and items', async () => {
    await waitForFirstScan(page);
    await openContainer(page);
    await widenSideBar(page);
    await page.locator('.monaco-workbench.vs-dark').waitFor({ state: 'attached', timeout: 30_000 });
    const rows = await until(
      'the AI-BOM groups and items',
      async () => {
        const listed = await readAllRows(pane);
        const labels = listed.map((row) => row.label);
        return [...GROUPS, ...ITEMS].every((label) => labels.includes(label)) && listed;
      },
      90_000,
    );
    log('rows-dark.json', JSON.stringify(rows, null, 2));
    const groups = rows.filter((row) => row.level === 1);
    assert.deepEqual(
      groups.map((row) => row.label),
      GROUPS,
      'every kind, in order',
    );
    for (const group of groups) assert.match(group.description, /^\d+$/, `${group.label} shows its count`);
    const sdk = rows.find((row) => row.label === 'openai' && row.description.includes('PyPI'));
    assert.equal(sdk?.description, '1.58.1 · PyPI');
    assert.ok(rows.some((row) => row.label === 'gpt-4o' && row.description === 'Microsoft Azure OpenAI'));
    // The view's title counts everything; nothing says "Scanning…" any more.
    assert.match((await pane.locator('.pane-header').textContent()) ?? '', /\d+ components/);
    assert.equal(await pane.locator('.message', { hasText: 'Scanning' }).count(), 0);
    await shots.take(page, 'dark-tree');
  });

  it('decorates a component that has findings, with the counts in its tooltip', async () => {
    const row = rowLocator(pane, 'contoso/encoder');
    await until('the finding counts of contoso/encoder', async () => /1 error, 1 info/.test((await row.getAttribute('aria-label')) ?? ''));
    log('decorated-row.html', await row.evaluate((element) => (element as unknown as { outerHTML: string }).outerHTML));
    // The label is coloured like an error in the explorer, and carries the count as a badge.
    const decorated = await labelStyle(row);
    const plain = await labelStyle(rowLocator(pane, 'faiss-cpu'));
    assert.notEqual(decorated.color, plain.color, 'the error colour differs from a plain label');
    assert.equal(decorated.badge, '"2"');
    assert.equal(plain.badge, 'none');
  });

  it('offers Copy purl only for items that have a purl', async () => {
    const menuItems = async (label: string) => {
      await rowLocator(pane, label).click({ button: 'right' });
      const menu = page.locator('.monaco-menu .action-label');
      await menu.first().waitFor({ state: 'visible', timeout: 15_000 });
      const items = await menu.allTextContents();
      await page.keyboard.press('Escape');
      return items.map((item) => item.trim()).filter(Boolean);
    };
    const sdkMenu = await menuItems('faiss-cpu');
    for (const item of ['Reveal in Editor', 'Show Recommendations', 'Copy Name', 'Copy Package URL (purl)']) {
      assert.ok(sdkMenu.includes(item), `${item} in ${sdkMenu.join(', ')}`);
    }
    const modelMenu = await menuItems('text-embedding-3-large');
    assert.ok(modelMenu.includes('Copy Name'));
    assert.equal(modelMenu.includes('Copy Package URL (purl)'), false, 'a model without a purl has no Copy purl');
  });

  it('expands an item and opens an occurrence at its line', async () => {
    await expand(rowLocator(pane, 'gpt-4o'));
    const occurrence = rowLocator(pane, 'backend/app/main.py:30');
    await occurrence.waitFor({ state: 'visible', timeout: 15_000 });
    const rows = await readRows(pane);
    const children = rows.filter((row) => row.level === 3).map((row) => row.label);
    assert.ok(children.includes('prompts/answer.prompty:8'), children.join(', '));
    await shots.take(page, 'dark-expanded');
    await occurrence.click();
    await page.locator('.tabs-container .tab.active[aria-label^="main.py"]').waitFor({ state: 'visible', timeout: 30_000 });
    await until(
      'the cursor on line 30',
      async () =>
        (
          (await page
            .locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ })
            .first()
            .textContent()) ?? ''
        ).includes('Ln 30,'),
      15_000,
    );
    await shots.take(page, 'occurrence-opened');
  });

  it('filters the tree by name or provider, and clears the filter', async () => {
    await runPaletteCommand(page, 'AI Posture: Filter AI-BOM');
    const input = page.locator('.quick-input-widget input');
    await input.fill('hugging');
    await page.keyboard.press('Enter');
    const filtered = await until('the filtered tree', async () => {
      const labels = (await readRows(pane)).filter((row) => row.level === 2).map((row) => row.label);
      return labels.length > 0 && !labels.includes('openai') && labels;
    });
    assert.ok(filtered.includes('BAAI/bge-reranker-base'), filtered.join(', '));
    assert.ok(filtered.includes('transformers'), filtered.join(', '));
    assert.match((await pane.locator('.message').textContent()) ?? '', /Filtered by “hugging”/);
    await shots.take(page, 'dark-filtered');
    await pane.locator('.pane-header').hover();
    await pane.locator('.pane-header .action-label[aria-label="Clear AI-BOM Filter"]').click();
    await until('the whole tree again', async () => (await readRows(pane)).some((row) => row.label === 'openai'));
  });

  it('"AI Posture: Export AI-BOM (CycloneDX)…" writes a CycloneDX 1.6 file the schema accepts', async () => {
    const file = path.join(workspace, 'ai-bom.cdx.json');
    await runPaletteCommand(page, 'AI Posture: Export AI-BOM (CycloneDX)');
    const input = page.locator('.quick-input-widget input');
    // code-server's save dialog is a path in the quick input, proposed in the first workspace folder.
    await until('the save dialog with the default file name', async () => (await input.inputValue()).endsWith('/ai-bom.cdx.json'));
    await shots.take(page, 'export-dialog');
    await page.keyboard.press('Enter');
    const text = await until('the AI-BOM file on disk', async () => fs.existsSync(file) && fs.readFileSync(file, 'utf8'));
    const document = JSON.parse(text);
    const validate = cycloneDxValidator();
    assert.ok(validate(document), JSON.stringify(validate.errors, null, 2));
    const refs = [...document.components, ...document.services].map((entry: { 'bom-ref': string }) => entry['bom-ref']);
    for (const ref of ['sdk:pypi/openai', 'model:azure-openai/gpt-4o', 'plugin:mcp/npm/@modelcontextprotocol/server-filesystem']) {
      assert.ok(refs.includes(ref), `${ref} in the export`);
    }
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'AI-BOM written' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    await toast.locator('.monaco-button', { hasText: 'Open' }).click();
    await page.locator('.tabs-container .tab.active[aria-label^="ai-bom.cdx.json"]').waitFor({ state: 'visible', timeout: 30_000 });
    await until(
      'the progress notification to close',
      async () => !(await notifications(page)).some((item) => item.includes('exporting the AI-BOM')),
    );
    await shots.take(page, 'exported');
  });

  it('"Show Recommendations" on an item shows the Recommendations view filtered to the item\u2019s file', async () => {
    await rowLocator(pane, 'contoso/encoder').click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-label', { hasText: 'Show Recommendations' });
    const recommendations = page.locator('.part.sidebar .pane-header', { hasText: 'Recommendations' }).first();
    // A menu ignores a click that comes too soon after it opened: click until it acts.
    await until('Show Recommendations to open the Recommendations view', async () => {
      if (await item.isVisible()) await item.click();
      return (await recommendations.getAttribute('aria-expanded')) === 'true';
    });
    const view = page.frameLocator('iframe.webview[src*="extensionId=ai-posture.ai-posture"]').frameLocator('iframe#active-frame');
    const filter = view.locator('vscode-textfield.filter-text input');
    await until(
      'the recommendations to be filtered to encoder.py',
      async () => (await filter.inputValue().catch(() => '')) === 'backend/app/encoder.py',
    );
    await view.locator('.card-title').first().waitFor({ state: 'visible', timeout: 30_000 });
    await shots.take(page, 'show-recommendations');
  });

  it('is readable in the default light theme', async () => {
    setColorTheme(server, 'Default Light Modern');
    await page.reload();
    await waitForWorkbench(page);
    await page.locator('.monaco-workbench.vs:not(.vs-dark)').waitFor({ state: 'attached', timeout: 60_000 });
    await openContainer(page);
    await until('the AI-BOM after the reload', async () => (await readRows(pane)).some((row) => row.label === 'contoso/encoder'), 90_000);
    await expand(rowLocator(pane, 'gpt-4o'));
    await rowLocator(pane, 'backend/app/main.py:30').waitFor({ state: 'visible', timeout: 15_000 });
    log('rows-light.json', JSON.stringify(await readRows(pane), null, 2));
    await shots.take(page, 'light-tree');
  });

  it('says when a workspace uses no AI, with the docs and a Scan Workspace button', async () => {
    const empty = path.join(scratch, 'no-ai');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, 'main.py'), 'import json\n\nprint(json.dumps({"hello": "world"}))\n');
    await page.goto(`${server?.url}/?folder=${encodeURIComponent(empty)}`);
    await waitForWorkbench(page);
    await until('the AI Posture status bar item', () => statusBarItem(page, 'AI Posture'), 60_000);
    await openContainer(page);
    const welcome = pane.locator('.welcome-view');
    await until('the welcome view', async () => ((await welcome.textContent()) ?? '').includes('No AI in this workspace'), 90_000);
    assert.equal(await welcome.locator('.monaco-button', { hasText: 'Scan Workspace' }).count(), 1);
    const docs = welcome.locator('a', { hasText: 'what the AI-BOM lists' });
    assert.equal(await docs.getAttribute('href'), 'https://github.com/ai-posture/ai-posture/blob/main/docs/ai-bom.md');
    await shots.take(page, 'light-no-ai');
  });
});

/** Drags the side bar's edge to the right, so that descriptions are not cut off in the screenshots. */
async function widenSideBar(page: Page): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= 440) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 460, y, { steps: 8 });
  await page.mouse.up();
}

/** Opens the AI Posture container from the activity bar and gives the AI-BOM the side bar's height. */
async function openContainer(page: Page): Promise<void> {
  const title = page.locator('.part.sidebar .composite.title', { hasText: /AI Posture/i }).first();
  // The workbench may still be restoring its layout: click the icon only while the container is not shown.
  await until(
    'the AI Posture container',
    async () => {
      if (await title.isVisible()) return true;
      await page.locator('.part.activitybar [aria-label^="AI Posture"]').first().click();
      return title.waitFor({ state: 'visible', timeout: 5_000 }).then(
        () => true,
        () => false,
      );
    },
    60_000,
  );
  const recommendations = page.locator('.part.sidebar .pane-header', { hasText: 'Recommendations' }).first();
  await recommendations.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await recommendations.getAttribute('aria-expanded')) === 'true') await recommendations.click();
  const bom = page.locator('.part.sidebar .pane-header', { hasText: 'AI-BOM' }).first();
  if ((await bom.getAttribute('aria-expanded')) === 'false') await bom.click();
}

/** The AI-BOM rows on screen: level (1 groups, 2 items, 3 occurrences), label, description, aria label. */
async function readRows(pane: Locator): Promise<Row[]> {
  return pane.locator('.monaco-list-row').evaluateAll((rows: DomElement[]) =>
    rows.map((row) => ({
      level: Number(row.getAttribute('aria-level') ?? '0'),
      label: row.querySelector('.label-name')?.textContent ?? '',
      description: row.querySelector('.label-description')?.textContent ?? '',
      aria: row.getAttribute('aria-label') ?? '',
    })),
  );
}

/**
 * Every AI-BOM row, also those the tree renders only when scrolled to (the list is virtual): the rows
 * on screen at the top, then at the bottom, in order and without repeats; the view is left at the top.
 */
async function readAllRows(pane: Locator): Promise<Row[]> {
  const list = pane.locator('.monaco-list').first();
  const rows = await readRows(pane);
  await list.hover();
  await pane.page().mouse.wheel(0, 5_000);
  await pane.page().waitForTimeout(300);
  const key = (row: Row) => `${row.level}\u0000${row.label}\u0000${row.description}\u0000${row.aria}`;
  const seen = new Set(rows.map(key));
  for (const row of await readRows(pane)) if (!seen.has(key(row))) rows.push(row);
  await pane.page().mouse.wheel(0, -5_000);
  return rows;
}

/** The computed colour of a row's label and the content of its decoration badge (`none` without one). */
async function labelStyle(row: Locator): Promise<{ color: string; badge: string }> {
  return row.locator('.monaco-icon-label').evaluate((element) => {
    const style = (globalThis as unknown as { getComputedStyle(target: unknown, pseudo?: string): { color: string; content: string } })
      .getComputedStyle;
    return { color: style(element).color, badge: style(element, '::after').content };
  });
}

/** Clicks a collapsed row open (a row the view remembers as expanded stays as it is). */
async function expand(row: Locator): Promise<void> {
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

function rowLocator(pane: Locator, label: string): Locator {
  return pane
    .locator('.monaco-list-row', { has: pane.page().locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
}

/** F1, the command's title, a click on it; unlike `runCommand`, it does not wait for the quick input to close (a dialog follows). */
async function runPaletteCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
  await until('the command to take the quick input over', async () => !(await input.inputValue()).startsWith('>'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function log(name: string, text: string): void {
  fs.writeFileSync(path.join(RESULTS, name), text);
}
