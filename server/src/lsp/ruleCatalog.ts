/**
 * `aiPosture/rules`: the rule catalogue (id, title, default severity, docs link) for the client's
 * pickers. The client asks instead of importing the rules, so its bundle stays free of the engine.
 */
import type { Connection } from 'vscode-languageserver/node';
import { allRuleMetas, ruleDocsUrl } from '../engine/index';
import { RULES_METHOD, type RuleSummary } from '../shared/protocol';

export function registerRuleCatalog(connection: Connection): void {
  connection.onRequest(RULES_METHOD, (): RuleSummary[] => ruleSummaries());
}

export function ruleSummaries(): RuleSummary[] {
  return allRuleMetas.map((meta) => ({
    id: meta.id,
    name: meta.name,
    title: meta.title,
    defaultSeverity: meta.defaultSeverity,
    fixable: meta.fixable,
    docsUrl: ruleDocsUrl(meta.id),
  }));
}
