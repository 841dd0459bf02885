import type { RuleMeta } from '../types';
import { aip101 } from './aip101-trust-remote-code';
import { aip102 } from './aip102-unsafe-torch-load';
import { aip103 } from './aip103-pickle-deserialization';
import { aip104 } from './aip104-dangerous-deserialization-flag';
import { aip105 } from './aip105-unpinned-model-revision';
import { aip107 } from './aip107-pickle-from-hub';
import { aip109 } from './aip109-safetensors-disabled';
import { aip203 } from './aip203-browser-ai-client';
import { aip301 } from './aip301-user-input-in-system-prompt';
import { aip304 } from './aip304-untrusted-content-in-instructions';
import { aip401 } from './aip401-llm-output-to-code-exec';
import { aip402 } from './aip402-llm-output-to-shell';
import { aip403 } from './aip403-llm-output-to-sql';
import { aip404 } from './aip404-llm-output-to-html';
import { aip405 } from './aip405-llm-output-to-request';
import { aip504 } from './aip504-tool-auto-approval';
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
  aip107,
  aip109,
  aip203,
  aip301,
  aip304,
  aip401,
  aip402,
  aip403,
  aip404,
  aip405,
  aip504,
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
