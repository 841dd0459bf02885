import { descendantsOf } from '../parse/nodeIndex';
import { keywordArg, type PyCall, type PythonModule, positionalArgs, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';

/**
 * Defaults of a script's settings: argparse `add_argument("--output_dir", default=…)`, click
 * `option`/`argument`, typer `Option`/`Argument`, and annotated fields of argument classes
 * (`dataset_name: str = field(default=…)` in a dataclass, `Field(…)` in pydantic). Training scripts
 * name their datasets, models and output folders there rather than in the calls that use them.
 */
export interface ScriptDefault {
  /** The setting's name as Python sees it: `--dataset-name` → `dataset_name`. */
  name: string;
  /** The default's expression (resolve it with the facts' values), when there is one. */
  value: Node | undefined;
  /** 0-based row of the option call or the field. */
  row: number;
  /** The values an option allows (argparse `choices=[…]`, click `type=click.Choice([…])`), as written. */
  choices?: Node[];
}

/** The script's settings with their defaults, read once per module (four collectors and a rule ask). */
export function scriptDefaults(module: PythonModule): ScriptDefault[] {
  let defaults = known.get(module);
  if (!defaults) {
    defaults = [...optionDefaults(module), ...fieldDefaults(module)];
    known.set(module, defaults);
  }
  return defaults;
}

const known = new WeakMap<PythonModule, ScriptDefault[]>();

const OPTION_CALLS = /(?:^|\.)add_argument$|^click\.(?:option|argument)$|^typer\.(?:Option|Argument)$/;

function optionDefaults(module: PythonModule): ScriptDefault[] {
  const defaults: ScriptDefault[] = [];
  for (const call of module.calls()) {
    if (!OPTION_CALLS.test(call.callee)) continue;
    const name = optionName(call);
    // typer takes the default first (`typer.Option("org/name", "--dataset")`).
    const typer = call.callee.startsWith('typer.');
    const value = keywordArg(call, 'default')?.value ?? (typer ? positionalArgs(call)[0]?.value : undefined);
    const choices = optionChoices(module, call);
    if (name) defaults.push({ name, value, row: call.node.startPosition.row, ...(choices ? { choices } : {}) });
  }
  return defaults;
}

/** The items of `choices=[…]` (argparse) or of `type=click.Choice([…])`, when written as a list or tuple. */
function optionChoices(module: PythonModule, call: PyCall): Node[] | undefined {
  const type = keywordArg(call, 'type')?.value;
  const choice = type && module.callAt(type);
  const list = keywordArg(call, 'choices')?.value ?? (choice?.callee.endsWith('Choice') ? positionalArgs(choice)[0]?.value : undefined);
  if (list?.type !== 'list' && list?.type !== 'tuple') return undefined;
  return list.namedChildren.filter((item): item is Node => item?.type === 'string');
}

/** `dest=`, else the long flag (`--dataset_name`), else the one name given (`"dataset"`, `"-d"`). */
function optionName(call: PyCall): string | undefined {
  const dest = keywordArg(call, 'dest')?.value;
  const written = positionalArgs(call).flatMap((arg) => {
    const text = stringValue(arg.value);
    return text !== undefined ? [text] : [];
  });
  const chosen =
    (dest && stringValue(dest)) ?? written.find((flag) => flag.startsWith('--')) ?? written.find((flag) => !flag.startsWith('-'));
  return chosen?.replace(/^-+/, '').replace(/-/g, '_');
}

function fieldDefaults(module: PythonModule): ScriptDefault[] {
  const defaults: ScriptDefault[] = [];
  for (const assignment of descendantsOf(module.root, 'assignment', 'python')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || !right || left?.type !== 'identifier' || !assignment.childForFieldName('type')) continue;
    // A class body's annotated assignment: `name: str = …` directly under `class …:` (asked last:
    // each `parent` is a search from the root in tree-sitter).
    if (assignment.parent?.parent?.parent?.type !== 'class_definition') continue;
    defaults.push({ name: left.text, value: fieldValue(module, right), row: assignment.startPosition.row });
  }
  return defaults;
}

/** `"x"`, `field(default="x")`, `Field("x")` / `Field(default="x")`; other calls (`field(default_factory=…)`) have none. */
function fieldValue(module: PythonModule, right: Node): Node | undefined {
  const call = module.callAt(right);
  if (!call) return right;
  const method = call.callee.slice(call.callee.lastIndexOf('.') + 1);
  if (method === 'field') return keywordArg(call, 'default')?.value;
  if (method === 'Field') return keywordArg(call, 'default')?.value ?? positionalArgs(call)[0]?.value;
  return undefined;
}

/** What `namedStringAssignments` reads of a file's facts. */
interface AssignmentFacts {
  packages: { packages: readonly unknown[] };
  python: PythonModule;
}

/**
 * Plain variables and parameter defaults bound to a string in a module that imports AI (`dataset_id =
 * "org/name"`, `GROOT_BASE_MODEL = "nvidia/GR00T-N1.7-3B"`, `def load(model_name="org/name")`): scripts
 * and libraries name what they load in a variable first. Annotated class fields are `scriptDefaults`'.
 */
export function namedStringAssignments(facts: AssignmentFacts): NamedString[] {
  if (facts.packages.packages.length === 0) return [];
  // Read once per module: the model and the dataset collectors both ask.
  let found = stringBindings.get(facts.python);
  if (!found) {
    found = namedStringsOf(facts.python.root);
    stringBindings.set(facts.python, found);
  }
  return found;
}

interface NamedString {
  name: string;
  value: Node;
}

const stringBindings = new WeakMap<PythonModule, NamedString[]>();

function namedStringsOf(root: Node): NamedString[] {
  const found: NamedString[] = [];
  for (const assignment of descendantsOf(root, 'assignment', 'python')) {
    const left = assignment?.childForFieldName('left');
    const right = assignment?.childForFieldName('right');
    if (!assignment || left?.type !== 'identifier' || right?.type !== 'string' || assignment.childForFieldName('type')) continue;
    found.push({ name: left.text, value: right });
  }
  // A function's default (`def from_pretrained(model_name = "unsloth/Llama-3.2-1B-Instruct", …)`): what it loads when called bare.
  for (const parameter of descendantsOf(root, ['default_parameter', 'typed_default_parameter'], 'python')) {
    const name = parameter?.childForFieldName('name');
    const value = parameter?.childForFieldName('value');
    if (name?.type === 'identifier' && value?.type === 'string') found.push({ name: name.text, value });
  }
  return found;
}
