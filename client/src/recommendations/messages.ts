/**
 * The messages between the Recommendations webview and the extension. The webview is a web page:
 * whatever it posts is checked here against a small schema per message type before the extension
 * acts on it, and anything unknown or malformed is refused with a reason the extension logs.
 * No `vscode` import, so mocha tests it and the webview bundle shares the types.
 */
import type { RecommendationsResult } from '../../../server/src/shared/protocol';
import { isAllowedLink, isRecord, type ViewState } from './model';

export interface PlaceRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Webview → extension. */
export type WebviewMessage =
  /** The page has loaded and wants data. */
  | { type: 'ready' }
  | { type: 'saveState'; state: unknown }
  | { type: 'refresh' }
  | { type: 'openPlace'; uri: string; range: PlaceRange }
  | { type: 'openLink'; url: string }
  | { type: 'fixAll'; ruleId: string }
  /** Ignore the rule for the whole folder, or for one place's file when `place` is given. */
  | { type: 'ignore'; ruleId: string; place?: { uri: string; path: string } };

/** Extension → webview. */
export type HostMessage =
  | { type: 'recommendations'; result: RecommendationsResult }
  | { type: 'status'; status: 'starting' | 'stopped' | 'error'; message: string }
  | { type: 'busy'; ruleId: string; busy: boolean }
  | { type: 'filter'; text: string }
  | { type: 'restoreState'; state: ViewState };

export type Parsed = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

const MAX_URI_LENGTH = 8_192;
const URI_SCHEMES = ['file:', 'untitled:', 'vscode-notebook-cell:'];
const RULE_ID = /^AIP\d{3}$/;

type Check = (value: Record<string, unknown>) => string | undefined;

/** Per type: the fields it may have and what each must look like (undefined when fine). */
const SCHEMAS: Record<WebviewMessage['type'], { fields: string[]; check: Check }> = {
  ready: { fields: [], check: () => undefined },
  // The state is re-checked field by field by `restoreState` before it is stored.
  saveState: {
    fields: ['state'],
    check: (value) =>
      typeof value.state === 'object' && value.state !== null && JSON.stringify(value.state).length <= 16_384
        ? undefined
        : 'state must be a small object',
  },
  refresh: { fields: [], check: () => undefined },
  openPlace: { fields: ['uri', 'range'], check: (value) => checkUri(value.uri) ?? checkRange(value.range) },
  openLink: {
    fields: ['url'],
    check: (value) =>
      typeof value.url === 'string' && value.url.length <= 2_048 && isAllowedLink(value.url) ? undefined : 'url is not an allowed link',
  },
  fixAll: { fields: ['ruleId'], check: (value) => checkRuleId(value.ruleId) },
  ignore: {
    fields: ['ruleId', 'place'],
    check: (value) => checkRuleId(value.ruleId) ?? (value.place === undefined ? undefined : checkPlace(value.place)),
  },
};

export function parseWebviewMessage(value: unknown): Parsed {
  if (!isRecord(value)) return { ok: false, reason: 'not an object' };
  const type = value.type;
  if (typeof type !== 'string' || !Object.hasOwn(SCHEMAS, type)) return { ok: false, reason: `unknown type ${JSON.stringify(type)}` };
  const schema = SCHEMAS[type as WebviewMessage['type']];
  const extra = Object.keys(value).filter((key) => key !== 'type' && !schema.fields.includes(key));
  if (extra.length > 0) return { ok: false, reason: `${type}: unexpected ${extra.join(', ')}` };
  const problem = schema.check(value);
  if (problem) return { ok: false, reason: `${type}: ${problem}` };
  return { ok: true, message: value as WebviewMessage };
}

function checkRuleId(value: unknown): string | undefined {
  return typeof value === 'string' && RULE_ID.test(value) ? undefined : 'ruleId must look like AIP102';
}

function checkUri(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_URI_LENGTH) return 'uri must be a string';
  return URI_SCHEMES.some((scheme) => value.startsWith(scheme)) ? undefined : 'uri has an unexpected scheme';
}

function checkPlace(value: unknown): string | undefined {
  if (!isRecord(value)) return 'place must be an object';
  const extra = Object.keys(value).filter((key) => key !== 'uri' && key !== 'path');
  if (extra.length > 0) return `place: unexpected ${extra.join(', ')}`;
  if (typeof value.path !== 'string' || value.path.length === 0 || value.path.length > MAX_URI_LENGTH) return 'place.path must be a path';
  return checkUri(value.uri);
}

function checkRange(value: unknown): string | undefined {
  if (!isRecord(value) || !isPosition(value.start) || !isPosition(value.end)) return 'range must have a start and an end position';
  if (Object.keys(value).length !== 2) return 'range: unexpected fields';
  const { start, end } = value as unknown as PlaceRange;
  const ordered = start.line < end.line || (start.line === end.line && start.character <= end.character);
  return ordered ? undefined : 'range ends before it starts';
}

function isPosition(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length === 2 && isIndex(value.line) && isIndex(value.character);
}

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
