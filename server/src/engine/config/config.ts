import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import schema from '../../../../schemas/ai-posture.schema.json';
import { configDocumentFor } from '../parse/configDocument';
import type { SeveritySetting } from '../types';

export const CONFIG_FILE_NAME = '.ai-posture.json';

export interface IgnoreEntry {
  rule: string;
  paths?: string[];
  reason: string;
  until?: string;
}

/** What happens to findings in test code (`testCode.ts`): one level lower (default), unchanged, or dropped. */
export type TestCodeHandling = 'demote' | 'keep' | 'off';

export interface TestCodeConfig {
  /** Gitignore-style globs of test code on top of the ecosystems' conventions. */
  paths: string[];
  severity: TestCodeHandling;
}

export interface Policy {
  allowedModels?: string[];
  deniedModels?: string[];
  allowedProviders?: string[];
  allowedMcpServers?: string[];
}

/** The configuration every analysis runs with, after defaults and merging. */
export interface ResolvedConfig {
  rules: Record<string, SeveritySetting>;
  exclude: string[];
  ignore: IgnoreEntry[];
  modelFiles: { scan: boolean; maxBytes: number };
  policy: Policy;
  testCode: TestCodeConfig;
  maxFileBytes: number;
  fileTimeBudgetMs: number;
  /** The file it came from, when any. */
  configPath?: string;
  /** True when the workspace file sets `modelFiles.scan` itself (then it wins over the editor setting). */
  modelFilesScanFromFile?: boolean;
  /** True when the workspace file sets `testCode.severity` itself (then it wins over the editor setting). */
  testCodeSeverityFromFile?: boolean;
}

/** Editor preferences that can also be set by the workspace file (which wins). */
export interface EditorSettings {
  severityOverrides?: Record<string, SeveritySetting>;
  exclude?: string[];
  modelFilesScan?: boolean;
  testCodeSeverity?: TestCodeHandling;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
    this.name = 'ConfigError';
  }
}

export function defaultConfig(): ResolvedConfig {
  return {
    rules: {},
    exclude: [],
    ignore: [],
    modelFiles: { scan: true, maxBytes: 2 * 1024 * 1024 * 1024 },
    policy: {},
    testCode: { paths: [], severity: 'demote' },
    maxFileBytes: 1024 * 1024,
    fileTimeBudgetMs: 2000,
  };
}

// Compiled on first use: most scans have no config file, and compiling costs a quarter second at start-up.
let validator: ValidateFunction | undefined;
const configValidator = (): ValidateFunction => {
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(schema);
  return validator;
};

type RawConfig = Partial<Omit<ResolvedConfig, 'configPath' | 'modelFiles' | 'testCode'>> & {
  modelFiles?: Partial<ResolvedConfig['modelFiles']>;
  testCode?: Partial<TestCodeConfig>;
};

/** Parses and validates the text of a `.ai-posture.json`; throws `ConfigError` with one clear line. */
export function parseConfigText(text: string, file: string): ResolvedConfig {
  const document = configDocumentFor(text, 'json');
  // A file without any value is a mistake too (the reader itself accepts empty content).
  const first =
    document.errors[0] ??
    (document.root ? undefined : { message: 'ValueExpected', range: document.lines.rangeOf(text.length, text.length) });
  if (first) throw new ConfigError(file, `invalid JSON at line ${first.range.start.line + 1}: ${first.message}`);
  const raw: unknown = document.root?.value;
  if (raw === undefined || raw === null) return { ...defaultConfig(), configPath: file };
  const validate = configValidator();
  if (!validate(raw)) {
    const error = validate.errors?.[0];
    const where = error?.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'configuration';
    const allowed = error?.params && 'allowedValues' in error.params ? ` (${(error.params.allowedValues as string[]).join(', ')})` : '';
    const extra = error?.params && 'additionalProperty' in error.params ? ` '${String(error.params.additionalProperty)}'` : '';
    throw new ConfigError(file, `${where} ${error?.message ?? 'is invalid'}${extra}${allowed}`);
  }
  return mergeRaw(defaultConfig(), raw as RawConfig, file);
}

function mergeRaw(base: ResolvedConfig, raw: RawConfig, file: string): ResolvedConfig {
  return {
    rules: { ...base.rules, ...raw.rules },
    exclude: [...base.exclude, ...(raw.exclude ?? [])],
    ignore: [...base.ignore, ...(raw.ignore ?? [])],
    modelFiles: { ...base.modelFiles, ...raw.modelFiles },
    policy: { ...base.policy, ...raw.policy },
    testCode: {
      paths: [...base.testCode.paths, ...(raw.testCode?.paths ?? [])],
      severity: raw.testCode?.severity ?? base.testCode.severity,
    },
    maxFileBytes: raw.maxFileBytes ?? base.maxFileBytes,
    fileTimeBudgetMs: raw.fileTimeBudgetMs ?? base.fileTimeBudgetMs,
    configPath: file,
    modelFilesScanFromFile: raw.modelFiles?.scan !== undefined,
    testCodeSeverityFromFile: raw.testCode?.severity !== undefined,
  };
}

export function loadConfigFile(file: string): ResolvedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseConfigText(text, file);
}

/** The nearest `.ai-posture.json` in `start` or one of its parents. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    return undefined;
  }
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Editor settings first, then the workspace file on top: the team's file wins where both speak. */
export function withEditorSettings(workspace: ResolvedConfig, editor: EditorSettings): ResolvedConfig {
  const scan = workspace.modelFilesScanFromFile ? workspace.modelFiles.scan : (editor.modelFilesScan ?? workspace.modelFiles.scan);
  return {
    ...workspace,
    rules: { ...editor.severityOverrides, ...workspace.rules },
    exclude: [...(editor.exclude ?? []), ...workspace.exclude],
    modelFiles: { ...workspace.modelFiles, scan },
    testCode: {
      ...workspace.testCode,
      severity: workspace.testCodeSeverityFromFile ? workspace.testCode.severity : (editor.testCodeSeverity ?? workspace.testCode.severity),
    },
  };
}
