/**
 * The configuration each analysis runs with: the editor settings of its scope with the nearest
 * `.ai-posture.json` on top (the workspace file wins, as in the CLI). A malformed workspace file
 * never stops the server: it is reported once as a warning and as a diagnostic on the file itself,
 * and the defaults apply until it is fixed.
 */
import * as fs from 'node:fs';
import { type Connection, MessageType, type Range, ShowMessageNotification } from 'vscode-languageserver/node';
import {
  ConfigError,
  defaultConfig,
  type EditorSettings,
  findConfigFile,
  LineIndex,
  loadConfigFile,
  type ResolvedConfig,
  withEditorSettings,
} from '../engine/index';
import type { Settings } from '../shared/settings';
import type { Folder } from './folders';
import type { SettingsStore } from './settings';
import { pathToUri } from './uris';

/** Where settings and the workspace file are looked up for a document or a folder. */
export interface Scope {
  key: string;
  /** `scopeUri` of the `workspace/configuration` request. */
  scopeUri?: string;
  /** Where the upward search for `.ai-posture.json` starts; none for buffers outside any folder. */
  configDir?: string;
}

export interface ScopeConfig {
  settings: Settings;
  config: ResolvedConfig;
}

/** A `.ai-posture.json` that could not be used. */
export interface ConfigProblem {
  uri: string;
  message: string;
  range: Range;
}

export function folderScope(folder: Folder): Scope {
  return { key: folder.uri, scopeUri: folder.uri, configDir: folder.root };
}

export class ConfigStore {
  private generationCount = 0;
  private readonly resolved = new Map<string, Promise<ScopeConfig>>();
  private readonly problems = new Map<string, ConfigProblem>();
  private readonly problemOfScope = new Map<string, string>();
  private readonly warned = new Map<string, string>();
  private listener: (uri: string) => void = () => {};

  constructor(
    private readonly settings: SettingsStore,
    private readonly connection: Connection,
  ) {}

  /** Changes whenever settings or workspace files may have changed; part of every result id. */
  get generation(): number {
    return this.generationCount;
  }

  /** Called with the URI of a workspace file whose problem appeared, changed or went away. */
  onProblemChanged(listener: (uri: string) => void): void {
    this.listener = listener;
  }

  resolve(scope: Scope): Promise<ScopeConfig> {
    let resolved = this.resolved.get(scope.key);
    if (!resolved) {
      resolved = this.load(scope);
      this.resolved.set(scope.key, resolved);
    }
    return resolved;
  }

  invalidate(): void {
    this.generationCount++;
    this.resolved.clear();
  }

  problem(uri: string): ConfigProblem | undefined {
    return this.problems.get(uri);
  }

  private async load(scope: Scope): Promise<ScopeConfig> {
    const settings = await this.settings.get(scope.scopeUri);
    const file = scope.configDir ? findConfigFile(scope.configDir) : undefined;
    let workspace = defaultConfig();
    if (file) workspace = this.loadFile(scope, file);
    else this.setProblem(scope, undefined);
    return { settings, config: withEditorSettings(workspace, editorSettings(settings)) };
  }

  private loadFile(scope: Scope, file: string): ResolvedConfig {
    try {
      const config = loadConfigFile(file);
      this.setProblem(scope, undefined);
      return config;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const detail = error instanceof ConfigError && message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
      const uri = pathToUri(file);
      this.setProblem(scope, { uri, message: detail, range: problemRange(file, detail) });
      this.warnOnce(uri, message);
      return defaultConfig();
    }
  }

  private setProblem(scope: Scope, problem: ConfigProblem | undefined): void {
    const previous = this.problemOfScope.get(scope.key);
    if (previous !== undefined && previous !== problem?.uri) {
      this.problemOfScope.delete(scope.key);
      this.problems.delete(previous);
      this.warned.delete(previous);
      this.listener(previous);
    }
    if (!problem) return;
    const known = this.problems.get(problem.uri);
    this.problems.set(problem.uri, problem);
    this.problemOfScope.set(scope.key, problem.uri);
    if (known?.message !== problem.message) this.listener(problem.uri);
  }

  private warnOnce(uri: string, message: string): void {
    this.connection.console.warn(message);
    if (this.warned.get(uri) === message) return;
    this.warned.set(uri, message);
    // A notification, not `showWarningMessage` (a request): nothing waits for the user to dismiss it.
    const params = { type: MessageType.Warning, message: `AI Posture: ${message}. The default configuration applies until it is fixed.` };
    this.connection.sendNotification(ShowMessageNotification.method, params).catch(() => undefined);
  }
}

function editorSettings(settings: Settings): EditorSettings {
  return {
    severityOverrides: settings.rules,
    exclude: settings.exclude,
    modelFilesScan: settings.modelFiles.scan,
    testCodeSeverity: settings.testCode.severity,
  };
}

/** The line the problem names (`invalid JSON at line N`), else the first line of the file. */
function problemRange(file: string, detail: string): Range {
  const line = Number(/at line (\d+)/.exec(detail)?.[1] ?? 1) - 1;
  let length = 0;
  try {
    const lines = new LineIndex(fs.readFileSync(file, 'utf8'));
    if (line < lines.lineCount) length = lines.lineText(line).length;
  } catch {
    // Unreadable: the message says so; an empty range on the line is enough to show it.
  }
  return { start: { line, character: 0 }, end: { line, character: length } };
}
