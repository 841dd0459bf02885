/**
 * What the Recommendations view computes: the weighted posture score, sorting and filtering, the
 * reference links, the page's content security policy, the state kept across reloads, and the
 * manifest entries that put the view in its own activity-bar container.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentSecurityPolicy, makeNonce, recommendationsPage } from '../../client/src/recommendations/html';
import {
  familyOf,
  groupByPolicy,
  INITIAL_STATE,
  isAllowedLink,
  placeLabel,
  postureScore,
  restoreState,
  ruleLinks,
  scoreExplanation,
  visibleRecommendations,
} from '../../client/src/recommendations/model';
import type { Recommendation, RecommendationsResult } from '../../server/src/shared/protocol';

const ROOT = path.join(__dirname, '..', '..');

function recommendation(
  ruleId: string,
  severity: Recommendation['severity'],
  places: number,
  extra: Partial<Recommendation> = {},
): Recommendation {
  return {
    ruleId,
    name: `rule-${ruleId.toLowerCase()}`,
    title: `Title of ${ruleId}`,
    severity,
    family: familyOf(ruleId),
    explanation: '',
    remediation: '',
    owasp: [],
    cwe: [],
    atlas: [],
    docsUrl: `https://github.com/ai-posture/ai-posture/blob/main/docs/rules.md#${ruleId.toLowerCase()}`,
    fixable: false,
    places: Array.from({ length: places }, (_, index) => ({
      uri: `file:///w/src/${ruleId}.py`,
      path: `src/${ruleId}.py`,
      range: { start: { line: index, character: 2 }, end: { line: index, character: 9 } },
      message: `message ${index}`,
      fixable: false,
    })),
    ...extra,
  };
}

const RESULT: RecommendationsResult = {
  recommendations: [recommendation('AIP203', 'error', 1), recommendation('AIP103', 'warning', 4), recommendation('AIP102', 'error', 2)],
  healthyRules: [
    { ruleId: 'AIP101', title: 'trust_remote_code', severity: 'error' },
    { ruleId: 'AIP105', title: 'unpinned', severity: 'information' },
  ],
  complete: true,
};

describe('recommendations view model', () => {
  it('scores the share of applicable rules with no open finding, weighted by severity', () => {
    // Healthy: error 3 + information 1 = 4; open: error 3 + warning 2 + error 3 = 8.
    const score = postureScore(RESULT);
    assert.deepEqual(score, { percent: 33, healthy: 2, total: 5, healthyWeight: 4, totalWeight: 12 });
    assert.equal(
      scoreExplanation(score),
      '2 of 5 applicable rules have no open finding, weighted by severity (error 3, warning 2, information 1).',
    );
    assert.equal(postureScore({ recommendations: [], healthyRules: [] }).percent, 100);
    assert.equal(postureScore({ recommendations: [], healthyRules: RESULT.healthyRules }).percent, 100);
    assert.equal(postureScore({ recommendations: RESULT.recommendations, healthyRules: [] }).percent, 0);
  });

  it('leaves unused suppressions (AIP000) out of the score', () => {
    const withHygiene = { ...RESULT, recommendations: [...RESULT.recommendations, recommendation('AIP000', 'information', 3)] };
    assert.deepEqual(postureScore(withHygiene), postureScore(RESULT));
  });

  it('sorts by severity, by count or by rule id', () => {
    const ids = (sort: 'severity' | 'count' | 'ruleId') =>
      visibleRecommendations(RESULT.recommendations, sort, INITIAL_STATE.filters).map((item) => item.ruleId);
    assert.deepEqual(ids('severity'), ['AIP102', 'AIP203', 'AIP103']);
    assert.deepEqual(ids('count'), ['AIP103', 'AIP102', 'AIP203']);
    assert.deepEqual(ids('ruleId'), ['AIP102', 'AIP103', 'AIP203']);
  });

  it('filters by severity, family and text', () => {
    const ids = (filters: Partial<typeof INITIAL_STATE.filters>) =>
      visibleRecommendations(RESULT.recommendations, 'ruleId', { ...INITIAL_STATE.filters, ...filters }).map((item) => item.ruleId);
    assert.deepEqual(ids({ severity: 'error' }), ['AIP102', 'AIP203']);
    assert.deepEqual(ids({ family: 'AIP2xx' }), ['AIP203']);
    assert.deepEqual(ids({ family: 'AIP9xx' }), []);
    assert.deepEqual(ids({ text: 'aip10' }), ['AIP102', 'AIP103']);
    assert.deepEqual(ids({ text: '  src/AIP203.py ' }), ['AIP203']);
    assert.deepEqual(ids({ text: 'message 3' }), ['AIP103']);
    assert.deepEqual(ids({ severity: 'warning', text: 'AIP102' }), []);
    assert.equal(familyOf('AIP503'), 'AIP5xx');
  });

  it('labels places one-based', () => {
    assert.equal(placeLabel(RESULT.recommendations[1].places[3]), 'src/AIP103.py:4:3');
  });

  it('links OWASP, CWE, MITRE ATLAS and the rule docs, and nothing else', () => {
    const links = ruleLinks(
      recommendation('AIP102', 'error', 1, { owasp: ['LLM03:2025'], cwe: ['CWE-502', 'bogus'], atlas: ['AML.T0011.000', 'javascript:x'] }),
    );
    assert.deepEqual(
      links.map((link) => [link.kind, link.label, link.url]),
      [
        ['owasp', 'OWASP LLM03:2025 Supply Chain', 'https://genai.owasp.org/llm-top-10/'],
        ['cwe', 'CWE-502', 'https://cwe.mitre.org/data/definitions/502.html'],
        ['atlas', 'MITRE ATLAS AML.T0011.000', 'https://atlas.mitre.org/techniques/AML.T0011.000'],
        ['docs', 'AIP102 documentation', 'https://github.com/ai-posture/ai-posture/blob/main/docs/rules.md#aip102'],
      ],
    );
    assert.ok(links.every((link) => isAllowedLink(link.url)));
  });

  it('restores a stored state field by field and drops what does not fit', () => {
    const state = {
      sort: 'count',
      filters: { severity: 'warning', family: 'AIP1xx', text: 'torch' },
      expanded: ['AIP102', 'healthy'],
      result: RESULT,
    };
    assert.deepEqual(restoreState(state), state);
    assert.deepEqual(restoreState({ ...state, expanded: ['AIP102', '<img>', 3] }).expanded, ['AIP102']);
    assert.deepEqual(restoreState(undefined), INITIAL_STATE);
    assert.deepEqual(
      restoreState({ sort: 'random', filters: { severity: 'fatal', family: 'X', text: 7 }, expanded: 'AIP102', result: { bad: 1 } }),
      INITIAL_STATE,
    );
  });
});

describe('recommendations webview page', () => {
  const nonce = makeNonce((bytes) => bytes.fill(171));

  it('has a strict content security policy with a nonce and loads nothing from the network', () => {
    assert.equal(nonce, 'ab'.repeat(16));
    const source = 'https://file+.vscode-resource.vscode-cdn.net';
    assert.equal(
      contentSecurityPolicy(source, nonce),
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${source} 'nonce-${nonce}'; font-src ${source}; img-src ${source} data:`,
    );
    const html = recommendationsPage({
      cspSource: source,
      nonce,
      script: `${source}/ext/client/out/webview/recommendations.js`,
      styles: `${source}/ext/client/out/webview/recommendations.css`,
      codicons: `${source}/ext/client/out/webview/codicon.css`,
    });
    assert.match(
      html,
      new RegExp(`<script nonce="${nonce}" src="${source.replace(/[.+]/g, '\\$&')}/ext/client/out/webview/recommendations.js">`),
    );
    assert.match(html, /id="vscode-codicon-stylesheet"/);
    assert.doesNotMatch(html, /style="/, 'no inline style attributes');
    assert.doesNotMatch(html, /<script(?![^>]*nonce=)/, 'every script carries the nonce');
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    assert.ok(urls.length >= 3 && urls.every((url) => url.startsWith(source)), urls.join(', '));
  });
});

describe('recommendations view contributions', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('has an "AI Posture" activity-bar container with a monochrome 24x24 SVG icon', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((entry: { id: string }) => entry.id === 'aiPosture');
    assert.deepEqual(container, { id: 'aiPosture', title: 'AI Posture', icon: 'resources/ai-posture.svg' });
    const svg = fs.readFileSync(path.join(ROOT, container.icon), 'utf8');
    assert.match(svg, /viewBox="0 0 24 24"/);
    assert.match(svg, /currentColor/);
    assert.doesNotMatch(svg, /#[0-9a-f]{3,8}\b|rgb\(|<image|<text/i);
  });

  it('puts the Recommendations webview last in the container, after the AI-BOM tree when there is one', () => {
    const views: { id: string; type?: string }[] = manifest.contributes.views.aiPosture;
    const recommendations = views.at(-1);
    assert.equal(recommendations?.id, 'aiPosture.recommendations');
    assert.equal(recommendations?.type, 'webview');
    const bom = views.findIndex((view) => view.id === 'aiPosture.bom');
    if (bom !== -1) assert.equal(bom, 0);
  });

  it('offers Refresh in the view title bar', () => {
    const refresh = manifest.contributes.menus['view/title'].find(
      (item: { command: string }) => item.command === 'aiPosture.refreshRecommendations',
    );
    assert.equal(refresh.when, 'view == aiPosture.recommendations');
    assert.equal(refresh.group, 'navigation');
    const command = manifest.contributes.commands.find((item: { command: string }) => item.command === 'aiPosture.refreshRecommendations');
    assert.equal(command.icon, '$(refresh)');
  });

  it('groups policy violations (AIP904) apart from the other recommendations, keeping the order', () => {
    const list = [{ ruleId: 'AIP102' }, { ruleId: 'AIP904' }, { ruleId: 'AIP901' }] as unknown as Parameters<typeof groupByPolicy>[0];
    const { policy, other } = groupByPolicy(list);
    assert.deepEqual(
      policy.map((item) => item.ruleId),
      ['AIP904'],
    );
    assert.deepEqual(
      other.map((item) => item.ruleId),
      ['AIP102', 'AIP901'],
    );
  });
});
