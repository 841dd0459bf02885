import { CodeFacts } from '../facts';
import type { NotebookCell } from '../parse/notebook';
import { withTree } from '../parse/treeSitter';
import { withParseReason } from '../prefilter/parseLedger';
import type { ProjectContext } from '../project';
import { collectAiDataFiles } from './aiDataFiles';
import type { CodeSite } from './codeImports';
import { collectCodePrompts } from './codePrompts';
import { serviceRef } from './components';
import { collectEvalDataFiles } from './evalDataFiles';
import { collectCodeMcpServers } from './mcpCode';
import { collectCodeModels } from './models';
import { collectWrapperCallModels, modelWrapperDefinitions } from './modelWrappers';
import { promptTemplateObjects } from './templateObjects';
import type { ModelWrapperFact, PartialComponent } from './types';

/**
 * Models a notebook loads with an id bound in another cell: `model_name = "bigscience/bloomz-560m"`
 * in one cell, `AutoModelForCausalLM.from_pretrained(model_name)` in a later one, or a client
 * (`InferenceClient(model=repo_id)`) whose import is in the first cell. A notebook runs as one
 * module, so its code cells are read as one: the same call decisions as for a script, with the
 * imports and bindings of every cell in view. Shell and magic lines (`!pip …`, `%time`) are blanked
 * (same length, so positions hold). Each call keeps the line of the `.ipynb` it is written at.
 * MCP server maps given in a later cell (`mcp_servers=git_mcp`) are read the same way, and, when a
 * cell not read as AI may write or send one (`prompts`), the prompts of code. Helpers defined in one
 * cell and called with a model id in another are wrapper facts of the notebook (`modelWrappers.ts`).
 */
export async function collectNotebookModels(
  path: string,
  cells: readonly NotebookCell[],
  project?: ProjectContext,
  mcp = false,
  prompts = false,
  wrappers: ModelWrapperFact[] = [],
): Promise<PartialComponent[]> {
  const starts: number[] = [];
  let row = 0;
  const parts: string[] = [];
  for (const cell of cells) {
    starts.push(row);
    const text = cell.text.replace(MAGIC_LINE, (line) => ' '.repeat(line.length));
    parts.push(text.endsWith('\n') ? text : `${text}\n`);
    row += parts[parts.length - 1].split('\n').length - 1;
  }
  const line = (at: number): number => {
    let index = starts.length - 1;
    while (index > 0 && starts[index] > at) index--;
    return cells[index].toFile({ line: at - starts[index], character: 0 }).line + 1;
  };
  const site: CodeSite = { path, line, project };
  // Cells rebind names (`repo_id` for one model, later for another): a call sees the latest binding.
  const text = parts.join('');
  const found = await withParseReason('ai-bom: notebook models', () =>
    withTree('python', text, (tree) => {
      const facts = new CodeFacts(tree, 'python', text, 'reaching');
      // A helper defined in one cell and called with a model id in another (`generate_embeddings(texts, "BAAI/…")`).
      wrappers.push(...modelWrapperDefinitions(path, facts));
      // The data files one cell reads are the AI task's when another cell imports the LLM SDK.
      return [
        ...collectCodeModels(site, facts).filter((component) => component.kind === 'model' || component.ref === HUB_SERVICE),
        ...collectWrapperCallModels(site, facts),
        // `mcp_servers=git_mcp` with the map written in an earlier cell.
        ...(mcp ? collectCodeMcpServers(site, facts) : []),
        ...collectAiDataFiles(site, facts),
        ...collectEvalDataFiles(site, facts, true),
        // `system=` of a call through a client made in another cell, a prompt function called from a later cell.
        ...(prompts ? [...collectCodePrompts(site, facts), ...promptTemplateObjects(site, facts)] : []),
      ];
    }),
  );
  // SDKs are the cells' imports' to list (they know the project's own modules); this pass adds models and data files.
  return found ?? [];
}

/** The Hub a loader downloads from, which the model pass lists beside a Hub model. */
const HUB_SERVICE = serviceRef('huggingface-hub');

/** IPython shell escapes and magics, which are not Python. */
const MAGIC_LINE = /^[ \t]*[!%].*$/gm;
