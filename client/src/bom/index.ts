/** The AI-BOM in the editor: the tree view in the AI Posture container and its commands. */
import type { Disposable, ExtensionContext, LogOutputChannel } from 'vscode';
import type { ServerHost } from '../serverHost';
import { registerBomCommands } from './bomCommands';
import { BomTree } from './bomTree';

export function registerBomView(context: ExtensionContext, host: ServerHost, output: LogOutputChannel): Disposable[] {
  const tree = new BomTree(host, output, context.workspaceState);
  return [tree, ...registerBomCommands(tree, host, output)];
}
