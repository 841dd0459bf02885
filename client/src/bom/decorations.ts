/**
 * The finding badge and colour of AI-BOM components. Tree items name a component with a URI of
 * this extension's own scheme; VS Code asks this provider how to decorate it, as it does for files.
 */
import { type Disposable, EventEmitter, type FileDecoration, type FileDecorationProvider, ThemeColor, Uri, window } from 'vscode';
import type { BomComponent } from '../../../server/src/shared/protocol';
import { findingBadge, findingSummary, worstSeverity } from './model';

export const BOM_SCHEME = 'ai-posture-bom';

/** The colours the Problems view and the explorer use for files with errors and warnings. */
export const SEVERITY_COLORS: Partial<Record<keyof BomComponent['findingCounts'], string>> = {
  error: 'list.errorForeground',
  warning: 'list.warningForeground',
};

export class BomDecorations implements FileDecorationProvider, Disposable {
  private byUri = new Map<string, FileDecoration>();
  private readonly changes = new EventEmitter<Uri[]>();
  readonly onDidChangeFileDecorations = this.changes.event;
  private readonly registration = window.registerFileDecorationProvider(this);

  /** The URI a component's tree item carries, so that this provider decorates it. */
  static uriOf(component: Pick<BomComponent, 'folderUri' | 'ref'>): Uri {
    return Uri.from({ scheme: BOM_SCHEME, path: `/${encodeURIComponent(component.ref)}`, query: encodeURIComponent(component.folderUri) });
  }

  /** Replaces the decorations with those of `components`; VS Code re-asks for what came, went or changed. */
  update(components: readonly BomComponent[]): void {
    const before = this.byUri;
    this.byUri = new Map();
    for (const component of components) {
      const decoration = decorationOf(component);
      if (decoration) this.byUri.set(BomDecorations.uriOf(component).toString(), decoration);
    }
    const touched = new Set([...before.keys(), ...this.byUri.keys()]);
    if (touched.size > 0) this.changes.fire([...touched].map((uri) => Uri.parse(uri, true)));
  }

  provideFileDecoration(uri: Uri): FileDecoration | undefined {
    return uri.scheme === BOM_SCHEME ? this.byUri.get(uri.toString()) : undefined;
  }

  dispose(): void {
    this.registration.dispose();
    this.changes.dispose();
  }
}

function decorationOf(component: BomComponent): FileDecoration | undefined {
  const badge = findingBadge(component.findingCounts);
  if (!badge) return undefined;
  const severity = worstSeverity(component.findingCounts);
  const color = severity && SEVERITY_COLORS[severity];
  return { badge, tooltip: findingSummary(component.findingCounts), color: color ? new ThemeColor(color) : undefined, propagate: false };
}
