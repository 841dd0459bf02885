/**
 * One real-VS-Code session for a suite: the packaged extension installed into a fresh code-server
 * profile, code-server serving `workspace`, and Chromium showing it. `close()` stops everything and
 * keeps the browser console and the workbench logs (the "AI Posture" output channel on its own)
 * next to the screenshots.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { type CodeServer, cachedTools, installExtension, makeProfile, startCodeServer } from './codeServer';
import { currentVsix, setColorTheme } from './extension';
import { launchBrowser, settledStatusBarItem, statusBarItem, until, waitForWorkbench } from './workbench';

export interface Session {
  server: CodeServer;
  browser: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function startSession(options: { resultsDir: string; scratch: string; workspace: string; theme?: string }): Promise<Session> {
  const { resultsDir, scratch, workspace } = options;
  const tools = cachedTools();
  const vsix = currentVsix(resultsDir);
  const profileRoot = path.join(scratch, 'code-server');
  const { extensionsDir, env } = makeProfile(profileRoot);
  fs.writeFileSync(path.join(resultsDir, 'install.log'), installExtension(tools, vsix, extensionsDir, env));
  const server = await startCodeServer({ tools, profileRoot, workspace, logFile: path.join(resultsDir, 'code-server.log') });
  if (options.theme) setColorTheme(server, options.theme);
  const consoleLines: string[] = [];
  let browser: BrowserContext | undefined;
  try {
    browser = await launchBrowser(path.join(scratch, 'chromium'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    const opened = browser;
    return {
      server,
      browser: opened,
      page,
      async close() {
        fs.writeFileSync(path.join(resultsDir, 'browser-console.log'), consoleLines.join('\n'));
        await opened.close().catch(() => undefined);
        await server.stop();
        copyLogs(path.join(server.userDataDir, 'logs'), resultsDir);
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

/** Waits for the workbench, the extension's status bar item, and the end of its first workspace scan. */
export async function waitForFirstScan(page: Page): Promise<void> {
  await waitForWorkbench(page);
  await until('the AI Posture status bar item', () => statusBarItem(page, 'AI Posture'), 60_000);
  await until(
    'the first scan to finish',
    async () => /AI Posture: \d+/.test((await settledStatusBarItem(page, 'AI Posture: ')) ?? ''),
    90_000,
  );
}

function copyLogs(from: string, resultsDir: string): void {
  if (!fs.existsSync(from)) return;
  const to = path.join(resultsDir, 'logs');
  fs.cpSync(from, to, { recursive: true });
  for (const file of fs.readdirSync(to, { recursive: true, encoding: 'utf8' })) {
    if (path.basename(file) === 'AI Posture.log') fs.copyFileSync(path.join(to, file), path.join(resultsDir, 'ai-posture-output.log'));
  }
}
