/**
 * Analysis of open documents. Results are cached by content (the folder's `AnalysisCache`, shared
 * with the workspace scan), the last analysis of each document is reused while its version,
 * configuration and day stay the same (pulls, hovers and code actions on an unchanged document
 * analyse nothing), concurrent requests for the same version share one analysis, and an
 * analysis whose document moved on to a newer version while it ran is reported as stale so the
 * caller drops it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  AnalysisCache,
  analyzeFile,
  contentHash,
  documentTrees,
  type FileResult,
  inForeground,
  isDiscoverable,
  isoToday,
  type ProjectContext,
  projectAround,
  projectContextOf,
  type ResolvedConfig,
  refineWithProject,
} from '../engine/index';
import type { ConfigStore } from './configs';
import type { Folder, WorkspaceFolders } from './folders';
import type { NoticeLog } from './notices';
import type { ResultStore } from './results';
import { type Target, targetOf } from './targets';
import { uriToPath } from './uris';
import type { WorkspaceRuleFindings } from './workspaceRuleFindings';

export interface DocumentAnalysis {
  uri: string;
  version: number;
  target: Target;
  result: FileResult;
}

/** The document changed while it was analysed; a newer analysis supersedes this one. */
export const STALE = Symbol('stale');
export type AnalysisOutcome = DocumentAnalysis | undefined | typeof STALE;

interface Running {
  version: number;
  generation: number;
  promise: Promise<DocumentAnalysis | undefined>;
}

/** The outcome of the last analysis of a document, with what it depended on. */
interface Latest {
  version: number;
  generation: number;
  /** The workspace-rule findings' generation the analysis added (see `workspaceRuleFindings.ts`). */
  workspaceGeneration: number;
  day: string;
  analysis: DocumentAnalysis | undefined;
}

