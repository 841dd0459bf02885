/**
 * Command-line parsing: turns argv into one typed command, or throws `UsageError` with a one-line
 * message (the caller prints it and exits 2). Built on `node:util` `parseArgs` (strict mode).
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Severity } from '../engine/index';
import { type FormatName, isFormatName } from './formats';
import { UsageError } from './usageError';

export { UsageError };

export type FailOn = Severity | 'never';

/** Where one rendered format goes: stdout, or a file. */
export interface OutputTarget {
  format: FormatName;
  file?: string;
}

export interface ScanArgs {
  paths: string[];
  outputs: OutputTarget[];
  config?: string;
  minSeverity: Severity;
  failOn: FailOn;
  progress: boolean;
  baseline?: string;
  failOnBomChange: boolean;
  /** `--bom`: list every AI-BOM component in the text report. */
  listBom: boolean;
  /** `--deterministic`: CycloneDX without `serialNumber` and timestamp. */
  deterministic: boolean;
  /** `--jobs N`: analysis threads (1: this thread only); default one per core. */
  jobs?: number;
  /** `--cache DIR`: keep per-file results there between runs (CI caches). */
  cacheDir?: string;
  /** `--stats`: print where the scan's time went to stderr. */
  stats: boolean;
  /** `--as-of YYYY-MM-DD`: judge dated data (model retirements) on that day instead of today. */
  asOf?: string;
}

export interface FixArgs {
  paths: string[];
  config?: string;
  rule?: string;
  dryRun: boolean;
  progress: boolean;
  /** `--unsafe-fixes`: also apply fixes that may change behaviour (never display-only ones). */
  unsafeFixes: boolean;
}

export interface RulesArgs {
  format: 'text' | 'json';
}

export type Command =
  | { name: 'help'; topic?: CommandName }
  | { name: 'version' }
  | { name: 'scan'; args: ScanArgs }
  | { name: 'fix'; args: FixArgs }
  | { name: 'rules'; args: RulesArgs };

export const COMMANDS = ['scan', 'fix', 'rules'] as const;
export type CommandName = (typeof COMMANDS)[number];

const MIN_SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'information', 'hint', 'never'];

