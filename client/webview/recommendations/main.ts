/**
 * The Recommendations webview: the posture score, sort and filter controls, and one card per rule
 * with open findings (what it is, how to fix it, references, the affected places and actions).
 * Bundled by esbuild into `client/out/webview/recommendations.js` (browser, IIFE). It renders what
 * the extension sends and posts the user's actions back; it never opens anything itself. Text from
 * the server is only ever set as text, never parsed as HTML.
 */
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './recommendations.css';
import type { Recommendation, RecommendationPlace, RecommendationsResult } from '../../../server/src/shared/protocol';
import type { HostMessage, WebviewMessage } from '../../src/recommendations/messages';
import {
  FAMILIES,
  type Filters,
  groupByPolicy,
  NO_FILTERS,
  placeLabel,
  pluralize,
  postureScore,
  restoreState,
  ruleLinks,
  SEVERITIES,
  type Severity,
  SORT_KEYS,
  SORT_LABELS,
  type SortKey,
  scoreExplanation,
  type ViewState,
  visibleRecommendations,
} from '../../src/recommendations/model';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
/** Places shown per card before "Show all". */
const PLACES_SHOWN = 50;
/** Above this many places the last answer is not kept in the state (it is asked for again anyway). */
const MAX_STORED_PLACES = 2_000;

const SEVERITY_LABELS: Record<Severity, string> = { error: 'Error', warning: 'Warning', information: 'Information', hint: 'Hint' };
const SEVERITY_ICONS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'lightbulb' };

let state: ViewState = restoreState(vscode.getState());
let status: Extract<HostMessage, { type: 'status' }> | undefined;
const busy = new Set<string>();
/** Cards whose places are all shown; not kept across reloads. */
const showingAll = new Set<string>();

const root = document.getElementById('root') as HTMLElement;
const scoreSection = el('section', { className: 'score', 'aria-label': 'Posture score' });
const banner = el('div', { className: 'banner', role: 'status' });
const controls = buildControls();
const summary = el('p', { className: 'summary', role: 'status', 'aria-live': 'polite' });
const list = el('div', { className: 'list', role: 'list', 'aria-label': 'Recommendations' });
const healthy = el('section', { className: 'healthy', 'aria-label': 'Healthy rules' });
root.replaceChildren(scoreSection, banner, controls.section, summary, list, healthy);

window.addEventListener('message', (event: MessageEvent) => receive(event.data as HostMessage));
// Links are opened by the extension: the webview itself never navigates.
for (const type of ['click', 'auxclick']) {
  document.addEventListener(
    type,
    (event) => {
      const anchor = (event.target as Element | null)?.closest?.('a[data-url]');
      if (!anchor) return;
      event.preventDefault();
      event.stopPropagation();
      if (type === 'click' || (event as MouseEvent).button === 1) post({ type: 'openLink', url: anchor.getAttribute('data-url') ?? '' });
    },
    true,
  );
}

render();
post({ type: 'ready' });

function receive(message: HostMessage): void {
  if (message?.type === 'recommendations') {
    state = { ...state, result: message.result };
    status = undefined;
    busy.clear();
    save();
  } else if (message?.type === 'status') {
    status = message;
  } else if (message?.type === 'restoreState') {
    const { sort, filters, expanded } = message.state;
    state = { ...state, sort, filters, expanded };
    vscode.setState(state);
  } else if (message?.type === 'filter') {
    state = { ...state, filters: { ...state.filters, text: message.text } };
    save();
  } else if (message?.type === 'busy') {
    if (message.busy) busy.add(message.ruleId);
    else busy.delete(message.ruleId);
  } else {
    return;
  }
  render();
}

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function save(): void {
  const places = state.result?.recommendations.reduce((sum, recommendation) => sum + recommendation.places.length, 0) ?? 0;
  vscode.setState(places > MAX_STORED_PLACES ? { ...state, result: undefined } : state);
  post({ type: 'saveState', state: { sort: state.sort, filters: state.filters, expanded: state.expanded } });
}

