/**
 * The AI-BOM tree view: the server's `aiPosture/bom`, grouped by kind (or by workspace folder, then
 * kind), components with their finding decorations, and their occurrences, which open the file at
 * the line. It paints whatever the server knows at once (the first scan may still be running) and
 * asks again on `aiPosture/bomChanged`; while hidden it only notes that it is out of date.
 */
import {
  commands,
  type Disposable,
  EventEmitter,
  type LogOutputChannel,
  MarkdownString,
  type Memento,
  Range,
  ThemeColor,
  ThemeIcon,
  type TreeDataProvider,
  TreeItem,
  TreeItemCollapsibleState,
  type TreeView,
  Uri,
  window,
  workspace,
} from 'vscode';
import { State } from 'vscode-languageclient/node';
import { BOM_METHOD, type BomComponent, type BomResult, type Occurrence } from '../../../server/src/shared/protocol';
import { errorMessage, type ServerHost } from '../serverHost';
import { BomDecorations, SEVERITY_COLORS } from './decorations';
import {
  componentDescription,
  componentFacts,
  componentKey,
  type FolderGroup,
  findingSummary,
  folderGroups,
  type GroupBy,
  type KindGroup,
  kindGroups,
  kindIcon,
  matchesFilter,
  occurrenceDescription,
  occurrenceIcon,
  occurrenceLabel,
  type ViewState,
  viewState,
  worstSeverity,
} from './model';

export const BOM_VIEW = 'aiPosture.bom';
/** Context keys for the view's menus and welcome content (see `package.json`). */
const CONTEXT = { groupBy: 'aiPosture.bom.groupBy', filtered: 'aiPosture.bom.filtered', state: 'aiPosture.bom.state' } as const;
const GROUP_BY_KEY = 'aiPosture.bom.groupBy';

export type BomNode =
  | { type: 'folder'; folder: FolderGroup }
  | { type: 'group'; group: KindGroup; scope: string }
  | { type: 'component'; component: BomComponent; scope: string }
  | { type: 'occurrence'; component: BomComponent; occurrence: Occurrence; index: number; scope: string };

export class BomTree implements TreeDataProvider<BomNode>, Disposable {
  private readonly changes = new EventEmitter<BomNode | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  readonly view: TreeView<BomNode>;
  private readonly decorations = new BomDecorations();
  private readonly disposables: Disposable[];
  private result: BomResult | undefined;
  private state: ViewState = 'loading';
  private groupByValue: GroupBy;
  private filterValue = '';
  private loading: Promise<void> | undefined;
  private again = false;
  /** Something changed while the view was hidden: ask the server when it shows. */
  private stale = true;

