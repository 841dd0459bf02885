/**
 * Editor commands around the findings: export a SARIF log, fix everything fixable in the active
 * file, read a rule's documentation, open (or create) the workspace configuration. The client asks
 * the server and shows its answer; it never analyses, and it does not bundle the rules.
 */
import {
  CancellationError,
  type CodeAction,
  commands,
  type Disposable,
  env,
  type LogOutputChannel,
  ProgressLocation,
  type QuickPickItem,
  Range,
  Uri,
  type WorkspaceFolder,
  window,
  workspace,
} from 'vscode';
import { type LanguageClient, LSPErrorCodes, ResponseError, State } from 'vscode-languageclient/node';
import { EXPORT_SARIF_METHOD, FIX_ALL_KIND, RULES_METHOD, type RuleSummary } from '../../server/src/shared/protocol';
import { COMMANDS } from './commandIds';
import { CONFIG_FILE_NAME, CONFIG_TEMPLATE } from './configTemplate';
import { errorMessage, type ServerHost } from './serverHost';

const SARIF_FILE_NAME = 'ai-posture.sarif';
/** The built-in Markdown preview as a custom editor; it scrolls to the URI's fragment. */
const MARKDOWN_PREVIEW = 'vscode.markdown.preview.editor';
/** `docs/rules.md` ships inside the extension, so the docs open offline. */
const RULES_DOC = ['docs', 'rules.md'];
const OPEN = 'Open';
const RESTART = 'Restart Server';

export interface EditorCommandDeps {
  host: ServerHost;
  output: LogOutputChannel;
  extensionUri: Uri;
}

export function registerEditorCommands(deps: EditorCommandDeps): Disposable[] {
  return [
    commands.registerCommand(COMMANDS.exportSarif, () => exportSarif(deps)),
    commands.registerCommand(COMMANDS.fixAllInFile, () => fixAllInFile(deps)),
    // An optional rule id skips the picker (for links and other views that know the rule).
    commands.registerCommand(COMMANDS.showRuleDocumentation, (ruleId?: unknown) => showRuleDocumentation(deps, ruleId)),
    commands.registerCommand(COMMANDS.openConfiguration, () => openConfiguration()),
  ];
}

