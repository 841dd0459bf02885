/**
 * The AI-BOM commands: the view's title bar (refresh, export, group by, filter), its item menu
 * (copy name or purl, reveal, show recommendations) and "AI Posture: Export AI-BOM (CycloneDX)…",
 * which writes the server's CycloneDX 1.6 JSON to a file the user picks.
 */
import { CancellationError, commands, type Disposable, env, type LogOutputChannel, ProgressLocation, Uri, window, workspace } from 'vscode';
import { LSPErrorCodes, ResponseError, State } from 'vscode-languageclient/node';
import { type BomComponent, EXPORT_BOM_METHOD, type ExportBomParams } from '../../../server/src/shared/protocol';
import { COMMANDS, SHOW_PROBLEMS_COMMAND } from '../commandIds';
import { errorMessage, type ServerHost } from '../serverHost';
import { type BomNode, type BomTree, occurrenceUri, openOptions } from './bomTree';

const EXPORT_FILE_NAME = 'ai-bom.cdx.json';
const OPEN = 'Open';
/** The AI Posture container and its Recommendations view (contributed in `package.json`). */
const SHOW_CONTAINER_COMMAND = 'workbench.view.extension.aiPosture';
const FOCUS_RECOMMENDATIONS_COMMAND = 'aiPosture.recommendations.focus';
/** Narrows the Recommendations view to a text, when that view offers it. */
const FILTER_RECOMMENDATIONS_COMMAND = COMMANDS.filterRecommendations;

export function registerBomCommands(tree: BomTree, host: ServerHost, output: LogOutputChannel): Disposable[] {
  const component = (node: unknown) => componentOf(node) ?? tree.selectedComponent();
  return [
    commands.registerCommand(COMMANDS.refreshBom, () => tree.refresh()),
    commands.registerCommand(COMMANDS.exportBom, () => exportBom(host, output)),
    commands.registerCommand(COMMANDS.bomGroupByFolder, () => tree.setGroupBy('folder')),
    commands.registerCommand(COMMANDS.bomGroupByKind, () => tree.setGroupBy('kind')),
    commands.registerCommand(COMMANDS.bomFilter, () => askFilter(tree)),
    commands.registerCommand(COMMANDS.bomClearFilter, () => tree.setFilter('')),
    commands.registerCommand(COMMANDS.bomCopyName, (node: unknown) => copy(component(node)?.name, 'name')),
    commands.registerCommand(COMMANDS.bomCopyPurl, (node: unknown) => copy(component(node)?.purl, 'purl')),
    commands.registerCommand(COMMANDS.bomReveal, (node: unknown) => reveal(node, component(node))),
    commands.registerCommand(COMMANDS.bomShowRecommendations, (node: unknown) => showRecommendations(component(node))),
  ];
}

/** Save dialog (`ai-bom.cdx.json` in the first folder), the server's export, the file, and an offer to open it. */
async function exportBom(host: ServerHost, output: LogOutputChannel): Promise<void> {
  const client = host.current;
  if (!client || client.state === State.Stopped) {
    void window.showWarningMessage('AI Posture: the language server is not running.');
    return;
  }
  const folder = workspace.workspaceFolders?.[0];
  const target = await window.showSaveDialog({
    title: 'Export AI-BOM (CycloneDX 1.6)',
    defaultUri: folder ? Uri.joinPath(folder.uri, EXPORT_FILE_NAME) : undefined,
    filters: { 'CycloneDX JSON': ['json'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  try {
    // A folder never scanned is scanned first, which can take a while: show it, and let it be cancelled.
    const params: ExportBomParams = {};
    const text = await window.withProgress(
      { location: ProgressLocation.Notification, title: 'AI Posture: exporting the AI-BOM', cancellable: true },
      (_progress, token) => client.sendRequest<string>(EXPORT_BOM_METHOD, params, token),
    );
    await workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    if (isCancellation(error)) return;
    output.error(`Exporting the AI-BOM failed: ${errorMessage(error)}`);
    void window.showErrorMessage(`AI Posture: exporting the AI-BOM failed: ${errorMessage(error)}`);
    return;
  }
  const choice = await window.showInformationMessage(`AI Posture: AI-BOM written to ${workspace.asRelativePath(target)}.`, OPEN);
  if (choice === OPEN) await window.showTextDocument(target);
}

async function askFilter(tree: BomTree): Promise<void> {
  const filter = await window.showInputBox({
    title: 'Filter the AI-BOM',
    prompt: 'Show the components whose name or provider contains this text (empty shows everything).',
    placeHolder: 'e.g. openai, gpt-4o, huggingface',
    value: tree.filter,
  });
  if (filter !== undefined) tree.setFilter(filter);
}

async function copy(text: string | undefined, what: string): Promise<void> {
  if (!text) return;
  await env.clipboard.writeText(text);
  window.setStatusBarMessage(`AI Posture: copied the ${what} ${text}`, 3_000);
}

/** Opens the clicked occurrence, or a component's first one, at its line. */
async function reveal(node: unknown, component: BomComponent | undefined): Promise<void> {
  const occurrence = isNode(node) && node.type === 'occurrence' ? node.occurrence : component?.occurrences[0];
  if (!component || !occurrence) return;
  await commands.executeCommand('vscode.open', occurrenceUri(component, occurrence), openOptions(occurrence));
}

/**
 * Shows the Recommendations view narrowed to the component's first file when that view can be
 * narrowed; otherwise it shows the view, opens that file and the Problems panel, where the file's
 * findings are listed.
 */
async function showRecommendations(component: BomComponent | undefined): Promise<void> {
  if (!component) return;
  const occurrence = component.occurrences[0];
  await commands.executeCommand(SHOW_CONTAINER_COMMAND);
  await commands.executeCommand(FOCUS_RECOMMENDATIONS_COMMAND);
  if ((await commands.getCommands(true)).includes(FILTER_RECOMMENDATIONS_COMMAND)) {
    await commands.executeCommand(FILTER_RECOMMENDATIONS_COMMAND, occurrence?.path ?? component.name);
    return;
  }
  if (occurrence) {
    await commands.executeCommand('vscode.open', occurrenceUri(component, occurrence), { ...openOptions(occurrence), preserveFocus: true });
  }
  await commands.executeCommand(SHOW_PROBLEMS_COMMAND);
}

function componentOf(node: unknown): BomComponent | undefined {
  return isNode(node) && (node.type === 'component' || node.type === 'occurrence') ? node.component : undefined;
}

function isNode(node: unknown): node is BomNode {
  return typeof node === 'object' && node !== null && 'type' in node;
}

function isCancellation(error: unknown): boolean {
  if (error instanceof CancellationError) return true;
  return error instanceof ResponseError && (error.code === LSPErrorCodes.RequestCancelled || error.code === LSPErrorCodes.ServerCancelled);
}
