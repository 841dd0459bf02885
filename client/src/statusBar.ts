import { type Disposable, StatusBarAlignment, type StatusBarItem, ThemeColor, window } from 'vscode';
import type { SummaryParams } from '../../server/src/shared/protocol';
import { COMMANDS, SHOW_PROBLEMS_COMMAND } from './commandIds';
import { idleView, type StatusView, startingView, stoppedView, summaryView } from './statusText';

const BACKGROUNDS = { error: 'statusBarItem.errorBackground', warning: 'statusBarItem.warningBackground' } as const;

/** The workspace's finding count in the status bar, fed by the server's `aiPosture/summary`. */
export class PostureStatusBar implements Disposable {
  private readonly item: StatusBarItem;
  private summary: SummaryParams | undefined;

  constructor() {
    this.item = window.createStatusBarItem('aiPosture.status', StatusBarAlignment.Left, 0);
    this.item.name = 'AI Posture';
    this.render(startingView());
    this.item.show();
  }

  /** The latest counts the server reported, if any. */
  get lastSummary(): SummaryParams | undefined {
    return this.summary;
  }

  showSummary(summary: SummaryParams): void {
    this.summary = summary;
    this.render(summaryView(summary));
  }

  showStarting(): void {
    this.render(startingView());
  }

  /** Keeps the last counts when the server comes back up: they are still the best we know. */
  showRunning(): void {
    this.render(this.summary ? summaryView(this.summary) : idleView());
  }

  showStopped(): void {
    this.render(stoppedView());
  }

  dispose(): void {
    this.item.dispose();
  }

  private render(view: StatusView): void {
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.tone === 'none' ? undefined : new ThemeColor(BACKGROUNDS[view.tone]);
    this.item.command = view.target === 'problems' ? SHOW_PROBLEMS_COMMAND : COMMANDS.showOutput;
  }
}
