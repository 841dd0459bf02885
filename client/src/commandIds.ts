/**
 * Every command the extension contributes, in one place. No `vscode` import, so the manifest test
 * can check these against `contributes.commands` without a VS Code instance.
 */
export const COMMANDS = {
  scanWorkspace: 'aiPosture.scanWorkspace',
  showOutput: 'aiPosture.showOutput',
  restartServer: 'aiPosture.restartServer',
  refreshRecommendations: 'aiPosture.refreshRecommendations',
  filterRecommendations: 'aiPosture.recommendations.filter',
  exportSarif: 'aiPosture.exportSarif',
  fixAllInFile: 'aiPosture.fixAllInFile',
  showRuleDocumentation: 'aiPosture.showRuleDocumentation',
  openConfiguration: 'aiPosture.openConfiguration',
  exportBom: 'aiPosture.exportBom',
  refreshBom: 'aiPosture.bom.refresh',
  bomGroupByFolder: 'aiPosture.bom.groupByFolder',
  bomGroupByKind: 'aiPosture.bom.groupByKind',
  bomFilter: 'aiPosture.bom.filter',
  bomClearFilter: 'aiPosture.bom.clearFilter',
  bomCopyName: 'aiPosture.bom.copyName',
  bomCopyPurl: 'aiPosture.bom.copyPurl',
  bomReveal: 'aiPosture.bom.reveal',
  bomShowRecommendations: 'aiPosture.bom.showRecommendations',
} as const;

/** VS Code's own command that focuses the Problems panel (where the findings are). */
export const SHOW_PROBLEMS_COMMAND = 'workbench.actions.view.problems';
