/**
 * A single updating progress line on stderr (`Scanning… 120 files`), shown only on a terminal so
 * CI logs and redirected output stay clean.
 */
import type { CliIo } from './io';

export interface Progress {
  update(filesDone: number): void;
  /** Erases the line so the report starts on a clean line. */
  done(): void;
}

const REDRAW_MS = 100;
const CLEAR_LINE = '\r\u001b[K';

const SILENT: Progress = { update() {}, done() {} };

export function createProgress(io: CliIo, enabled: boolean, label = 'Scanning…'): Progress {
  if (!enabled || !io.stderr.isTTY) return SILENT;
  let lastDraw = 0;
  let drawn = false;
  return {
    update(filesDone) {
      const now = Date.now();
      if (now - lastDraw < REDRAW_MS) return;
      lastDraw = now;
      drawn = true;
      io.stderr.write(`${CLEAR_LINE}${label} ${filesDone} file${filesDone === 1 ? '' : 's'}`);
    },
    done() {
      if (drawn) io.stderr.write(CLEAR_LINE);
      drawn = false;
    },
  };
}
