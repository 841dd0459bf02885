/** `ai-posture rules`: the rule catalogue, as an aligned table or as JSON. */
import { allRuleMetas, bundledDataSummary, DOCS_BASE_URL, PRODUCT, type RuleMeta, ruleDocsUrl } from '../engine/index';
import type { RulesArgs } from './args';
import type { CliIo } from './io';

export function runRules(args: RulesArgs, io: CliIo, toolVersion: string): number {
  const metas = [...allRuleMetas].sort((a, b) => a.id.localeCompare(b.id));
  io.stdout.write(args.format === 'json' ? rulesJson(metas, toolVersion) : rulesText(metas));
  return 0;
}

function rulesJson(metas: readonly RuleMeta[], toolVersion: string): string {
  const document = {
    version: 1,
    tool: { name: PRODUCT.name, version: toolVersion, informationUri: PRODUCT.informationUri },
    rules: metas.map((meta) => ({ ...meta, helpUri: ruleDocsUrl(meta.id) })),
    data: bundledDataSummary(),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function rulesText(metas: readonly RuleMeta[]): string {
  const rows = [
    ['RULE', 'SEVERITY', 'FIX', 'NAME', 'TITLE'],
    ...metas.map((meta) => [meta.id, meta.defaultSeverity, meta.fixable ? 'fix' : '', meta.name, meta.title]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column < widths.length ? cell.padEnd(widths[column]) : cell))
      .join('  ')
      .trimEnd(),
  );
  const { advisories, modelLifecycle } = bundledDataSummary();
  const data = `Offline data: advisories of ${advisories.date} (${advisories.entries} entries, AIP901/AIP609), model lifecycle of ${modelLifecycle.date} (${modelLifecycle.entries} model ids, AIP903).`;
  return `${lines.join('\n')}\n\n${metas.length} rules. Docs: ${DOCS_BASE_URL}\n${data}\n`;
}
