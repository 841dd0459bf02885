import { dottedText, type PyCall, type PythonModule, positionalArgs, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';

/**
 * Helpers for Python rules that ask where a value comes from: a URL literal or a download from a
 * model hub / the network, found through simple assignments within the same function.
 * Deliberately shallow: no inter-procedural flow, no loops, a few hops at most.
 */

/** Where a value was found to come from. `node` is the URL literal or the download call. */
export interface ExternalSource {
  kind: 'url' | 'download';
  node: Node;
  /** The download function as written (`hf_hub_download`), or the URL literal's scheme. */
  label: string;
}

/** Conventional import aliases, used when a notebook cell relies on an import made in another cell. */
const CONVENTIONAL_ALIASES: Record<string, string> = { np: 'numpy', pd: 'pandas', tf: 'tensorflow' };

/** The call's qualified callee, also resolving `np.`/`pd.`/`tf.` when they are not imported here. */
export function qualifiedCallee(call: PyCall): string {
  if (call.imported) return call.callee;
  const dot = call.callee.indexOf('.');
  const head = dot < 0 ? call.callee : call.callee.slice(0, dot);
  const target = CONVENTIONAL_ALIASES[head];
  return target ? target + call.callee.slice(head.length) : call.callee;
}

/** Remote URLs a loader may fetch from (fsspec schemes included, `file://` is local). */
const URL_PATTERN = /^(https?|ftp|s3|gs|gcs|hf|az|abfss?):\/\//i;

/** Functions (by their last name segment) that download from a hub or the network and return a path or stream. */
const DOWNLOAD_FUNCTIONS = new Set([
  'hf_hub_download',
  'snapshot_download',
  'cached_download',
  'hf_hub_url',
  'urlretrieve',
  'urlopen',
  'download_url_to_file',
]);

/** HTTP client calls whose response body (`.content`, `.text`, `.raw`) is remote data. */
const HTTP_GETS = new Set(['requests.get', 'requests.post', 'requests.request', 'httpx.get', 'httpx.post', 'httpx.request']);

/** Calls that wrap a path or stream without changing where the data comes from; the first argument is followed. */
const WRAPPERS = new Set([
  'open',
  'io.open',
  'io.BytesIO',
  'gzip.open',
  'bz2.open',
  'lzma.open',
  'pathlib.Path',
  'Path',
  'os.path.join',
  'str',
  'os.fspath',
]);

/** Methods of a path or stream that keep its origin (`Path(p).open("rb")`, `urlopen(u).read()`). */
const PASS_THROUGH_METHODS = new Set(['open', 'read', 'read_bytes', 'read_text', 'resolve', 'absolute', 'expanduser']);

const RESPONSE_BODIES = new Set(['content', 'text', 'raw']);

const MAX_HOPS = 4;

/**
 * Whether `node` (usually a loader's path argument) is a remote URL literal or comes from a hub
 * download: directly, through a wrapper like `open(...)`, or through a variable assigned in the
 * same function before the use.
 */
export function externalSource(module: PythonModule, node: Node, hops = 0): ExternalSource | undefined {
  if (hops > MAX_HOPS) return undefined;
  switch (node.type) {
    case 'string':
      return stringSource(module, node, hops);
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((child) => child?.type !== 'comment');
      return inner ? externalSource(module, inner, hops) : undefined;
    }
    case 'binary_operator': {
      // `Path(dir) / "model.pkl"` and `base_url + "model.pkl"`: the left side says where it lives.
      const left = node.childForFieldName('left');
      return left ? externalSource(module, left, hops) : undefined;
    }
    case 'attribute': {
      const attribute = node.childForFieldName('attribute')?.text;
      const object = node.childForFieldName('object');
      if (!object || !attribute || !RESPONSE_BODIES.has(attribute)) return undefined;
      return externalSource(module, object, hops);
    }
    case 'call':
      return callSource(module, node, hops);
    case 'identifier':
      return identifierSource(module, node, hops);
    default:
      return undefined;
  }
}

