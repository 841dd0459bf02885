import { keywordArg, type PythonModule, positionalArgs, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import { type ProjectContext, workspaceFolderTest } from '../project';
import type { CodeFacts } from './index';
import { scriptDefaults } from './scriptDefaults';

/**
 * The one decision "is this string a Hub repository id?", shared by AIP105, AIP101's wording and
 * the AI-BOM's model and dataset collectors, so a finding and the inventory never disagree.
 *
 * - `placeholder`: documentation text left in code (`"path-to-your-trained-model"`, `"your-model-id"`,
 *   `"<model>"`, `"..."`, `"username/repo"`); it names nothing.
 * - `local`: a folder or file on disk: `./`, `../`, `/`, `~`, Windows paths, more than one `/`, a file
 *   name, a folder the same file writes (`save_pretrained("out")`, `output_dir="out"`), or one whose
 *   first segment is a folder of the workspace (`outputs/merged` when the workspace has `outputs/`).
 * - `hub`: `name` or `namespace/name` with none of the above.
 * - `other`: not shaped like either (spaces, URLs, empty).
 */
export type HubIdKind = 'hub' | 'local' | 'placeholder' | 'other';

/** What the workspace says about local folders; every part is optional. */
export interface HubIdEvidence {
  /** Paths the same file writes a model or dataset to (see `savedPaths`), without trailing `/`. */
  saved?: ReadonlySet<string>;
  /** True when `name` is a folder at the workspace root (from the project context). */
  isWorkspaceFolder?: (name: string) => boolean;
}

/** A lower-case snake_case name (`unet`, `image_encoder`, `text_encoder_2`), as repositories name their subfolders. */
const SUBFOLDER_NAME = /^[a-z]+(?:_[a-z0-9]+)*$/;

/** `name` or `namespace/name` (letters, digits, `-`, `_`, `.`), as the Hub allows. */
const HUB_ID = /^(?:[A-Za-z0-9][\w.-]*\/)?[A-Za-z0-9][\w.-]*$/;
/** Ids ending like a file are local files (`from_pretrained("config.json")`, `load_dataset("train.csv")`). */
const FILE_NAME =
  /\.(?:json|jsonl|ya?ml|csv|tsv|txt|parquet|arrow|bin|pt|pth|safetensors|gguf|onnx|pkl|pickle|ckpt|h5|keras|zip|tar|gz|model|npy|npz)$/i;
/** Words documentation uses for "put yours here". */
const PLACEHOLDER_WORDS =
  /(?:^|[^a-z])(?:your|yours|path[-_ /]?to|replace[-_ ]?(?:me|with)|change[-_ ]?me|insert|todo|fixme|xxx+|placeholder|dummy[-_]path)(?:[^a-z]|$)/i;
/** Whole ids that stand for "some model" or none (`model`, `model_id`, `org/model`, `username/repo`, `user/sarm_model`, `...`, `N/A`). */
const PLACEHOLDER_IDS =
  /^(?:\.{2,}|…|n\/a|model|model[-_ ]?(?:id|name|path|repo)|repo[-_ ]?(?:id|name)|(?:user|username|user[-_]name|hf[-_]?(?:user|username))\/[\w.-]+|[\w.-]+\/(?:model|repo)[-_]?(?:id|name))$/i;

export function hubIdKind(id: string, evidence: HubIdEvidence = {}): HubIdKind {
  const trimmed = id.trim();
  if (trimmed === '') return 'other';
  if (isPlaceholder(trimmed)) return 'placeholder';
  if (isLocalPath(trimmed, evidence)) return 'local';
  if (!HUB_ID.test(trimmed) || trimmed.includes('..') || trimmed.includes('--')) return 'other';
  return 'hub';
}

function isPlaceholder(id: string): boolean {
  return /[<>{}[\]]/.test(id) || PLACEHOLDER_WORDS.test(id) || PLACEHOLDER_IDS.test(id);
}

function isLocalPath(id: string, evidence: HubIdEvidence): boolean {
  if (/^(?:\.{1,2}(?:[/\\]|$)|[/\\~]|[A-Za-z]:[/\\])/.test(id) || id.includes('\\')) return true;
  const segments = id.replace(/\/+$/, '').split('/');
  if (segments.length > 2 || FILE_NAME.test(id)) return true;
  if (evidence.saved?.has(id.replace(/\/+$/, ''))) return true;
  const first = segments[0] ?? '';
  return evidence.isWorkspaceFolder?.(first) === true;
}

/** Calls that write a local model or dataset folder; an id written there is a local path. */
const SAVE_METHODS = new Set(['save_pretrained', 'save_model', 'save_to_disk', 'save']);
const SAVE_KEYWORDS = ['save_directory', 'output_dir', 'local_dir', 'dataset_path'];
/** Script settings that name where the script writes (`--output_dir`, `save_dir: str = "ckpt/run1"`). */
const SAVE_SETTINGS = new Set([
  ...SAVE_KEYWORDS,
  'output_path',
  'save_dir',
  'save_path',
  'checkpoint_dir',
  'merged_dir',
  'merged_model_path',
]);

/** True for a setting or config key naming where a model or dataset is written (`output_dir`, `save_dir`). */
export function isSaveSetting(name: string): boolean {
  return SAVE_SETTINGS.has(name);
}

/**
 * String literals the module writes a model or dataset to: `save_pretrained("out")`,
 * `output_dir="out"`, and the defaults of the script's output settings
 * (`add_argument("--output_dir", default="out")`, `output_dir: str = field(default="out")`).
 */
export function savedPaths(module: PythonModule, resolve: (node: Node) => string | undefined = stringValue): Set<string> {
  const paths = new Set<string>();
  const add = (node: Node | undefined): void => {
    const value = node ? resolve(node) : undefined;
    if (value) paths.add(value.replace(/\/+$/, ''));
  };
  for (const call of module.calls()) {
    const last = call.callee.slice(call.callee.lastIndexOf('.') + 1);
    if (SAVE_METHODS.has(last)) add(positionalArgs(call)[0]?.value);
    for (const name of SAVE_KEYWORDS) add(keywordArg(call, name)?.value);
  }
  for (const setting of scriptDefaults(module)) if (SAVE_SETTINGS.has(setting.name)) add(setting.value);
  return paths;
}

/** The evidence one file and its project give: what the file saves (lazily) and the workspace's root folders. */
export function hubIdEvidence(facts: CodeFacts, project?: ProjectContext): HubIdEvidence {
  let saved: Set<string> | undefined;
  const evidence: HubIdEvidence = {
    get saved() {
      saved ??= facts.language === 'python' ? savedPaths(facts.python, (node) => facts.valueOf(node)) : new Set<string>();
      return saved;
    },
  };
  if (project && project.rootFolders.length > 0) evidence.isWorkspaceFolder = workspaceFolderTest(project);
  return evidence;
}

/**
 * A one-segment, identifier-like name that only a parameter's default supplies
 * (`image_encoder_path="image_encoder"` in a library loader) is a folder inside the repository the
 * caller passes, not a Hub id. Hub names of one segment read otherwise (`all-MiniLM-L6-v2`, `gpt2`).
 * AIP105 and the AI-BOM's model collector both leave it out.
 */
export function isSubfolderDefault(facts: CodeFacts, value: Node, id: string): boolean {
  if (!SUBFOLDER_NAME.test(id)) return false;
  const sources = facts.flow.sources(value);
  return sources.length > 0 && sources.every((source) => source.binding === 'parameter default');
}