export class DocumentAnalyzer {
  private readonly running = new Map<string, Running>();
  /** Hovers, pulls and code actions on an unchanged document reuse this instead of analysing again. */
  private readonly latest = new Map<string, Latest>();
  /** Open files that a scan would leave out (built-in or configured excludes, `.gitignore`). */
  private readonly excluded = new Map<string, { generation: number; excluded: Promise<boolean> }>();
  private readonly looseCache = new AnalysisCache(1_000);

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: WorkspaceFolders,
    private readonly configs: ConfigStore,
    private readonly results: ResultStore,
    private readonly notices: NoticeLog,
    private readonly workspaceFindings?: WorkspaceRuleFindings,
  ) {}

  /** Identifies what a pull would return: same document version, configuration and day. */
  resultId(document: TextDocument): string {
    return `${this.configs.generation}:${this.workspaceFindings?.generation ?? 0}:${document.version}:${isoToday()}`;
  }

  /**
   * The last analysis, when it is still current (same version, configuration and day); `analysis`
   * is undefined when the document is not analysed. Undefined when there is none to reuse.
   */
  private current(document: TextDocument): { analysis: DocumentAnalysis | undefined } | undefined {
    const latest = this.latest.get(document.uri);
    if (!latest || latest.version !== document.version || latest.generation !== this.configs.generation) return undefined;
    if (latest.workspaceGeneration !== (this.workspaceFindings?.generation ?? 0)) return undefined;
    return latest.day === isoToday() ? latest : undefined;
  }

  /** Undefined when the document is not analysed (unknown kind, disabled, excluded). */
  async analyse(document: TextDocument): Promise<AnalysisOutcome> {
    const reusable = this.current(document);
    if (reusable) return reusable.analysis;
    const { uri, version } = document;
    const generation = this.configs.generation;
    let running = this.running.get(uri);
    if (!running || running.version !== version || running.generation !== generation) {
      running = { version, generation, promise: this.run(document) };
      this.running.set(uri, running);
    }
    try {
      const analysis = await running.promise;
      if (this.documents.get(uri)?.version !== version) return STALE;
      return analysis;
    } finally {
      if (this.running.get(uri) === running) this.running.delete(uri);
    }
  }

  /** Resolves once every analysis running now has finished (whatever its outcome). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((running) => running.promise));
  }

  forget(uri: string): void {
    this.running.delete(uri);
    this.latest.delete(uri);
    this.excluded.delete(uri);
    this.results.deleteOpen(uri);
    documentTrees.close(uri);
  }

  private async run(document: TextDocument): Promise<DocumentAnalysis | undefined> {
    // The document object is updated in place by later changes: take the text and version now.
    const { uri, version } = document;
    const latest = {
      version,
      generation: this.configs.generation,
      workspaceGeneration: this.workspaceFindings?.generation ?? 0,
      day: isoToday(),
    };
    const analysis = await this.runOnce(uri, version, document.getText(), targetOf(document, this.folders));
    // The same object at the same version: a document closed and opened again is a new object.
    const same = this.documents.get(uri);
    if (same === document && same.version === version) this.latest.set(uri, { ...latest, analysis });
    return analysis;
  }

  private async runOnce(uri: string, version: number, text: string, target: Target | undefined): Promise<DocumentAnalysis | undefined> {
    if (!target) return undefined;
    const { config, settings } = await this.configs.resolve(target.scope);
    const open = { fileUri: target.fileUri, folderUri: target.folder?.uri, wholeFile: target.cacheable };
    if (!settings.enable || (await this.isExcluded(uri, target, config))) {
      this.results.deleteOpen(uri);
      return undefined;
    }
    const analysed = await this.analyseText(uri, target, text, config);
    // Workspace rules judge the whole AI-BOM: a whole file shows what the last scan placed in it.
    const result =
      target.cacheable && this.workspaceFindings ? this.workspaceFindings.withFindings(target.folder?.uri, analysed) : analysed;
    this.notices.report(result.notices);
    if (this.documents.get(uri)?.version === version) this.results.setOpen(uri, { ...open, result });
    return { uri, version, target, result };
  }

  /** The document's syntax tree is kept between versions, so each keystroke re-parses only what changed. */
  private async analyseText(uri: string, target: Target, text: string, config: ResolvedConfig): Promise<FileResult> {
    const today = isoToday();
    const cache = target.cacheable ? (target.folder?.cache ?? this.looseCache) : undefined;
    const project = target.folder ? await projectOf(target.folder, target.relativePath) : await looseProjectOf(target);
    // The last scan's view of the project (the manifests' requirements) rewords what the file alone decided.
    const refined = (result: FileResult) => (project ? (refineWithProject([result], project, config)[0] ?? result) : result);
    // One hash of the buffer for the lookup and the store (a keystroke in a large file pays it once).
    const hash = cache ? contentHash(text) : undefined;
    const cached = cache?.get(target.relativePath, text, config, today, hash);
    if (cached) return refined(cached);
    // The user is waiting on this: background scan workers step aside until it is done.
    const result = await inForeground(() =>
      analyzeFile({ path: target.relativePath, text, kind: target.kind }, config, {
        today,
        document: { key: uri },
        ...(project ? { project } : {}),
      }),
    );
    // Closed while it was analysed: the tree this analysis kept must not outlive the document.
    if (!this.documents.get(uri)) documentTrees.close(uri);
    cache?.set(target.relativePath, text, config, today, result, hash);
    return refined(result);
  }

  /** Open files follow the scan's excludes, so the editor and the CLI agree on what is analysed. */
  private isExcluded(uri: string, target: Target, config: ResolvedConfig): Promise<boolean> {
    const fsPath = target.fileUri && uriToPath(target.fileUri);
    if (!target.folder || !fsPath) return Promise.resolve(false);
    const generation = this.configs.generation;
    const known = this.excluded.get(uri);
    if (known?.generation === generation) return known.excluded;
    const root = target.folder.root;
    // A file that is not (or no longer) on disk is judged by its buffer alone.
    const excluded = fs.promises
      .access(fsPath)
      .then(
        () => isDiscoverable(root, target.relativePath, config.exclude).then((discoverable) => !discoverable),
        () => false,
      )
      .catch(() => false);
    this.excluded.set(uri, { generation, excluded });
    return excluded;
  }
}

/** A folder's root folders, read once per folder. */
const rootContexts = new WeakMap<Folder, ProjectContext>();

/**
 * The project around an open file: the last complete workspace scan's; before there is one, the
 * folder's root folders and the manifests up the tree from the file.
 */
async function projectOf(folder: Folder, relativePath: string): Promise<ProjectContext> {
  if (folder.project) return folder.project;
  let context = rootContexts.get(folder);
  if (!context) {
    context = projectContextOf(folder.root);
    rootContexts.set(folder, context);
  }
  return projectAround(context, folder.root, relativePath);
}

/** A file outside every workspace folder: the manifests in its own folder (it is its own project root). */
async function looseProjectOf(target: Target): Promise<ProjectContext | undefined> {
  const fsPath = target.fileUri ? uriToPath(target.fileUri) : undefined;
  if (!fsPath) return undefined;
  return projectAround({ rootFolders: [] }, path.dirname(fsPath), path.basename(fsPath));
}
