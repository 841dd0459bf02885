import type { RuleMeta } from '../types';
import { aip101 } from './aip101-trust-remote-code';
import { aip102 } from './aip102-unsafe-torch-load';
import { aip103 } from './aip103-pickle-deserialization';
import { aip104 } from './aip104-dangerous-deserialization-flag';
import { aip105 } from './aip105-unpinned-model-revision';
import { aip109 } from './aip109-safetensors-disabled';
import { aip203 } from './aip203-browser-ai-client';
import { aip303 } from './aip303-hidden-unicode-in-prompt';
import { aip504 } from './aip504-tool-auto-approval';
import { aip601 } from './aip601-mcp-unpinned-server';
import { aip603 } from './aip603-mcp-insecure-remote';
import { aip604 } from './aip604-mcp-shell-command';
import { aip605 } from './aip605-mcp-broad-access';
import { aip606 } from './aip606-mcp-tool-poisoning';
import { aip607 } from './aip607-instruction-file-backdoor';
import { aip703 } from './aip703-pickle-model-format';
import { aip801 } from './aip801-ai-services-local-auth';
import { aip904 } from './aip904-model-not-allowed';
import { type AnyRule, type ByteRule, type Rule, ruleFilesText, type WorkspaceRule } from './rule';

const byId = (a: AnyRule, b: AnyRule) => a.meta.id.localeCompare(b.meta.id);

/** Text rules (source files, configs, scripts), sorted by id: `analyzeFile` runs them. */
export const textRules: readonly Rule[] = [
  aip101,
  aip102,
  aip103,
  aip104,
  aip105,
  aip109,
  aip203,
  aip303,
  aip504,
  aip601,
  aip603,
  aip604,
  aip605,
  aip606,
  aip607,
  aip801,
].sort(byId);

/** Byte rules (model files), sorted by id: the model-file task runs them on the bytes it reads for the AI-BOM. */
export const byteRules: readonly ByteRule[] = [aip703].sort(byId);

/** Workspace rules (the merged AI-BOM and the policy), sorted by id: run once per scan. */
export const workspaceRules: readonly WorkspaceRule[] = [aip904].sort(byId);

/** Every rule of every kind, sorted by id. A test checks each rule module is listed here, with fixtures and docs. */
export const allRules: readonly AnyRule[] = [...textRules, ...byteRules, ...workspaceRules].sort(byId);

/** The engine's own diagnostic for a suppression comment that matches no finding. */
export const unusedSuppressionMeta: RuleMeta = {
  id: 'AIP000',
  name: 'unused-suppression',
  title: 'Unused ai-posture-ignore directive',
  explanation:
    'An `ai-posture-ignore` comment that matches no finding hides nothing today, but it would silently hide a future finding on that line. Stale suppressions also make reviews harder.',
  remediation: 'Remove the directive, or correct its rule id.',
  owasp: [],
  cwe: [],
  atlas: [],
  defaultSeverity: 'information',
  securitySeverity: 0,
  confidence: 'high',
  fileKinds: [],
  fixable: false,
  // The engine writes this message itself (analyze.ts); a test keeps the two identical.
  messages: { unused: 'Unused suppression: no {ruleId} finding here. Remove the directive or fix its rule id.' },
  references: [],
  since: '0.1.0',
};

/** Metadata of every diagnostic the engine can produce, rules first. */
export const allRuleMetas: readonly RuleMeta[] = [unusedSuppressionMeta, ...allRules.map((rule) => rule.meta)];

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRuleMetas.find((meta) => meta.id === id);
}

/** What a rule reads, in words, whatever its kind (the docs' "Files" line). */
export function ruleFiles(meta: RuleMeta): string {
  const rule = allRules.find((candidate) => candidate.meta.id === meta.id);
  return rule ? ruleFilesText(rule) : meta.fileKinds.join(', ') || 'all';
}
