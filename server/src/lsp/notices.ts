/**
 * File notices (a parser or rule failed, a file was skipped, a time budget was spent) go to the
 * server log. Each distinct notice is logged once, so re-analysing a file on every keystroke or
 * rescanning does not flood the output channel.
 */
import type { RemoteConsole } from 'vscode-languageserver/node';
import type { FileNotice } from '../engine/index';

const MAX_REMEMBERED = 10_000;

export class NoticeLog {
  private readonly seen = new Set<string>();

  constructor(private readonly console: RemoteConsole) {}

  report(notices: readonly FileNotice[]): void {
    for (const notice of notices) {
      const line = `${notice.path}: ${notice.reason}`;
      if (this.seen.has(line)) continue;
      if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
      this.seen.add(line);
      if (notice.kind === 'skipped') this.console.info(line);
      else this.console.warn(line);
    }
  }
}