function update(change: Partial<ViewState>): void {
  state = { ...state, ...change };
  save();
  render();
}

/** Re-renders everything but the controls, keeping keyboard focus on the same action. */
function render(): void {
  // Only while the view has focus: a refresh must never pull focus out of the editor.
  const focusKey = document.hasFocus()
    ? (document.activeElement as HTMLElement | null)?.closest?.<HTMLElement>('[data-focus-key]')?.dataset.focusKey
    : undefined;
  const result = state.result;
  root.setAttribute('aria-busy', String(!result && !status));
  renderBanner(result);
  renderScore(result);
  controls.sync(state);
  renderList(result);
  renderHealthy(result);
  if (focusKey) restoreFocus(focusKey);
}

/** The same action again, or the card it was on when the action is gone (say, Fix all once nothing is left to fix). */
function restoreFocus(focusKey: string): void {
  const card = /^[\w-]+:(AIP\d{3})\b/.exec(focusKey)?.[1];
  const keys = card ? [focusKey, `toggle:${card}`] : [focusKey];
  for (const key of keys) {
    const target = root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    if (target) {
      target.focus();
      return;
    }
  }
}

function renderBanner(result: RecommendationsResult | undefined): void {
  let text = '';
  if (status) text = status.message;
  else if (!result) text = 'Loading recommendations…';
  else if (!result.complete) text = 'Scanning the workspace: the list may still grow.';
  banner.hidden = text === '';
  banner.className = `banner ${status?.status === 'error' || status?.status === 'stopped' ? 'banner-problem' : ''}`;
  banner.replaceChildren();
  if (!text) return;
  banner.append(el('span', { text }));
  if (status) banner.append(button('Retry', 'refresh', 'banner:retry', () => post({ type: 'refresh' }), { secondary: true }));
}

function renderScore(result: RecommendationsResult | undefined): void {
  scoreSection.replaceChildren();
  if (!result) return;
  const score = postureScore(result);
  const tone = score.percent >= 80 ? 'good' : score.percent >= 50 ? 'fair' : 'poor';
  const bar = el('div', {
    className: 'score-bar',
    role: 'meter',
    'aria-label': 'Posture score',
    'aria-valuemin': '0',
    'aria-valuemax': '100',
    'aria-valuenow': String(score.percent),
    'aria-valuetext': `${score.percent}%`,
  });
  const fill = el('div', { className: `score-fill score-${tone}` });
  fill.style.width = `${score.percent}%`;
  bar.append(fill);
  scoreSection.append(
    el('div', { className: 'score-line' }, [
      el('h2', { className: 'score-title', text: 'Posture score' }),
      el('span', { className: `score-value score-text-${tone}`, text: `${score.percent}%`, 'data-testid': 'score' }),
    ]),
    bar,
    el('p', { className: 'score-explanation', text: scoreExplanation(score) }),
  );
}

function renderList(result: RecommendationsResult | undefined): void {
  list.replaceChildren();
  summary.textContent = '';
  if (!result) return;
  const all = result.recommendations;
  const shown = visibleRecommendations(all, state.sort, state.filters);
  const places = shown.reduce((sum, recommendation) => sum + recommendation.places.length, 0);
  if (all.length === 0) {
    summary.textContent = result.complete ? 'No open recommendations: nothing to fix.' : '';
    return;
  }
  summary.textContent =
    shown.length === all.length
      ? `${pluralize(all.length, 'recommendation')}, ${pluralize(places, 'affected place')}`
      : `${shown.length} of ${pluralize(all.length, 'recommendation')} shown, ${pluralize(places, 'affected place')}`;
  if (shown.length === 0) {
    list.append(
      el('div', { className: 'empty', role: 'listitem' }, [
        el('p', { text: 'No recommendation matches the filters.' }),
        button('Clear filters', 'clear-all', 'filters:clear', () => update({ filters: NO_FILTERS }), { secondary: true }),
      ]),
    );
    return;
  }
  const { policy, other } = groupByPolicy(shown);
  if (policy.length > 0) {
    // Policy violations are the team's own rules: they get their own group, ahead of the rest.
    list.append(el('h2', { className: 'group-title', role: 'listitem', text: `Policy violations (${policy.length})` }));
    for (const recommendation of policy) list.append(card(recommendation));
    if (other.length > 0) list.append(el('h2', { className: 'group-title', role: 'listitem', text: 'Other recommendations' }));
  }
  for (const recommendation of other) list.append(card(recommendation));
}

