/**
 * The `aiPosture.*` settings the server reads per resource through `workspace/configuration`.
 * Imported by both the client and the server; a test checks `package.json` declares each one with
 * the same default.
 */
export type SeveritySetting = 'off' | 'error' | 'warning' | 'information' | 'hint';

export interface Settings {
  /** Analyse files and publish diagnostics. */
  enable: boolean;
  /** Severity per rule id (`off` disables); `.ai-posture.json` `rules` win over these. */
  rules: Record<string, SeveritySetting>;
  /** Extra exclude globs (gitignore syntax) on top of `.ai-posture.json` `exclude`. */
  exclude: string[];
  /** Scan the whole workspace when the server starts (otherwise only open files). */
  scanOnStartup: boolean;
  /** Scan model files in the workspace as bytes. */
  modelFiles: { scan: boolean };
  /** Findings in test code: one level lower, unchanged, or not reported (`.ai-posture.json` `testCode.severity` wins). */
  testCode: { severity: TestCodeSetting };
}

export type TestCodeSetting = 'demote' | 'keep' | 'off';
const TEST_CODE_SETTINGS: readonly string[] = ['demote', 'keep', 'off'];

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  rules: {},
  exclude: [],
  scanOnStartup: true,
  modelFiles: { scan: true },
  testCode: { severity: 'demote' },
};

/** The settings section name. `aiPosture.trace.server` is read by the client library itself. */
export const SETTINGS_SECTION = 'aiPosture';

/** Fills missing or ill-typed values with defaults, so a bad user setting never breaks the server. */
export function normalizeSettings(raw: unknown): Settings {
  const value = (raw ?? {}) as Partial<Settings>;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    rules: value.rules && typeof value.rules === 'object' ? { ...value.rules } : {},
    exclude: Array.isArray(value.exclude) ? value.exclude.filter((item): item is string => typeof item === 'string') : [],
    scanOnStartup: typeof value.scanOnStartup === 'boolean' ? value.scanOnStartup : DEFAULT_SETTINGS.scanOnStartup,
    modelFiles: { scan: typeof value.modelFiles?.scan === 'boolean' ? value.modelFiles.scan : DEFAULT_SETTINGS.modelFiles.scan },
    testCode: {
      severity: TEST_CODE_SETTINGS.includes(String(value.testCode?.severity))
        ? (value.testCode?.severity as TestCodeSetting)
        : DEFAULT_SETTINGS.testCode.severity,
    },
  };
}
