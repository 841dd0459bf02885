/**
 * The Recommendations webview view in the AI Posture container. It asks the server for
 * `aiPosture/recommendations` when shown and whenever diagnostics change (debounced), sends the
 * answer to the page, and carries out what the page asks for after checking each message.
 * The page keeps its own state (`getState`/`setState`), so it is not retained while hidden.
 */
import { webcrypto } from 'node:crypto';
import {
  type CancellationToken,
  commands,
  type Disposable,
  type ExtensionContext,
  env,
  type LogOutputChannel,
  languages,
  type Memento,
  Uri,
  type WebviewView,
  type WebviewViewProvider,
  type WebviewViewResolveContext,
  window,
} from 'vscode';
import { State } from 'vscode-languageclient/node';
import { RECOMMENDATIONS_METHOD, type RecommendationsResult } from '../../../server/src/shared/protocol';
import { COMMANDS } from '../commandIds';
import { errorMessage, type ServerHost } from '../serverHost';
import { fixAll, ignoreRule, openPlace } from './actions';
import { makeNonce, recommendationsPage, WEBVIEW_DIR, WEBVIEW_FILES } from './html';
import { type HostMessage, parseWebviewMessage, type WebviewMessage } from './messages';
import { restoreState } from './model';

export const RECOMMENDATIONS_VIEW = 'aiPosture.recommendations';

const VIEW_STATE_KEY = 'aiPosture.recommendations.viewState';

/** Diagnostics change in bursts (a scan pushes file after file): one request per quiet moment. */
const REFRESH_DELAY_MS = 400;

export function registerRecommendationsView(context: ExtensionContext, host: ServerHost, output: LogOutputChannel): Disposable[] {
  const view = new RecommendationsView(context.extensionUri, host, output, context.workspaceState);
  return [
    view,
    window.registerWebviewViewProvider(RECOMMENDATIONS_VIEW, view, { webviewOptions: { retainContextWhenHidden: false } }),
    commands.registerCommand(COMMANDS.refreshRecommendations, () => view.show()),
    commands.registerCommand(COMMANDS.filterRecommendations, (text: unknown) => view.filter(typeof text === 'string' ? text : '')),
  ];
}

class RecommendationsView implements WebviewViewProvider, Disposable {
  private view: WebviewView | undefined;
  private timer: NodeJS.Timeout | undefined;
  private requests = 0;
  private last: RecommendationsResult | undefined;
  /** A filter asked for before the page was ready; sent with its first `ready`. */
  private pendingFilter: string | undefined;
  private readonly disposables: Disposable[];

  constructor(
    private readonly extensionUri: Uri,
    private readonly host: ServerHost,
    private readonly output: LogOutputChannel,
    /** Sort, filters and expanded cards, kept by the extension too: the webview's own state does not always survive a window reload. */
    private readonly memento: Memento,
  ) {
    this.disposables = [
      languages.onDidChangeDiagnostics(() => this.schedule()),
      host.onSummary(() => this.schedule()),
      host.onDidChangeState(() => this.schedule()),
    ];
  }

  resolveWebviewView(view: WebviewView, _context: WebviewViewResolveContext, _token: CancellationToken): void {
    this.view = view;
    const root = Uri.joinPath(this.extensionUri, ...WEBVIEW_DIR);
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [root] };
    const asset = (file: string) => view.webview.asWebviewUri(Uri.joinPath(root, file)).toString();
    view.webview.html = recommendationsPage({
      cspSource: view.webview.cspSource,
      nonce: makeNonce((bytes) => webcrypto.getRandomValues(bytes)),
      script: asset(WEBVIEW_FILES.script),
      styles: asset(WEBVIEW_FILES.styles),
      codicons: asset(WEBVIEW_FILES.codicons),
    });
    const listeners = [
      view.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      // Hidden, the page is dropped; shown again, it reloads and says `ready`.
      view.onDidChangeVisibility(() => {
        if (view.visible) this.schedule();
      }),
    ];
    view.onDidDispose(() => {
      for (const listener of listeners) listener.dispose();
      if (this.view === view) this.view = undefined;
    });
  }

  /** Asks the server now (the title-bar Refresh, and the page when it loads). */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const view = this.view;
    if (!view?.visible) return;
    await this.load();
  }

  /** From the command palette: shows the view, whose page asks for the recommendations once loaded. */
  async show(): Promise<void> {
    if (this.view?.visible) await this.refresh();
    else await commands.executeCommand(`${RECOMMENDATIONS_VIEW}.focus`);
  }

  /** From other views (the AI-BOM's "Show recommendations"): shows the view filtered to `text`. */
  async filter(text: string): Promise<void> {
    this.pendingFilter = text;
    if (this.view) this.post({ type: 'filter', text });
    await commands.executeCommand(`${RECOMMENDATIONS_VIEW}.focus`);
  }

  private async load(): Promise<void> {
    const client = this.host.current;
    if (!client || client.state === State.Stopped) {
      this.post({ type: 'status', status: 'stopped', message: 'The AI Posture language server is not running.' });
      return;
    }
    if (client.state === State.Starting)
      this.post({ type: 'status', status: 'starting', message: 'Starting the AI Posture language server…' });
    const request = ++this.requests;
    try {
      const result = await client.sendRequest<RecommendationsResult>(RECOMMENDATIONS_METHOD, {});
      // A newer request answers for a newer state of the workspace.
      if (request !== this.requests) return;
      this.last = result;
      this.post({ type: 'recommendations', result });
    } catch (error) {
      if (request !== this.requests) return;
      this.output.error(`Loading recommendations failed: ${errorMessage(error)}`);
      this.post({ type: 'status', status: 'error', message: `Loading recommendations failed: ${errorMessage(error)}` });
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private schedule(): void {
    if (!this.view?.visible || this.timer) return;
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private post(message: HostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.output.warn(`Recommendations view: ignored a message (${parsed.reason}).`);
      return;
    }
    this.handle(parsed.message).catch((error) => {
      this.output.error(`Recommendations view: ${parsed.message.type} failed: ${errorMessage(error)}`);
      void window.showErrorMessage(`AI Posture: ${errorMessage(error)}`);
    });
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        const saved = this.memento.get<unknown>(VIEW_STATE_KEY);
        if (saved !== undefined) this.post({ type: 'restoreState', state: restoreState(saved) });
        if (this.pendingFilter !== undefined) this.post({ type: 'filter', text: this.pendingFilter });
        this.pendingFilter = undefined;
        return this.refresh();
      }
      case 'saveState': {
        const { result: _result, ...ui } = restoreState(message.state);
        await this.memento.update(VIEW_STATE_KEY, ui);
        return;
      }
      case 'refresh':
        return this.refresh();
      case 'openPlace':
        return openPlace(message.uri, message.range);
      case 'openLink':
        await env.openExternal(Uri.parse(message.url, true));
        return;
      case 'fixAll': {
        const client = this.host.current;
        if (!client) throw new Error('the language server is not running.');
        this.post({ type: 'busy', ruleId: message.ruleId, busy: true });
        try {
          await fixAll(client, message.ruleId);
        } finally {
          this.post({ type: 'busy', ruleId: message.ruleId, busy: false });
        }
        return;
      }
      case 'ignore':
        return ignoreRule(message.ruleId, message.place, this.last);
    }
  }
}