function card(recommendation: Recommendation): HTMLElement {
  const { ruleId, severity } = recommendation;
  const expanded = state.expanded.includes(ruleId);
  const bodyId = `body-${ruleId}`;
  const count = recommendation.places.length;
  const toggle = el(
    'button',
    {
      className: 'card-toggle',
      type: 'button',
      'aria-expanded': String(expanded),
      'aria-controls': bodyId,
      'aria-label': `${SEVERITY_LABELS[severity]}: ${recommendation.title} (${ruleId}), ${pluralize(count, 'affected place')}`,
      'data-focus-key': `toggle:${ruleId}`,
    },
    [
      el('span', { className: `codicon codicon-chevron-${expanded ? 'down' : 'right'} chevron`, 'aria-hidden': 'true' }),
      el('span', { className: 'card-heading' }, [
        el('span', { className: 'card-title', text: recommendation.title }),
        el('span', { className: 'card-meta' }, [severityBadge(severity), el('span', { className: 'rule-id', text: ruleId })]),
      ]),
      badge(count),
    ],
  );
  toggle.addEventListener('click', () => {
    const others = state.expanded.filter((id) => id !== ruleId);
    update({ expanded: expanded ? others : [...others, ruleId] });
  });
  const article = el('article', { className: `card card-${severity}`, role: 'listitem', 'data-rule': ruleId }, [
    el('h3', { className: 'card-header' }, [toggle]),
  ]);
  if (expanded) article.append(cardBody(recommendation, bodyId));
  return article;
}

function cardBody(recommendation: Recommendation, id: string): HTMLElement {
  const { ruleId } = recommendation;
  const body = el('div', { className: 'card-body', id });
  if (recommendation.explanation) body.append(el('p', { className: 'explanation' }, richText(recommendation.explanation)));
  if (recommendation.remediation) {
    body.append(el('h4', { text: 'Remediation' }), el('p', { className: 'remediation' }, richText(recommendation.remediation)));
  }
  const links = ruleLinks(recommendation);
  if (links.length > 0) {
    body.append(
      el('h4', { text: 'References' }),
      el(
        'ul',
        { className: 'links' },
        links.map((link, index) =>
          el('li', {}, [
            el('a', {
              href: link.url,
              'data-url': link.url,
              'data-focus-key': `link:${ruleId}:${index}`,
              title: link.url,
              text: link.label,
            }),
          ]),
        ),
      ),
    );
  }
  const count = recommendation.places.length;
  const shown = showingAll.has(ruleId) ? recommendation.places : recommendation.places.slice(0, PLACES_SHOWN);
  // The server lists test-code places last; they get their own heading so they do not drown the rest.
  const inTests = recommendation.places.filter((place) => place.testCode).length;
  const placeList = (from: number, to: number) =>
    el(
      'ul',
      { className: 'places' },
      shown.slice(from, to).map((place, index) => placeItem(recommendation, place, from + index)),
    );
  const firstTest = shown.findIndex((place) => place.testCode);
  const productEnd = firstTest < 0 ? shown.length : firstTest;
  if (inTests < count) body.append(el('h4', { text: `Affected places (${count - inTests})` }), placeList(0, productEnd));
  if (inTests > 0) body.append(el('h4', { text: `In test code (${inTests})` }), placeList(productEnd, shown.length));
  if (shown.length < count) {
    body.append(
      button(
        `Show all ${count} places`,
        'unfold',
        `more:${ruleId}`,
        () => {
          showingAll.add(ruleId);
          render();
        },
        { secondary: true },
      ),
    );
  }
  const fixable = recommendation.places.filter((place) => place.fixable).length;
  const actions = el('div', { className: 'actions' });
  if (recommendation.fixable) {
    const running = busy.has(ruleId);
    actions.append(
      button(
        running ? 'Fixing…' : `Fix all (${fixable})`,
        running ? 'loading' : 'lightbulb-autofix',
        `fix:${ruleId}`,
        () => post({ type: 'fixAll', ruleId }),
        {
          label: `Fix all ${pluralize(fixable, 'place')} of ${ruleId} that have a safe fix`,
          disabled: running,
          spin: running,
        },
      ),
    );
  }
  actions.append(
    button('Ignore…', 'eye-closed', `ignore:${ruleId}`, () => post({ type: 'ignore', ruleId }), {
      secondary: true,
      label: `Ignore ${ruleId} in the workspace…`,
    }),
  );
  body.append(actions);
  return body;
}

