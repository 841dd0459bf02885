/**
 * Findings of workspace rules (AIP609, AIP901–AIP904: the policy, advisories and model lifecycle
 * over the merged AI-BOM) as the last complete scan of each folder placed them. A per-file analysis
 * (an open document, a file changed on disk) cannot produce them, since they depend on the whole
 * AI-BOM; without this store an open document never showed them and a re-analysed file dropped
 * them until the next scan. Each such result gets its file's workspace-rule findings from here.
 */
import { compareFindings, type FileResult, type Finding, workspaceRules } from '../engine/index';

const WORKSPACE_RULE_IDS = new Set(workspaceRules.map((rule) => rule.meta.id));

export class WorkspaceRuleFindings {
  private readonly byFolder = new Map<string, Map<string, Finding[]>>();
  private readonly listeners: (() => void)[] = [];
  /** Changes whenever some folder's findings change: analyses that added them are out of date. */
  generation = 0;

  /** Called when a folder's workspace-rule findings changed (open documents are validated again). */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** After a complete scan of a folder: its workspace-rule findings by workspace-relative path. */
  update(folderUri: string, files: readonly FileResult[]): void {
    const next = new Map<string, Finding[]>();
    for (const file of files) {
      const findings = file.findings.filter((finding) => WORKSPACE_RULE_IDS.has(finding.ruleId));
      if (findings.length > 0) next.set(file.path, findings);
    }
    const before = this.byFolder.get(folderUri);
    if (before && JSON.stringify([...before]) === JSON.stringify([...next])) return;
    this.byFolder.set(folderUri, next);
    this.generation++;
    for (const listener of this.listeners) listener();
  }

  forget(folderUri: string): void {
    if (this.byFolder.delete(folderUri)) this.generation++;
  }

  /** A per-file result with the folder's workspace-rule findings of that file added (a new object; cached results stay as they are). */
  withFindings(folderUri: string | undefined, result: FileResult): FileResult {
    const extra = folderUri ? this.byFolder.get(folderUri)?.get(result.path) : undefined;
    if (!extra || result.findings.some((finding) => WORKSPACE_RULE_IDS.has(finding.ruleId))) return result;
    return { ...result, findings: [...result.findings, ...extra].sort(compareFindings) };
  }
}
