import { type ExtensionContext, window } from 'vscode';
import { registerBomView } from './bom/index';
import { registerCommands } from './commands';
import { registerEditorCommands } from './editorCommands';
import { registerRecommendationsView } from './recommendations/view';
import { ServerHost } from './serverHost';
import { PostureStatusBar } from './statusBar';

let host: ServerHost | undefined;

/**
 * Runs on `onStartupFinished`. It only creates the UI and launches the server process; it does not
 * wait for the server, so activation stays fast however large the workspace is.
 */
export function activate(context: ExtensionContext): void {
  const output = window.createOutputChannel('AI Posture', { log: true });
  const trace = window.createOutputChannel('AI Posture Trace', { log: true });
  const statusBar = new PostureStatusBar();
  host = new ServerHost(context, { output, trace }, statusBar);
  context.subscriptions.push(output, trace, statusBar, host, ...registerCommands(host, output));
  context.subscriptions.push(...registerEditorCommands({ host, output, extensionUri: context.extensionUri }));
  context.subscriptions.push(...registerRecommendationsView(context, host, output));
  context.subscriptions.push(...registerBomView(context, host, output));
  void host.start();
}

export async function deactivate(): Promise<void> {
  await host?.stop();
  host = undefined;
}
