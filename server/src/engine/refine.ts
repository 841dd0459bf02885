import { severityFor } from './analyze';
import type { ResolvedConfig } from './config/config';
import { governingRequirements, type ProjectContext } from './project';
import { textRules } from './rules/index';
import { ruleMessage } from './rules/messages';
import type { Rule } from './rules/rule';
import { demotedInTestCode } from './testCode';
import type { FileResult, Finding } from './types';

/**
 * The project-aware pass: once a scan knows what the workspace's manifests require, rules with a
 * `refine` hook reconsider their findings (AIP102: torch >= 2.6 loads weights only by default).
 * Results are new objects: the cached per-file results stay as the file alone decided them.
 */
export function refineWithProject(files: readonly FileResult[], project: ProjectContext, config: ResolvedConfig): FileResult[] {
  if (!project.requirements || project.requirements.length === 0) return [...files];
  const refiners = new Map(textRules.filter((rule) => rule.refine).map((rule) => [rule.meta.id, rule]));
  if (refiners.size === 0) return [...files];
  return files.map((file) => {
    if (!file.findings.some((finding) => refiners.has(finding.ruleId))) return file;
    return { ...file, findings: file.findings.map((finding) => refined(finding, refiners.get(finding.ruleId), project, config)) };
  });
}

function refined(finding: Finding, rule: Rule | undefined, project: ProjectContext, config: ResolvedConfig): Finding {
  if (!rule?.refine) return finding;
  const view = { context: project, requirements: (pkg: string) => governingRequirements(project, finding.path, pkg) };
  const change = rule.refine(finding, view);
  if (!change) return finding;
  const next: Finding = { ...finding };
  if (change.severity) next.severity = demotedInTestCode(severityFor(rule.meta.id, change.severity, config), finding, config);
  if (change.messageId) {
    const data = change.data ?? finding.data ?? {};
    Object.assign(next, ruleMessage(rule.meta, { messageId: change.messageId, data }), { data });
  }
  if (change.fix) next.fix = change.fix;
  return next;
}
