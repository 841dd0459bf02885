// Drives the VS Code workbench in Chromium the way a person does: keyboard shortcuts, the command
// palette, quick open, reading what the Problems panel and the status bar show. Every wait polls the
// page with a deadline instead of sleeping.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps reaching for hosts this network closes.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The part of a DOM element the page functions read (the project compiles without the DOM library). */
interface DomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}

export async function launchBrowser(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
}

/** Calls `probe` until it returns something truthy, and fails with `what` once `timeoutMs` passed. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export class Screenshots {
  private step = 0;

  constructor(private readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  async take(page: Page, name: string): Promise<string> {
    this.step += 1;
    const file = path.join(this.dir, `${String(this.step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }
}

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
}

/** The text of the first status bar item whose label or text mentions `needle`. */
export async function statusBarItem(page: Page, needle: string): Promise<string | undefined> {
  const labels = await page
    .locator('.statusbar-item')
    .evaluateAll((items: DomElement[]) => items.map((item) => `${item.getAttribute('aria-label') ?? ''} ${item.textContent ?? ''}`.trim()));
  return labels.find((label) => label.includes(needle));
}

/** The status bar item mentioning `needle` once it stops spinning (the client spins it while the server scans). */
export async function settledStatusBarItem(page: Page, needle: string): Promise<string | undefined> {
  const item = page.locator('.statusbar-item', { hasText: needle }).first();
  if ((await item.count()) === 0 || (await item.locator('.codicon-modifier-spin').count()) > 0) return undefined;
  return (await item.textContent()) ?? undefined;
}

export interface ProblemRow {
  level: number;
  label: string;
  text: string;
}

/** The rows the Problems panel shows now: files at level 1, their problems below them. */
export async function problemRows(page: Page): Promise<ProblemRow[]> {
  return page.locator('.markers-panel .monaco-list-row').evaluateAll((rows: DomElement[]) =>
    rows.map((row) => ({
      level: Number(row.getAttribute('aria-level') ?? '0'),
      label: row.getAttribute('aria-label') ?? '',
      text: row.textContent ?? '',
    })),
  );
}

/**
 * The problems listed under the file named `fileName` at the workspace root. A file row names the
 * file and its folder, `.` at the root, which tells `app.py` from `backend/app.py`.
 */
export function problemsOf(rows: ProblemRow[], fileName: string): ProblemRow[] {
  const problems: ProblemRow[] = [];
  let inFile = false;
  for (const row of rows) {
    if (row.level === 1) inFile = isRootFileRow(row, fileName);
    else if (inFile) problems.push(row);
  }
  return problems;
}

function isRootFileRow(row: ProblemRow, fileName: string): boolean {
  // The file row's aria-label reads "1 problems in file app.py of folder ." for a root file.
  const match = /in file (.+?) of folder (.*)$/.exec(row.label);
  return match !== null && match[1] === fileName && ['.', ''].includes(match[2].trim());
}

/** Ctrl+Shift+M; pressed once more if it closed a Problems panel that already had focus. */
export async function openProblems(page: Page): Promise<void> {
  const panel = page.locator('.markers-panel');
  await page.keyboard.press('Control+Shift+M');
  const shown = await panel.waitFor({ state: 'visible', timeout: 3_000 }).then(
    () => true,
    () => false,
  );
  if (shown) return;
  await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: 15_000 });
}

/** Ctrl+P, type the file name, Enter on the row for the workspace-root file. */
export async function quickOpen(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(fileName);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^="${fileName}"]`).waitFor({ state: 'visible', timeout: 15_000 });
}

/** Ctrl+G and `line:column`, both 1-based, as typed in the Go to Line box. */
export async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** F1, type the command's title, Enter on it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Texts of the notification toasts on screen. */
export async function notifications(page: Page): Promise<string[]> {
  return page
    .locator('.notifications-toasts .notification-list-item')
    .evaluateAll((items: DomElement[]) => items.map((item) => item.getAttribute('aria-label') ?? item.textContent ?? ''));
}
