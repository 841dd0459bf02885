import type { CodeFacts } from '../facts';
import { fileDownloadMethods } from '../facts/loaders';
import { qualifiedCallee } from '../facts/python';
import { dottedText, positionalArgs, stringValue } from '../parse/python';
import type { Node } from '../parse/treeSitter';

/**
 * What Python rules count as an external source of data: a URL literal or a download from a
 * model hub / the network. The walk itself (assignments, parameters, hop limit) is the facts'
 * flow engine; this module only says which expressions are sources and which pass data on.
 */

/** Where a value was found to come from. `node` is the URL literal or the download call. */
export interface ExternalSource {
  kind: 'url' | 'download';
  node: Node;
  /** The download function as written (`hf_hub_download`), or the URL literal's scheme. */
  label: string;
}

/** Remote URLs a loader may fetch from (fsspec schemes included, `file://` is local). */
const URL_PATTERN = /^(https?|ftp|s3|gs|gcs|hf|az|abfss?):\/\//i;

/**
 * Functions (by their last name segment) that download from a hub or the network and return a path
 * or stream: the catalogue's file downloaders, and the older or generic ones.
 */
const DOWNLOAD_FUNCTIONS = new Set([
  ...fileDownloadMethods(),
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

/**
 * Whether `node` (usually a loader's path argument) is a remote URL literal or comes from a hub
 * download: directly, through a wrapper like `open(...)`, or through variables bound before the use
 * (the facts' flow engine follows those, with its one hop limit).
 */
export function externalSource(facts: CodeFacts, node: Node): ExternalSource | undefined {
  return facts.flow.origin<ExternalSource>(node, (current, next) => {
    switch (current.type) {
      case 'string':
        return stringSource(current, next);
      case 'binary_operator': {
        // `Path(dir) / "model.pkl"` and `base_url + "model.pkl"`: the left side says where it lives.
        const left = current.childForFieldName('left');
        return left ? next(left) : undefined;
      }
      case 'attribute': {
        const attribute = current.childForFieldName('attribute')?.text;
        const object = current.childForFieldName('object');
        return object && attribute && RESPONSE_BODIES.has(attribute) ? next(object) : undefined;
      }
      case 'call':
        return callSource(facts, current, next);
      default:
        return undefined;
    }
  });
}

type Next = (node: Node) => ExternalSource | undefined;

function stringSource(node: Node, next: Next): ExternalSource | undefined {
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
  return expression ? next(expression) : undefined;
}

function callSource(facts: CodeFacts, node: Node, next: Next): ExternalSource | undefined {
  const fn = node.childForFieldName('function');
  if (!fn) return undefined;
  const call = facts.python.callAt(node);
  const name = call ? qualifiedCallee(call) : (dottedText(fn) ?? '');
  const last = name.slice(name.lastIndexOf('.') + 1);
  if (DOWNLOAD_FUNCTIONS.has(last) || HTTP_GETS.has(name)) return { kind: 'download', node, label: fn.text };
  if (call && WRAPPERS.has(name)) {
    const first = positionalArgs(call)[0];
    return first ? next(first.value) : undefined;
  }
  if (fn.type === 'attribute' && PASS_THROUGH_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) {
    const object = fn.childForFieldName('object');
    return object ? next(object) : undefined;
  }
  return undefined;
}