function placeItem(recommendation: Recommendation, place: RecommendationPlace, index: number): HTMLElement {
  const { ruleId } = recommendation;
  const label = placeLabel(place);
  const open = el(
    'button',
    {
      className: 'place',
      type: 'button',
      title: place.message,
      'aria-label': `Open ${label}: ${place.message}`,
      'data-focus-key': `place:${ruleId}:${index}`,
    },
    [
      el('span', { className: 'codicon codicon-go-to-file', 'aria-hidden': 'true' }),
      el('span', { className: 'place-text' }, [
        el('span', { className: 'place-path', text: label }),
        el('span', { className: 'place-message', text: place.message }),
      ]),
    ],
  );
  open.addEventListener('click', () => post({ type: 'openPlace', uri: place.uri, range: place.range }));
  const ignore = el('button', {
    className: 'icon-button',
    type: 'button',
    title: `Ignore ${ruleId} in ${place.path}…`,
    'aria-label': `Ignore ${ruleId} in ${place.path}…`,
    'data-focus-key': `ignore-place:${ruleId}:${index}`,
  });
  ignore.append(el('span', { className: 'codicon codicon-eye-closed', 'aria-hidden': 'true' }));
  ignore.addEventListener('click', () => post({ type: 'ignore', ruleId, place: { uri: place.uri, path: place.path } }));
  return el('li', { className: 'place-row' }, [open, ignore]);
}

function renderHealthy(result: RecommendationsResult | undefined): void {
  healthy.replaceChildren();
  if (!result || result.healthyRules.length === 0) return;
  const expanded = state.expanded.includes('healthy');
  const toggle = el(
    'button',
    {
      className: 'card-toggle healthy-toggle',
      type: 'button',
      'aria-expanded': String(expanded),
      'aria-controls': 'healthy-list',
      'data-focus-key': 'toggle:healthy',
    },
    [
      el('span', { className: `codicon codicon-chevron-${expanded ? 'down' : 'right'} chevron`, 'aria-hidden': 'true' }),
      el('span', { className: 'codicon codicon-pass healthy-icon', 'aria-hidden': 'true' }),
      el('span', { className: 'card-title', text: `Healthy rules (${result.healthyRules.length})` }),
    ],
  );
  toggle.addEventListener('click', () => {
    const others = state.expanded.filter((id) => id !== 'healthy');
    update({ expanded: expanded ? others : [...others, 'healthy'] });
  });
  healthy.append(el('h3', { className: 'card-header' }, [toggle]));
  if (!expanded) return;
  healthy.append(
    el(
      'ul',
      { className: 'healthy-list', id: 'healthy-list' },
      result.healthyRules.map((rule) =>
        el('li', {}, [
          el('span', { className: 'rule-id', text: rule.ruleId }),
          el('span', { text: rule.title }),
          severityBadge(rule.severity),
        ]),
      ),
    ),
  );
}

