import type { RuleMeta } from '../types';
import { aip101 } from './aip101-trust-remote-code';
import { aip102 } from './aip102-unsafe-torch-load';
import { aip103 } from './aip103-pickle-deserialization';
import { aip104 } from './aip104-dangerous-deserialization-flag';
import { aip105 } from './aip105-unpinned-model-revision';
import { aip106 } from './aip106-remote-code-hub-load';
import { aip107 } from './aip107-pickle-from-hub';
import { aip108 } from './aip108-unsafe-template-engine';
import { aip109 } from './aip109-safetensors-disabled';
import { aip201 } from './aip201-ai-api-key-literal';
import { aip202 } from './aip202-ai-key-public-env';
import { aip203 } from './aip203-browser-ai-client';
import { aip204 } from './aip204-env-file-not-ignored';
import { aip205 } from './aip205-secret-in-prompt';
import { aip301 } from './aip301-user-input-in-system-prompt';
import { aip302 } from './aip302-prompt-template-unsafe-content';
import { aip303 } from './aip303-hidden-unicode-in-prompt';
import { aip304 } from './aip304-untrusted-content-in-instructions';
import { aip401 } from './aip401-llm-output-to-code-exec';
import { aip402 } from './aip402-llm-output-to-shell';
import { aip403 } from './aip403-llm-output-to-sql';
import { aip404 } from './aip404-llm-output-to-html';
import { aip405 } from './aip405-llm-output-to-request';
import { aip501 } from './aip501-agent-code-execution-tool';
import { aip502 } from './aip502-agent-dangerous-flag';
import { aip503 } from './aip503-local-code-executor';
import { aip504 } from './aip504-tool-auto-approval';
import { aip505 } from './aip505-known-vulnerable-chain';
import { aip506 } from './aip506-exposed-ai-server';
import { aip507 } from './aip507-insecure-ai-transport';
import { aip601 } from './aip601-mcp-unpinned-server';
import { aip602 } from './aip602-mcp-plaintext-secret';
import { aip603 } from './aip603-mcp-insecure-remote';
import { aip604 } from './aip604-mcp-shell-command';
import { aip605 } from './aip605-mcp-broad-access';
import { aip606 } from './aip606-mcp-tool-poisoning';
import { aip607 } from './aip607-instruction-file-backdoor';
import { aip608 } from './aip608-plugin-no-auth';
import { aip609 } from './aip609-mcp-known-vulnerable-tool';
import { aip701 } from './aip701-malicious-pickle-import';
import { aip702 } from './aip702-unknown-pickle-import';
import { aip703 } from './aip703-pickle-model-format';
import { aip704 } from './aip704-keras-unsafe-layer';
import { aip705 } from './aip705-gguf-template-injection';
import { aip706 } from './aip706-onnx-external-data-escape';
import { aip707 } from './aip707-malformed-model-file';
import { aip801 } from './aip801-ai-services-local-auth';
import { aip802 } from './aip802-ai-services-public-network';
import { aip803 } from './aip803-ai-services-no-managed-identity';
import { aip804 } from './aip804-ai-services-no-cmk';
import { aip805 } from './aip805-ai-services-no-diagnostics';
import { aip806 } from './aip806-ai-content-filter-weakened';
import { aip807 } from './aip807-ai-outbound-unrestricted';
import { aip808 } from './aip808-aml-workspace-public';
import { aip809 } from './aip809-aml-compute-local-auth';
import { aip810 } from './aip810-bedrock-agent-no-guardrail';
import { aip811 } from './aip811-bedrock-no-invocation-logging';
import { aip812 } from './aip812-bedrock-guardrail-weak';
import { aip813 } from './aip813-sagemaker-notebook-exposed';
import { aip814 } from './aip814-vertex-workbench-public-ip';
import { aip815 } from './aip815-vertex-endpoint-public';
import { aip901 } from './aip901-vulnerable-ai-package';
import { aip902 } from './aip902-unpinned-ai-package';
import { aip903 } from './aip903-retired-model';
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
  aip106,
  aip107,
  aip108,
  aip109,
  aip201,
  aip202,
  aip203,
  aip204,
  aip205,
  aip301,
  aip302,
  aip303,
  aip304,
  aip401,
  aip402,
  aip403,
  aip404,
  aip405,
  aip501,
  aip502,
  aip503,
  aip504,
  aip505,
  aip506,
  aip507,
  aip601,
  aip602,
  aip603,
  aip604,
  aip605,
  aip606,
  aip607,
  aip801,
  aip802,
  aip803,
  aip804,
  aip805,
  aip806,
  aip807,
  aip808,
  aip809,
  aip810,
  aip812,
  aip813,
  aip814,
  aip815,
].sort(byId);

/** Byte rules (model files), sorted by id: the model-file task runs them on the bytes it reads for the AI-BOM. */
export const byteRules: readonly ByteRule[] = [aip701, aip702, aip703, aip704, aip705, aip706, aip707].sort(byId);

/** Workspace rules (the merged AI-BOM and the policy), sorted by id: run once per scan. */
export const workspaceRules: readonly WorkspaceRule[] = [aip608, aip609, aip811, aip901, aip902, aip903, aip904].sort(byId);

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