  constructor(
    private readonly host: ServerHost,
    private readonly output: LogOutputChannel,
    private readonly memento: Memento,
  ) {
    this.groupByValue = memento.get<GroupBy>(GROUP_BY_KEY) === 'folder' ? 'folder' : 'kind';
    this.view = window.createTreeView(BOM_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables = [
      this.view,
      this.decorations,
      this.changes,
      this.view.onDidChangeVisibility(() => {
        if (this.view.visible && this.stale) void this.refresh();
      }),
      host.onBomChanged(() => void this.refresh()),
      host.onDidChangeState(() => void this.refresh()),
    ];
    void setContext(CONTEXT.groupBy, this.groupByValue);
    void setContext(CONTEXT.filtered, false);
    this.render();
    void this.refresh();
  }

  get groupBy(): GroupBy {
    return this.groupByValue;
  }

  get filter(): string {
    return this.filterValue;
  }

  /** Asks the server for the BOM when the view is shown; one request at a time, the latest wins. */
  refresh(): Promise<void> {
    if (!this.view.visible) {
      this.stale = true;
      return Promise.resolve();
    }
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.stale = false;
    this.loading = this.load().finally(() => {
      this.loading = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.loading;
  }

  setGroupBy(groupBy: GroupBy): void {
    this.groupByValue = groupBy;
    void this.memento.update(GROUP_BY_KEY, groupBy);
    void setContext(CONTEXT.groupBy, groupBy);
    this.render();
  }

  setFilter(filter: string): void {
    this.filterValue = filter.trim();
    void setContext(CONTEXT.filtered, this.filterValue !== '');
    this.render();
  }

  /** The selected component (or the component of the selected occurrence), for commands run from the palette. */
  selectedComponent(): BomComponent | undefined {
    const node = this.view.selection[0];
    return node && node.type !== 'folder' && node.type !== 'group' ? node.component : undefined;
  }

  getChildren(node?: BomNode): BomNode[] {
    const components = this.shownComponents();
    if (!node) {
      if (this.groupByValue === 'kind') return kindGroups(components).map((group) => ({ type: 'group', group, scope: '' }));
      const folders = (workspace.workspaceFolders ?? []).map((folder) => ({ uri: folder.uri.toString(), name: folder.name }));
      return folderGroups(components, folders).map((folder) => ({ type: 'folder', folder }));
    }
    switch (node.type) {
      case 'folder':
        return node.folder.groups.map((group) => ({ type: 'group', group, scope: node.folder.folderUri }));
      case 'group':
        return node.group.components.map((component) => ({ type: 'component', component, scope: node.scope }));
      case 'component':
        return node.component.occurrences.map((occurrence, index) => ({ ...node, type: 'occurrence', occurrence, index }));
      default:
        return [];
    }
  }

  getTreeItem(node: BomNode): TreeItem {
    switch (node.type) {
      case 'folder':
        return folderItem(node.folder);
      case 'group':
        return groupItem(node.group, node.scope);
      case 'component':
        return componentItem(node.component, node.scope);
      case 'occurrence':
        return occurrenceItem(node.component, node.occurrence, node.index, node.scope);
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async load(): Promise<void> {
    const client = this.host.current;
    if (!client || client.state === State.Stopped) {
      this.show(undefined, 'stopped');
      return;
    }
    try {
      // While the client starts, the request waits for it.
      const result = await client.sendRequest<BomResult>(BOM_METHOD, {});
      this.show(result, viewState(result));
    } catch (error) {
      this.output.error(`Loading the AI-BOM failed: ${errorMessage(error)}`);
      this.view.message = `Loading the AI-BOM failed: ${errorMessage(error)}`;
    }
  }

  private show(result: BomResult | undefined, state: ViewState): void {
    this.result = result;
    this.state = state;
    this.decorations.update(result?.components ?? []);
    void setContext(CONTEXT.state, state);
    this.render();
  }

  /** Redraws the tree, the count in the title and the message above the tree. */
  private render(): void {
    const all = this.result?.components ?? [];
    const shown = this.shownComponents();
    this.view.description = all.length > 0 ? `${all.length} ${all.length === 1 ? 'component' : 'components'}` : undefined;
    this.view.message = viewMessage(this.state, this.result, this.filterValue, shown.length, all.length);
    this.changes.fire(undefined);
  }

  private shownComponents(): BomComponent[] {
    return (this.result?.components ?? []).filter((component) => matchesFilter(component, this.filterValue));
  }
}

function viewMessage(state: ViewState, result: BomResult | undefined, filter: string, shown: number, total: number): string | undefined {
  const parts: string[] = [];
  if (state === 'loading') {
    parts.push(result ? 'Scanning the workspace… the AI-BOM fills in as files are read.' : 'Loading the AI-BOM…');
  }
  if (filter && total > 0) {
    parts.push(shown === 0 ? `No component matches “${filter}”.` : `Filtered by “${filter}”: ${shown} of ${total} components.`);
  }
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function folderItem(folder: FolderGroup): TreeItem {
  const item = new TreeItem(folder.name, TreeItemCollapsibleState.Expanded);
  item.id = `folder:${folder.folderUri}`;
  item.description = String(folder.count);
  item.iconPath = new ThemeIcon('root-folder');
  item.tooltip = `${folder.name}: ${folder.count} ${folder.count === 1 ? 'component' : 'components'}`;
  item.contextValue = 'aiPosture.bom.folder';
  return item;
}

function groupItem(group: KindGroup, scope: string): TreeItem {
  const item = new TreeItem(group.label, TreeItemCollapsibleState.Expanded);
  item.id = `${scope}/kind:${group.kind}`;
  item.description = String(group.components.length);
  item.iconPath = new ThemeIcon(group.icon);
  item.tooltip = `${group.label}: ${group.components.length}`;
  item.contextValue = 'aiPosture.bom.group';
  return item;
}

function componentItem(component: BomComponent, scope: string): TreeItem {
  const item = new TreeItem(component.name, TreeItemCollapsibleState.Collapsed);
  item.id = `${scope}/component:${componentKey(component)}`;
  item.description = componentDescription(component);
  // The URI lets `BomDecorations` add the finding badge and colour the label.
  item.resourceUri = BomDecorations.uriOf(component);
  const severity = worstSeverity(component.findingCounts);
  const color = severity && SEVERITY_COLORS[severity];
  item.iconPath = new ThemeIcon(kindIcon(component.kind), color ? new ThemeColor(color) : undefined);
  item.tooltip = componentTooltip(component);
  item.contextValue = component.purl ? 'aiPosture.bom.component.purl' : 'aiPosture.bom.component';
  const findings = findingSummary(component.findingCounts);
  item.accessibilityInformation = {
    label: [component.name, item.description, findings].filter(Boolean).join(', '),
  };
  return item;
}

function componentTooltip(component: BomComponent): MarkdownString {
  const tooltip = new MarkdownString();
  tooltip.appendMarkdown('**');
  tooltip.appendText(component.name);
  tooltip.appendMarkdown('**\n\n');
  for (const [name, value] of componentFacts(component)) {
    tooltip.appendText(`${name}: ${value}`);
    tooltip.appendMarkdown('  \n');
  }
  return tooltip;
}

function occurrenceItem(component: BomComponent, occurrence: Occurrence, index: number, scope: string): TreeItem {
  const item = new TreeItem(occurrenceLabel(occurrence), TreeItemCollapsibleState.None);
  item.id = `${scope}/component:${componentKey(component)}/${index}`;
  item.description = occurrenceDescription(occurrence);
  item.iconPath = new ThemeIcon(occurrenceIcon(occurrence));
  const uri = occurrenceUri(component, occurrence);
  item.tooltip = `Open ${occurrenceLabel(occurrence)}`;
  item.command = { title: 'Open', command: 'vscode.open', arguments: [uri, openOptions(occurrence)] };
  item.contextValue = 'aiPosture.bom.occurrence';
  return item;
}

/** The file of an occurrence: its workspace-relative path under the component's folder. */
export function occurrenceUri(component: BomComponent, occurrence: Occurrence): Uri {
  return Uri.joinPath(Uri.parse(component.folderUri, true), ...occurrence.path.split('/'));
}

/** `vscode.open` options that put the cursor at the start of the occurrence's line (1-based there). */
export function openOptions(occurrence: Occurrence): { selection?: Range; preview: boolean } {
  if (occurrence.line === undefined) return { preview: true };
  const line = Math.max(0, occurrence.line - 1);
  return { selection: new Range(line, 0, line, 0), preview: true };
}

function setContext(key: string, value: unknown): Thenable<unknown> {
  return commands.executeCommand('setContext', key, value);
}
