import { commands, type Disposable, type LogOutputChannel, ProgressLocation, window } from 'vscode';
import { LSPErrorCodes, ResponseError, State } from 'vscode-languageclient/node';
import { RESCAN_METHOD, type RescanResult } from '../../server/src/shared/protocol';
import { COMMANDS, SHOW_PROBLEMS_COMMAND } from './commandIds';
import { errorMessage, type ServerHost } from './serverHost';

const SHOW_OUTPUT = 'Show Output';
const SHOW_PROBLEMS = 'Show Problems';
const RESTART = 'Restart Server';

export function registerCommands(host: ServerHost, output: LogOutputChannel): Disposable[] {
  return [
    commands.registerCommand(COMMANDS.scanWorkspace, () => scanWorkspace(host, output)),
    commands.registerCommand(COMMANDS.showOutput, () => output.show(true)),
    commands.registerCommand(COMMANDS.restartServer, () => restartServer(host, output)),
  ];
}

/** Asks the server to rescan every folder; the client itself never analyses anything. */
async function scanWorkspace(host: ServerHost, output: LogOutputChannel): Promise<void> {
  const client = host.current;
  if (!client || client.state === State.Stopped) {
    await offerRestart(host, output, 'AI Posture: the language server is not running.');
    return;
  }
  try {
    const result = await window.withProgress(
      { location: ProgressLocation.Notification, title: 'AI Posture: scanning the workspace', cancellable: true },
      (_progress, token) => client.sendRequest<RescanResult>(RESCAN_METHOD, token),
    );
    await reportScan(result);
  } catch (error) {
    if (isCancellation(error)) return reportScan(undefined);
    output.error(`Workspace scan failed: ${errorMessage(error)}`);
    await showError(`AI Posture: the workspace scan failed: ${errorMessage(error)}`, output);
  }
}

/** Cancelling from the notification makes the server stop early, or answer with a cancellation error. */
function isCancellation(error: unknown): boolean {
  return error instanceof ResponseError && (error.code === LSPErrorCodes.RequestCancelled || error.code === LSPErrorCodes.ServerCancelled);
}

async function reportScan(result: RescanResult | undefined): Promise<void> {
  if (!result || result.cancelled) {
    void window.showInformationMessage('AI Posture: workspace scan cancelled.');
    return;
  }
  const duration = result.durationMs < 1000 ? `${Math.round(result.durationMs)} ms` : `${(result.durationMs / 1000).toFixed(1)} s`;
  const findings = `${result.findings} ${result.findings === 1 ? 'finding' : 'findings'}`;
  const files = `${result.filesAnalysed} ${result.filesAnalysed === 1 ? 'file' : 'files'}`;
  const message = `AI Posture: ${findings} in ${files} (${duration}).`;
  if (result.findings === 0) {
    void window.showInformationMessage(message);
    return;
  }
  if ((await window.showInformationMessage(message, SHOW_PROBLEMS)) === SHOW_PROBLEMS) {
    await commands.executeCommand(SHOW_PROBLEMS_COMMAND);
  }
}

async function restartServer(host: ServerHost, output: LogOutputChannel): Promise<void> {
  try {
    const started = await window.withProgress({ location: ProgressLocation.Window, title: 'Restarting AI Posture' }, () => host.restart());
    if (!started) await showError('AI Posture: the language server did not start.', output);
  } catch (error) {
    output.error(`Restart failed: ${errorMessage(error)}`);
    await showError(`AI Posture: restarting the language server failed: ${errorMessage(error)}`, output);
  }
}

async function offerRestart(host: ServerHost, output: LogOutputChannel, message: string): Promise<void> {
  const choice = await window.showWarningMessage(message, RESTART, SHOW_OUTPUT);
  if (choice === RESTART) await restartServer(host, output);
  else if (choice === SHOW_OUTPUT) output.show(true);
}

async function showError(message: string, output: LogOutputChannel): Promise<void> {
  if ((await window.showErrorMessage(message, SHOW_OUTPUT)) === SHOW_OUTPUT) output.show(true);
}