const SCAN_OPTIONS = {
  format: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  sarif: { type: 'string' },
  json: { type: 'string' },
  cyclonedx: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'min-severity': { type: 'string' },
  'fail-on': { type: 'string' },
  'no-progress': { type: 'boolean' },
  baseline: { type: 'string' },
  'fail-on-bom-change': { type: 'boolean' },
  bom: { type: 'boolean' },
  deterministic: { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  cache: { type: 'string' },
  stats: { type: 'boolean' },
  'as-of': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const FIX_OPTIONS = {
  config: { type: 'string', short: 'c' },
  rule: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const RULES_OPTIONS = {
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export function parseCommandLine(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { name: 'help', topic: isCommandName(rest[0]) ? rest[0] : undefined };
  }
  if (first === '--version' || first === '-v' || first === '-V') return { name: 'version' };
  if (first.startsWith('-')) throw new UsageError(`unknown option '${first}'`);
  if (!isCommandName(first)) throw new UsageError(`unknown command '${first}'`);
  switch (first) {
    case 'scan':
      return parseScan(rest);
    case 'fix':
      return parseFix(rest);
    case 'rules':
      return parseRules(rest);
  }
}

function isCommandName(value: string | undefined): value is CommandName {
  return (COMMANDS as readonly string[]).includes(value ?? '');
}

/** `parseArgs` with its long Node error messages shortened to one clear clause. */
function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    const quoted = /'([^']+)'/.exec(message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option '${quoted ?? message}'`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = quoted?.split(' ')[0];
      throw new UsageError(option ? `option '${option}' needs a value` : message.split('\n')[0]);
    }
    throw new UsageError(message.split('\n')[0]);
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value '${value}' for ${option} (expected ${allowed.join(', ')})`);
}

function parseScan(argv: readonly string[]): Command {
  const { values, positionals } = parse(argv, SCAN_OPTIONS);
  if (values.help) return { name: 'help', topic: 'scan' };
  if (values['fail-on-bom-change'] && !values.baseline) throw new UsageError('--fail-on-bom-change needs --baseline BOM');
  return {
    name: 'scan',
    args: {
      paths: positionals.length > 0 ? positionals : ['.'],
      outputs: outputTargets(values),
      config: values.config,
      minSeverity: oneOf(values['min-severity'], MIN_SEVERITIES, '--min-severity', 'hint'),
      failOn: oneOf(values['fail-on'], FAIL_ON, '--fail-on', 'error'),
      progress: !values['no-progress'],
      baseline: values.baseline,
      failOnBomChange: values['fail-on-bom-change'] ?? false,
      listBom: values.bom ?? false,
      deterministic: values.deterministic ?? false,
      jobs: positiveInteger(values.jobs, '--jobs'),
      cacheDir: values.cache,
      stats: values.stats ?? false,
      asOf: isoDate(values['as-of'], '--as-of'),
    },
  };
}

/** A calendar date as `YYYY-MM-DD` (what the lifecycle data and suppressions' `until` use). */
function isoDate(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`invalid value '${value}' for ${option} (expected a date as YYYY-MM-DD)`);
  }
  return value;
}

function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,2}$/.test(value)) throw new UsageError(`invalid value '${value}' for ${option} (expected a whole number from 1 to 999)`);
  return Number(value);
}

/**
 * `--format` names what goes to stdout (or to `--output FILE`); `--sarif/--json/--cyclonedx FILE`
 * add files. Text goes to stdout when no `--format` is given. One destination holds one format.
 */
function outputTargets(values: { format?: string[]; output?: string; sarif?: string; json?: string; cyclonedx?: string }): OutputTarget[] {
  const formats = [...new Set(values.format ?? [])];
  for (const format of formats) {
    if (!isFormatName(format)) throw new UsageError(`invalid value '${format}' for --format (expected text, json, sarif, cyclonedx)`);
  }
  if (formats.length > 1) {
    throw new UsageError('only one --format can go to stdout or --output; write the others with --sarif, --json or --cyclonedx FILE');
  }
  if (values.output !== undefined && formats.length === 0) throw new UsageError('--output needs a --format');
  const outputs: OutputTarget[] = [{ format: (formats[0] as FormatName | undefined) ?? 'text', file: values.output }];
  if (values.sarif !== undefined) outputs.push({ format: 'sarif', file: values.sarif });
  if (values.json !== undefined) outputs.push({ format: 'json', file: values.json });
  if (values.cyclonedx !== undefined) outputs.push({ format: 'cyclonedx', file: values.cyclonedx });
  return outputs;
}

function parseFix(argv: readonly string[]): Command {
  const { values, positionals } = parse(argv, FIX_OPTIONS);
  if (values.help) return { name: 'help', topic: 'fix' };
  if (values.rule !== undefined && !/^AIP\d{3}$/i.test(values.rule)) {
    throw new UsageError(`invalid value '${values.rule}' for --rule (expected a rule id such as AIP102)`);
  }
  return {
    name: 'fix',
    args: {
      paths: positionals.length > 0 ? positionals : ['.'],
      config: values.config,
      rule: values.rule?.toUpperCase(),
      dryRun: values['dry-run'] ?? false,
      progress: !values['no-progress'],
      unsafeFixes: values['unsafe-fixes'] ?? false,
    },
  };
}

function parseRules(argv: readonly string[]): Command {
  const { values, positionals } = parse(argv, RULES_OPTIONS);
  if (values.help) return { name: 'help', topic: 'rules' };
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' for rules`);
  return { name: 'rules', args: { format: oneOf(values.format, ['text', 'json'] as const, '--format', 'text') } };
}
