import type { CodeFacts } from '../facts';
import { hubIdEvidence, hubIdKind } from '../facts/hubIds';
import type { CodeSite } from './codeImports';
import { property } from './components';
import type { PartialComponent } from './types';

/**
 * Agent tools loaded from the Hugging Face Hub: smolagents (and transformers agents)
 * `load_tool("org/name", trust_remote_code=True)`, `Tool.from_hub("org/name")` and
 * `Tool.from_space("org/space", …)`. The tool's code comes from the Hub and runs in the agent,
 * so each is a plugin named by its repository id.
 */

/** Loader methods, by the module the call resolves through. */
const LOADERS = new Set(['load_tool', 'from_hub', 'from_space']);
const MODULES = /^(?:smolagents|transformers(?:\.agents)?)\./;

/** Words without which a file loads no Hub tool (checked on the code view before a parse). */
export const HUB_TOOL_HINT = /\bload_tool\s*\(|\.from_(?:hub|space)\s*\(/;

export function collectHubTools(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'python') return [];
  const evidence = hubIdEvidence(facts, site.project);
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (!LOADERS.has(call.method) || !call.origin || !MODULES.test(call.origin)) continue;
    const argument =
      call.args.find((arg) => arg.name === 'repo_id' || arg.name === 'space_id' || arg.name === 'task_or_repo_id') ??
      call.args.find((arg) => arg.name === undefined);
    const id = argument?.value;
    if (!id?.includes('/') || hubIdKind(id, evidence) !== 'hub') continue;
    const remoteCode = call.args.find((arg) => arg.name === 'trust_remote_code')?.node.text;
    const properties = [property('plugin:type', 'hub-tool'), property('plugin:hub', call.method === 'from_space' ? 'space' : 'model-hub')];
    if (remoteCode === 'True') properties.push(property('plugin:trust-remote-code', 'true'));
    components.push({
      ref: `plugin:hf-tool/${id}`,
      kind: 'plugin',
      name: id,
      occurrences: [{ path: site.path, line: site.line(call.row), evidence: 'call', symbol: call.callee }],
      properties,
      dependsOn: [],
    });
  }
  return components;
}