function stringSource(module: PythonModule, node: Node, hops: number): ExternalSource | undefined {
  // A bytes literal is data, never a location.
  if (/b/i.test(node.firstChild?.text ?? '')) return undefined;
  const plain = stringValue(node);
  if (plain !== undefined) return URL_PATTERN.test(plain) ? { kind: 'url', node, label: plain.split(':')[0] } : undefined;
  // An f-string: a literal URL prefix, or a leading `{directory}` that is itself a download.
  const first = node.namedChildren.find((child) => child?.type !== 'string_start');
  if (!first) return undefined;
  if (first.type === 'string_content') {
    return URL_PATTERN.test(first.text) ? { kind: 'url', node, label: first.text.split(':')[0] } : undefined;
  }
  const expression = first.type === 'interpolation' ? first.childForFieldName('expression') : null;
  return expression ? externalSource(module, expression, hops + 1) : undefined;
}

function callSource(module: PythonModule, node: Node, hops: number): ExternalSource | undefined {
  const fn = node.childForFieldName('function');
  if (!fn) return undefined;
  const call = module.calls().find((candidate) => candidate.node.id === node.id);
  const name = call ? qualifiedCallee(call) : (dottedText(fn) ?? '');
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (DOWNLOAD_FUNCTIONS.has(last) || HTTP_GETS.has(name)) return { kind: 'download', node, label: fn.text };
  if (call && WRAPPERS.has(name)) {
    const first = positionalArgs(call)[0];
    return first ? externalSource(module, first.value, hops + 1) : undefined;
  }
  if (fn.type === 'attribute' && PASS_THROUGH_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) {
    const object = fn.childForFieldName('object');
    return object ? externalSource(module, object, hops + 1) : undefined;
  }
  return undefined;
}

function identifierSource(module: PythonModule, node: Node, hops: number): ExternalSource | undefined {
  const value = latestBinding(node);
  return value ? externalSource(module, value, hops + 1) : undefined;
}

/** The scope whose assignments can bind a name used at `node`: the enclosing function, else the module. */
function scopeOf(node: Node): Node {
  let current = node.parent;
  while (current) {
    if (current.type === 'function_definition') return current;
    if (!current.parent) return current;
    current = current.parent;
  }
  return node;
}

/**
 * The value most recently bound to `node`'s name before `node`, within the same scope:
 * `x = value`, `a, x = v1, v2`, `x := value` and `with value as x`.
 */
function latestBinding(node: Node): Node | undefined {
  const name = node.text;
  const scope = scopeOf(node);
  let best: { at: number; value: Node } | undefined;
  const candidates = scope.descendantsOfType(['assignment', 'named_expression', 'as_pattern']);
  for (const candidate of candidates) {
    if (!candidate || candidate.endIndex > node.startIndex || scopeOf(candidate).id !== scope.id) continue;
    const value = boundValue(candidate, name);
    if (value && (!best || candidate.startIndex > best.at)) best = { at: candidate.startIndex, value };
  }
  return best?.value;
}

function boundValue(binding: Node, name: string): Node | undefined {
  if (binding.type === 'named_expression') {
    return binding.childForFieldName('name')?.text === name ? (binding.childForFieldName('value') ?? undefined) : undefined;
  }
  if (binding.type === 'as_pattern') {
    const target = binding.childForFieldName('alias');
    const bound = target?.namedChildren[0];
    const identifier = bound?.type === 'parenthesized_expression' ? bound.namedChildren[0] : bound;
    if (identifier?.type !== 'identifier' || identifier.text !== name) return undefined;
    return binding.namedChildren[0] ?? undefined;
  }
  const left = binding.childForFieldName('left');
  let right = binding.childForFieldName('right');
  // `a = b = value`: the innermost right-hand side is the value.
  while (right?.type === 'assignment') right = right.childForFieldName('right');
  if (!left || !right) return undefined;
  if (left.type === 'identifier') return left.text === name ? right : undefined;
  if (left.type !== 'pattern_list' && left.type !== 'tuple_pattern' && left.type !== 'list_pattern') return undefined;
  const targets = left.namedChildren.filter((child): child is Node => child !== null);
  const index = targets.findIndex((target) => target.type === 'identifier' && target.text === name);
  if (index < 0) return undefined;
  const values = right.type === 'expression_list' || right.type === 'tuple' ? right.namedChildren.filter((child) => child !== null) : [];
  // `path, _ = urlretrieve(url)`: the whole right side is the source.
  return values.length === targets.length ? (values[index] ?? undefined) : right;
}