interface Controls {
  section: HTMLElement;
  sync(state: ViewState): void;
}

/** Built once: re-rendering them would take focus and the caret away from someone typing. */
function buildControls(): Controls {
  const text = document.createElement('vscode-textfield');
  text.className = 'filter-text';
  text.placeholder = 'Filter by rule, title, file or message';
  text.label = 'Filter recommendations';
  text.value = state.filters.text;
  const icon = el('vscode-icon', { name: 'filter', slot: 'content-before' });
  text.append(icon);
  text.addEventListener('input', () => update({ filters: { ...state.filters, text: text.value } }));
  const sort = select(
    'Sort by',
    SORT_KEYS.map((key) => [key, SORT_LABELS[key]]),
    (value) => update({ sort: value as SortKey }),
  );
  const severity = select(
    'Severity',
    [['all', 'All severities'], ...SEVERITIES.map((value): [string, string] => [value, SEVERITY_LABELS[value]])],
    (value) => update({ filters: { ...state.filters, severity: value as Filters['severity'] } }),
  );
  const family = select('Rule family', [['all', 'All families'], ...FAMILIES.map((value): [string, string] => [value, value])], (value) =>
    update({ filters: { ...state.filters, family: value } }),
  );
  const section = el('section', { className: 'controls', 'aria-label': 'Sort and filter' }, [
    text,
    el('div', { className: 'selects' }, [sort.wrapper, severity.wrapper, family.wrapper]),
  ]);
  return {
    section,
    sync(current) {
      if (text.value !== current.filters.text) text.value = current.filters.text;
      sort.set(current.sort);
      severity.set(current.filters.severity);
      family.set(current.filters.family);
    },
  };
}

function select(
  label: string,
  options: [string, string][],
  onChange: (value: string) => void,
): { wrapper: HTMLElement; set(value: string): void } {
  const element = document.createElement('vscode-single-select');
  element.label = label;
  for (const [value, text] of options) {
    const option = document.createElement('vscode-option');
    option.value = value;
    option.textContent = text;
    element.append(option);
  }
  element.addEventListener('change', () => onChange(element.value));
  const caption = el('span', { className: 'select-label', text: label, 'aria-hidden': 'true' });
  return {
    wrapper: el('label', { className: 'select' }, [caption, element]),
    set(value) {
      if (element.value !== value) element.value = value;
    },
  };
}

function severityBadge(severity: Severity): HTMLElement {
  return el('span', { className: `severity severity-${severity}` }, [
    el('span', { className: `codicon codicon-${SEVERITY_ICONS[severity]}`, 'aria-hidden': 'true' }),
    el('span', { text: SEVERITY_LABELS[severity] }),
  ]);
}

function badge(count: number): HTMLElement {
  const element = el('vscode-badge', { variant: 'counter', 'aria-hidden': 'true', className: 'count', text: String(count) });
  return element;
}

function button(
  text: string,
  icon: string,
  focusKey: string,
  onClick: () => void,
  options: { secondary?: boolean; label?: string; disabled?: boolean; spin?: boolean } = {},
): HTMLElement {
  const element = el('vscode-button', { icon, 'data-focus-key': focusKey, text });
  if (options.secondary) element.setAttribute('secondary', '');
  if (options.label) element.setAttribute('aria-label', options.label);
  if (options.disabled) element.setAttribute('disabled', '');
  if (options.spin) element.setAttribute('icon-spin', '');
  element.addEventListener('click', () => {
    if (!element.hasAttribute('disabled')) onClick();
  });
  return element;
}

/** Text with `code` spans, as the rule metadata writes them; everything else stays plain text. */
function richText(text: string): Node[] {
  return text.split('`').map((part, index) => (index % 2 === 1 ? el('code', { text: part }) : document.createTextNode(part)));
}

type Attributes = Record<string, string> & { text?: string; className?: string };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'text') element.textContent = value;
    else if (name === 'className') element.className = value;
    else element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}
