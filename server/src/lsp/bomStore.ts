/**
 * The AI-BOM of each workspace folder, kept as one partial inventory per file. The workspace scan
 * hands over each file's partial as it collects it (so the BOM fills in while the first scan runs);
 * a file that changes on disk is collected again on its own; a folder's BOM is merged again from its
 * partials when asked. Merging is cheap next to collecting, and the engine's merge does not depend
 * on the order of the partials, so the result is the BOM a fresh scan (and the CLI) would produce.
 */
import * as path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type AiBom, BomBuilder, collectWorkspaceFile, type PartialInventory } from '../engine/index';
import { type ConfigStore, folderScope } from './configs';
import type { Folder, WorkspaceFolders } from './folders';
import { fileUriOf, isNotebookCell, pathToUri, uriToPath } from './uris';

/** What a workspace scan tells the AI-BOM (see `workspaceScan.ts`). */
export interface InventorySink {
  scanStarted(folder: Folder): void;
  /** One file's partial inventory, as the scan collects it. */
  file(folder: Folder, relativePath: string, partial: PartialInventory): void;
  /** A complete scan collected every file: the files it did not collect are gone from the BOM. */
  scanEnded(folder: Folder, complete: boolean): void;
  /** The folder's results were dropped (folder removed, or AI Posture disabled in it). */
  forget(folder: Folder): void;
}

export interface BomStoreDeps {
  documents: TextDocuments<TextDocument>;
  folders: WorkspaceFolders;
  configs: ConfigStore;
}

type Partials = Map<string, PartialInventory>;

interface FolderInventory {
  folder: Folder;
  partials: Partials;
  /** What the running scan has collected so far; it replaces `partials` when the scan completes. */
  scanning?: Partials;
  /** A scan of the folder has ended (complete, cancelled by the user, or failed). */
  scanEnded: boolean;
  /** The merged BOM, until the next change. */
  merged?: Promise<AiBom>;
}

export class BomStore implements InventorySink {
  private readonly inventories = new Map<string, FolderInventory>();
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly deps: BomStoreDeps) {}

  /** Called after every change to a folder's inventory. */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  scanStarted(folder: Folder): void {
    this.inventory(folder).scanning = new Map();
  }

  file(folder: Folder, relativePath: string, partial: PartialInventory): void {
    this.put(this.inventory(folder), relativePath, partial);
  }

  scanEnded(folder: Folder, complete: boolean): void {
    const inventory = this.inventory(folder);
    if (complete && inventory.scanning) inventory.partials = inventory.scanning;
    inventory.scanning = undefined;
    inventory.scanEnded = true;
    this.changed(inventory);
  }

  forget(folder: Folder): void {
    if (this.inventories.delete(folder.uri)) this.changed();
  }

  /** Whether a scan of the folder has ended, so its BOM is as complete as the scan could make it. */
  hasScanEnded(folder: Folder): boolean {
    return this.inventories.get(folder.uri)?.scanEnded === true;
  }

  /** The folder's BOM, merged from its partials; undefined for a folder that has no inventory (never scanned). */
  bom(folder: Folder): Promise<AiBom> | undefined {
    const inventory = this.inventories.get(folder.uri);
    if (!inventory) return undefined;
    inventory.merged ??= merge(inventory);
    return inventory.merged;
  }

  /**
   * A file changed on disk or its editor closed: it is collected again the way the scan collects it
   * (an open buffer wins over the disk). Only folders that have an inventory follow changes.
   */
  async fileChanged(fileUri: string): Promise<void> {
    const located = this.locate(fileUri);
    if (!located) return;
    const { inventory, relativePath } = located;
    const { config, settings } = await this.deps.configs.resolve(folderScope(inventory.folder));
    if (!settings.enable) return;
    const overlay = (relative: string) => this.openText(inventory.folder, relative);
    const partial = await collectWorkspaceFile(inventory.folder.root, relativePath, config, { overlay });
    // The folder may have been dropped while the file was read.
    if (this.inventories.get(inventory.folder.uri) === inventory) this.put(inventory, relativePath, partial);
  }

  /** A file or a folder was deleted: its partials, and those of everything below it, go. */
  fileDeleted(fileUri: string): void {
    const located = this.locate(fileUri);
    if (!located) return;
    const { inventory, relativePath } = located;
    const gone = [...inventory.partials.keys()].filter((key) => key === relativePath || key.startsWith(`${relativePath}/`));
    for (const key of gone) {
      inventory.partials.delete(key);
      inventory.scanning?.delete(key);
    }
    if (gone.length > 0) this.changed(inventory);
  }

  private inventory(folder: Folder): FolderInventory {
    let inventory = this.inventories.get(folder.uri);
    if (!inventory) {
      inventory = { folder, partials: new Map(), scanEnded: false };
      this.inventories.set(folder.uri, inventory);
    }
    return inventory;
  }

  /** Stores a file's partial (in the running scan's too, so completing the scan keeps it); files without AI take no room. */
  private put(inventory: FolderInventory, relativePath: string, partial: PartialInventory): void {
    const keep = partial.components.length > 0 || (partial.includes?.length ?? 0) > 0;
    const before = inventory.partials.get(relativePath);
    for (const partials of [inventory.partials, inventory.scanning]) {
      if (keep) partials?.set(relativePath, partial);
      else partials?.delete(relativePath);
    }
    // Unchanged text gives the very same (cached) partial: nothing to merge again.
    if (before !== (keep ? partial : undefined)) this.changed(inventory);
  }

  private changed(inventory?: FolderInventory): void {
    if (inventory) inventory.merged = undefined;
    for (const listener of this.listeners) listener();
  }

  private locate(fileUri: string): { inventory: FolderInventory; relativePath: string } | undefined {
    const fsPath = uriToPath(fileUri);
    const located = fsPath === undefined ? undefined : this.deps.folders.locate(fsPath);
    const inventory = located && this.inventories.get(located.folder.uri);
    return inventory && located ? { inventory, relativePath: located.relativePath } : undefined;
  }

  /** The text of an open editor showing the file, if there is one (notebook cells are not the file's text). */
  private openText(folder: Folder, relativePath: string): string | undefined {
    const fileUri = pathToUri(path.join(folder.root, ...relativePath.split('/')));
    for (const document of this.deps.documents.all()) {
      if (!isNotebookCell(document.uri) && fileUriOf(document.uri) === fileUri) return document.getText();
    }
    return undefined;
  }
}

/** Merges a folder's partials, following `-r`/`-c` requirement includes from the disk as a scan does. */
function merge(inventory: FolderInventory): Promise<AiBom> {
  const builder = new BomBuilder();
  for (const [relativePath, partial] of inventory.partials) builder.addPartial(relativePath, partial);
  return builder.finishFromDisk(inventory.folder.root);
}
