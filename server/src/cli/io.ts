/**
 * The CLI's view of its process: streams, terminal detection, environment and working folder.
 * Commands take it as a parameter so nothing below `main.ts` reaches for `process` directly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './args';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export function processIo(): CliIo {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/** Colours only on a terminal, and never when `NO_COLOR` is set to anything (see no-color.org). */
export function wantsColor(io: CliIo): boolean {
  return Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
}

/** Writes a report file, creating its folder; a failure is a usage problem reported on one line. */
export function writeOutputFile(io: CliIo, file: string, text: string): void {
  const target = path.resolve(io.cwd, file);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  } catch (error) {
    throw new UsageError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, false);
  }
}
