/**
 * Entry point of the `ai-posture` command (bundled to `server/out/cli.js`). Dispatches to one
 * command and maps failures to exit code 2 with a single line on stderr, never a stack trace.
 */
import { version } from '../../../package.json';
import { ConfigError } from '../engine/index';
import { type Command, parseCommandLine, UsageError } from './args';
import { runFix } from './fix';
import { helpText } from './help';
import { type CliIo, processIo } from './io';
import { runRules } from './rules';
import { runScan } from './scan';

export const USAGE_EXIT = 2;

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(parseCommandLine(argv), io);
  } catch (error) {
    io.stderr.write(`${errorLine(error, io.env)}\n`);
    return USAGE_EXIT;
  }
}

function dispatch(command: Command, io: CliIo): Promise<number> | number {
  switch (command.name) {
    case 'help':
      io.stdout.write(helpText(command.topic));
      return 0;
    case 'version':
      io.stdout.write(`${version}\n`);
      return 0;
    case 'scan':
      return runScan(command.args, io, version);
    case 'fix':
      return runFix(command.args, io);
    case 'rules':
      return runRules(command.args, io, version);
  }
}

/** One line, whatever went wrong; `AI_POSTURE_DEBUG=1` adds the stack for bug reports. */
function errorLine(error: unknown, env: NodeJS.ProcessEnv): string {
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
  if (error instanceof UsageError) {
    return `ai-posture: ${oneLine(error.message)}${error.hint ? " (run 'ai-posture --help')" : ''}`;
  }
  if (error instanceof ConfigError) return `ai-posture: ${oneLine(error.message)}`;
  if (env.AI_POSTURE_DEBUG && error instanceof Error && error.stack) return error.stack;
  return `ai-posture: internal error: ${oneLine(error instanceof Error ? error.message : String(error))}`;
}

// A reader that stops early (`ai-posture scan | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv.slice(2), processIo()).then(
  (code) => {
    // Let pending stdout writes drain instead of cutting them off with process.exit().
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ai-posture: internal error: ${String(error)}\n`);
    process.exitCode = USAGE_EXIT;
  },
);
