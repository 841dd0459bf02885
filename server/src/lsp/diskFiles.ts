/**
 * Single files on disk that changed, appeared or went away (watched files, closed documents): they
 * are analysed the way the workspace scan would (same excludes, cache and config), and their
 * pushed diagnostics are brought up to date. Only folders that have been scanned keep closed-file
 * results; without a scan the server reports open documents only.
 */
import { analyzeWorkspaceFile, type FileResult } from '../engine/index';
import { type ConfigStore, folderScope } from './configs';
import type { Folder, WorkspaceFolders } from './folders';
import type { NoticeLog } from './notices';
import type { Publisher } from './publisher';
import type { ResultStore } from './results';
import { uriToPath } from './uris';
import type { WorkspaceRuleFindings } from './workspaceRuleFindings';

export interface DiskFileDeps {
  folders: WorkspaceFolders;
  configs: ConfigStore;
  results: ResultStore;
  publisher: Publisher;
  notices: NoticeLog;
  /** Whether closed-file results are kept for a folder (it was scanned). */
  tracks: (folder: Folder) => boolean;
  /** The last scan's workspace-rule findings, which a single file's analysis cannot produce. */
  workspaceFindings?: WorkspaceRuleFindings;
}

export class DiskFiles {
  constructor(private readonly deps: DiskFileDeps) {}

  /** Re-analyses a file from disk; open files are left to their document. */
  async refresh(fileUri: string): Promise<void> {
    const { folders, configs, results, publisher, notices, tracks } = this.deps;
    const fsPath = uriToPath(fileUri);
    const located = fsPath === undefined ? undefined : folders.locate(fsPath);
    if (!located || !tracks(located.folder)) {
      if (results.diskResult(fileUri)) this.remove(fileUri);
      return;
    }
    if (publisher.openFiles().has(fileUri)) return;
    const { folder, relativePath } = located;
    const { config, settings } = await configs.resolve(folderScope(folder));
    const analysed = settings.enable ? await analyzeWorkspaceFile(folder.root, relativePath, config, { cache: folder.cache }) : undefined;
    const result = analysed && this.deps.workspaceFindings ? this.deps.workspaceFindings.withFindings(folder.uri, analysed) : analysed;
    if (result) notices.report(result.notices);
    this.store(fileUri, folder, result);
    publisher.closedFile(fileUri);
    publisher.summary();
  }

  /** A file or folder was deleted: its results (and everything below it) go. */
  remove(fileUri: string): void {
    const { folders, results, publisher } = this.deps;
    const openFiles = publisher.openFiles();
    for (const uri of results.diskFilesUnder(fileUri)) {
      results.deleteDisk(uri);
      publisher.closedFile(uri, openFiles);
      const fsPath = uriToPath(uri);
      const located = fsPath === undefined ? undefined : folders.locate(fsPath);
      located?.folder.cache.delete(located.relativePath);
    }
    publisher.summary();
  }

  private store(fileUri: string, folder: Folder, result: FileResult | undefined): void {
    if (result && (result.findings.length > 0 || result.notices.length > 0)) this.deps.results.setDisk(fileUri, folder.uri, result);
    else this.deps.results.deleteDisk(fileUri);
  }
}