/** Save dialog, then the server's SARIF log of the workspace written to the chosen file. */
async function exportSarif(deps: EditorCommandDeps): Promise<void> {
  const client = await runningClient(deps.host);
  if (!client) return;
  const folder = workspace.workspaceFolders?.[0];
  const target = await window.showSaveDialog({
    title: 'Export AI Posture findings as SARIF',
    defaultUri: folder ? Uri.joinPath(folder.uri, SARIF_FILE_NAME) : undefined,
    filters: { SARIF: ['sarif'], JSON: ['json'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  try {
    // A folder never scanned is scanned first, which can take a while: show it, and let it be cancelled.
    const sarif = await window.withProgress(
      { location: ProgressLocation.Notification, title: 'AI Posture: exporting SARIF', cancellable: true },
      (_progress, token) => client.sendRequest<string>(EXPORT_SARIF_METHOD, {}, token),
    );
    await workspace.fs.writeFile(target, new TextEncoder().encode(sarif));
  } catch (error) {
    if (isCancellation(error)) return;
    await reportFailure(deps.output, 'Exporting SARIF', error);
    return;
  }
  const choice = await window.showInformationMessage(`AI Posture: SARIF written to ${workspace.asRelativePath(target)}.`, OPEN);
  if (choice === OPEN) await window.showTextDocument(target);
}

/** The server's `source.fixAll.ai-posture` action for the active file, applied as one edit. */
async function fixAllInFile(deps: EditorCommandDeps): Promise<void> {
  const editor = window.activeTextEditor;
  if (!editor) {
    void window.showInformationMessage('AI Posture: open a file to fix first.');
    return;
  }
  if (!(await runningClient(deps.host))) return;
  const { document } = editor;
  const whole = new Range(0, 0, document.lineCount, 0);
  try {
    const actions = await commands.executeCommand<CodeAction[] | undefined>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      FIX_ALL_KIND,
    );
    const fixAll = actions?.find((action) => action.kind?.value === FIX_ALL_KIND && action.edit);
    if (!fixAll?.edit) {
      void window.showInformationMessage('AI Posture: nothing in this file has a safe automatic fix.');
      return;
    }
    if (!(await workspace.applyEdit(fixAll.edit))) {
      void window.showWarningMessage('AI Posture: the fixes were not applied; the file changed meanwhile. Try again.');
    }
  } catch (error) {
    await reportFailure(deps.output, 'Fixing the file', error);
  }
}

interface RuleItem extends QuickPickItem {
  rule: RuleSummary;
}

/** A picker of the server's rules (or the given rule id), then its section of the docs. */
async function showRuleDocumentation(deps: EditorCommandDeps, ruleId: unknown): Promise<void> {
  const client = await runningClient(deps.host);
  if (!client) return;
  let rules: RuleSummary[];
  try {
    rules = await client.sendRequest<RuleSummary[]>(RULES_METHOD);
  } catch (error) {
    await reportFailure(deps.output, 'Listing the rules', error);
    return;
  }
  const given = typeof ruleId === 'string' ? rules.find((rule) => rule.id === ruleId.toUpperCase()) : undefined;
  const rule = given ?? (await pickRule(rules));
  if (rule) await openRuleDocs(deps, rule);
}

async function pickRule(rules: RuleSummary[]): Promise<RuleSummary | undefined> {
  const items: RuleItem[] = rules.map((rule) => ({
    label: rule.id,
    description: rule.title,
    detail: `${rule.name} · ${rule.defaultSeverity}${rule.fixable ? ' · quick fix' : ''}`,
    rule,
  }));
  const picked = await window.showQuickPick(items, {
    title: 'AI Posture: Show Rule Documentation',
    placeHolder: 'Rule id or title',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.rule;
}

/** The shipped `docs/rules.md` in the Markdown preview at the rule's anchor; the online docs if that fails. */
async function openRuleDocs(deps: EditorCommandDeps, rule: RuleSummary): Promise<void> {
  const docs = Uri.joinPath(deps.extensionUri, ...RULES_DOC);
  try {
    await workspace.fs.stat(docs);
    await commands.executeCommand('vscode.openWith', docs.with({ fragment: headingSlug(rule) }), MARKDOWN_PREVIEW);
  } catch (error) {
    // No Markdown preview (disabled built-in extension) or no shipped docs.
    deps.output.info(`Opening the shipped rule docs failed (${errorMessage(error)}); opening ${rule.docsUrl}`);
    await env.openExternal(Uri.parse(rule.docsUrl));
  }
}

/**
 * The preview scrolls to headings only, by their slug: `## AIP102 unsafe-torch-load` (as
 * `npm run docs` writes every rule's heading) is `aip102-unsafe-torch-load`. The `#aip102` anchors
 * before each heading serve the online docs.
 */
function headingSlug(rule: RuleSummary): string {
  return `${rule.id} ${rule.name}`.toLowerCase().replace(/\s+/g, '-');
}

/** The folder's `.ai-posture.json`, created from a commented template when it has none. */
async function openConfiguration(): Promise<void> {
  const folder = await pickFolder();
  if (!folder) return;
  const file = Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
  if (!(await exists(file))) {
    await workspace.fs.writeFile(file, new TextEncoder().encode(CONFIG_TEMPLATE));
    window.setStatusBarMessage(`AI Posture: created ${workspace.asRelativePath(file)}`, 5_000);
  }
  await window.showTextDocument(file);
}

/** The only folder, or the one the user picks in a multi-root workspace. */
async function pickFolder(): Promise<WorkspaceFolder | undefined> {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void window.showInformationMessage(`AI Posture: open a folder first; ${CONFIG_FILE_NAME} lives in a workspace folder.`);
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return window.showWorkspaceFolderPick({ placeHolder: `Folder whose ${CONFIG_FILE_NAME} to open` });
}

async function exists(uri: Uri): Promise<boolean> {
  try {
    await workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The client, when it runs or is starting (requests wait for the start); otherwise says so and offers a restart. */
async function runningClient(host: ServerHost): Promise<LanguageClient | undefined> {
  const client = host.current;
  if (client && client.state !== State.Stopped) return client;
  const choice = await window.showWarningMessage('AI Posture: the language server is not running.', RESTART);
  if (choice === RESTART) await commands.executeCommand(COMMANDS.restartServer);
  return undefined;
}

/** The user cancelled from the progress notification (the library or the server says so). */
function isCancellation(error: unknown): boolean {
  if (error instanceof CancellationError) return true;
  return error instanceof ResponseError && (error.code === LSPErrorCodes.RequestCancelled || error.code === LSPErrorCodes.ServerCancelled);
}

async function reportFailure(output: LogOutputChannel, what: string, error: unknown): Promise<void> {
  output.error(`${what} failed: ${errorMessage(error)}`);
  const choice = await window.showErrorMessage(`AI Posture: ${what.toLowerCase()} failed: ${errorMessage(error)}`, 'Show Output');
  if (choice === 'Show Output') output.show(true);
}
