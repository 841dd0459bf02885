/**
 * The AI-BOM through the CLI: CycloneDX output (valid against the official 1.6 schema, stable with
 * --deterministic), the text summary and --bom table, several PATHs merged, and the --baseline gate.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cycloneDxValidator } from '../engine/inventory/helpers';
import { ensureBuilt, lines, makeWorkspace, REPO, removeWorkspaces, runCli } from './helpers';

const DEMO = path.join(REPO, 'examples', 'demo-workspace');

/** A small app: one SDK (lockfile-free pin), one model, one service, one prompt. */
const APP = {
  'requirements.txt': 'openai==1.58.1\n',
  'app.py': 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o-mini", messages=[])\n',
  'AGENTS.md': '# Agents\nBe helpful.\n',
};

const MCP_SERVER = JSON.stringify({
  servers: { filesystem: { type: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem@2025.1.14', '.'] } },
});

interface CdxComponent {
  name: string;
  'bom-ref': string;
  evidence?: { occurrences: { location: string; line?: number }[] };
}

describe('ai-posture scan: AI-BOM', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  const workspace = (files: Record<string, string>) => {
    const root = makeWorkspace(files);
    roots.push(root);
    return root;
  };
  /** A deterministic baseline of `files`, written outside the scanned folder. */
  const baselineOf = (files: Record<string, string>): string => {
    const file = path.join(workspace({}), 'baseline.cdx.json');
    const result = runCli(['scan', workspace(files), '--cyclonedx', file, '--deterministic', '--fail-on', 'never']);
    assert.equal(result.code, 0, result.stderr);
    return file;
  };

  before(ensureBuilt);
  after(() => removeWorkspaces(roots));

  describe('CycloneDX', () => {
    it("the demo workspace's AI-BOM validates against the official CycloneDX 1.6 schema", () => {
      const result = runCli(['scan', DEMO, '--format', 'cyclonedx', '--fail-on', 'never']);
      assert.equal(result.code, 0, result.stderr);
      const bom = JSON.parse(result.stdout);
      const validate = cycloneDxValidator();
      assert.ok(validate(bom), JSON.stringify(validate.errors, null, 2));
      assert.equal(bom.specVersion, '1.6');
      assert.deepEqual(bom.metadata.component, { type: 'application', 'bom-ref': 'workspace', name: 'demo-workspace' });
      assert.equal(bom.metadata.tools.components[0].name, 'ai-posture');
      assert.match(bom.serialNumber, /^urn:uuid:/);
      assert.ok(bom.metadata.timestamp);
      const refs = [...bom.components, ...bom.services].map((entry: CdxComponent) => entry['bom-ref']);
      for (const ref of ['sdk:pypi/openai', 'model:azure-openai/gpt-4o', 'service:azure-openai', 'prompt:prompts/answer.prompty']) {
        assert.ok(refs.includes(ref), `${ref} in ${refs.join(', ')}`);
      }
      // Occurrences are relative to the scanned folder, like findings.
      const openai = bom.components.find((entry: CdxComponent) => entry['bom-ref'] === 'sdk:pypi/openai');
      assert.ok(openai.evidence.occurrences.some((occurrence: { location: string }) => occurrence.location === 'backend/requirements.txt'));
    });

    it('--deterministic output is byte-identical across runs, without serialNumber and timestamp', () => {
      const first = runCli(['scan', DEMO, '--format', 'cyclonedx', '--deterministic', '--fail-on', 'never']);
      const second = runCli(['scan', DEMO, '--format', 'cyclonedx', '--deterministic', '--fail-on', 'never']);
      assert.ok(first.stdout.length > 1000);
      assert.equal(first.stdout, second.stdout);
      const bom = JSON.parse(first.stdout);
      assert.equal(bom.serialNumber, undefined);
      assert.equal(bom.metadata.timestamp, undefined);
      assert.ok(cycloneDxValidator()(bom));
    });

    it('--format cyclonedx --output FILE writes the file and nothing to stdout', () => {
      const root = workspace(APP);
      const result = runCli(['scan', '--format', 'cyclonedx', '--output', 'bom.cdx.json'], { cwd: root });
      assert.equal(result.stdout, '');
      const bom = JSON.parse(fs.readFileSync(path.join(root, 'bom.cdx.json'), 'utf8'));
      assert.equal(bom.metadata.component.name, path.basename(root));
    });

    it('merges the AI-BOMs of several PATHs with paths relative to the folder that holds them', () => {
      const root = workspace({
        'a/requirements.txt': 'openai==1.58.1\n',
        'a/AGENTS.md': '# A\n',
        'b/app.py': APP['app.py'],
        'b/AGENTS.md': '# B\n',
      });
      const result = runCli(['scan', 'a', 'b', '--format', 'cyclonedx', '--deterministic'], { cwd: root });
      const bom = JSON.parse(result.stdout);
      assert.ok(cycloneDxValidator()(bom));
      assert.equal(bom.metadata.component.name, path.basename(root));
      const prompts = bom.components.filter((entry: CdxComponent) => entry['bom-ref'].startsWith('prompt:'));
      assert.deepEqual(
        prompts.map((entry: CdxComponent) => entry.name),
        ['a/AGENTS.md', 'b/AGENTS.md'],
      );
      const openai = bom.components.find((entry: CdxComponent) => entry['bom-ref'] === 'sdk:pypi/openai');
      assert.deepEqual(
        new Set(openai.evidence.occurrences.map((occurrence: { location: string }) => occurrence.location)),
        new Set(['a/requirements.txt', 'b/app.py']),
      );
      // Declared in a/requirements.txt, so the merged SDK is a direct dependency, not "shadow AI".
      const dependency = openai.properties.filter((entry: { name: string }) => entry.name === 'ai-posture:dependency');
      assert.deepEqual(dependency, [{ name: 'ai-posture:dependency', value: 'direct' }]);
    });

    it('a single file PATH has its own AI-BOM', () => {
      const root = workspace(APP);
      const bom = JSON.parse(runCli(['scan', path.join(root, 'requirements.txt'), '--format', 'cyclonedx']).stdout);
      assert.deepEqual(
        bom.components.map((entry: CdxComponent) => entry['bom-ref']),
        ['sdk:pypi/openai'],
      );
    });

    it('gives each MCP server its finding count, suppressed findings left out', () => {
      const config = [
        '{',
        '  "mcpServers": {',
        '    "github": {',
        '      "command": "npx",',
        '      "args": ["-y", "@modelcontextprotocol/server-github"]',
        '    },',
        '    "memory": {',
        '      "command": "npx",',
        '      // ai-posture-ignore-next-line AIP601 -- vendored',
        '      "args": ["-y", "@modelcontextprotocol/server-memory"]',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n');
      const root = workspace({ '.mcp.json': config });
      const findings = (properties: { name: string; value: string }[]) =>
        properties.filter((entry) => entry.name === 'ai-posture:mcp:findings').map((entry) => entry.value);
      const cdx = JSON.parse(runCli(['scan', root, '--format', 'cyclonedx', '--fail-on', 'never']).stdout);
      const byName = (name: string) => cdx.components.find((entry: CdxComponent & { name: string }) => entry.name === name);
      assert.deepEqual(findings(byName('github').properties), ['1']);
      assert.deepEqual(findings(byName('memory').properties), ['0']);
    });
  });

  describe('text report', () => {
    it('prints an AI-BOM count line after the findings summary', () => {
      const result = runCli(['scan', DEMO, '--fail-on', 'never']);
      const output = lines(result.stdout);
      const summary = output.findIndex((line) => /^\d+ findings?: /.test(line));
      assert.ok(summary > 0, result.stdout);
      assert.match(output[summary + 1], /files? analysed/);
      assert.match(
        output[summary + 2],
        /^AI-BOM: \d+ components \(\d+ SDKs, \d+ models, .*\d+ plugins?, 2 prompts, 1 dataset\); --bom lists them$/,
      );
    });

    it('--bom lists every component as a table: kind, name, version, provider, first occurrence', () => {
      const result = runCli(['scan', DEMO, '--fail-on', 'never', '--bom']);
      const output = lines(result.stdout);
      const header = output.findIndex((line) => line.startsWith('KIND'));
      assert.match(output[header], /^KIND +NAME +VERSION +PROVIDER +FIRST OCCURRENCE$/);
      const rows = output.slice(header + 1);
      assert.ok(
        rows.some((row) => /^sdk +pypi\/openai +1\.58\.1 +openai +backend\/app\/main\.py:5$/.test(row)),
        rows.join('\n'),
      );
      assert.ok(
        rows.some((row) => /^sdk +npm\/openai +- +openai +frontend\/package\.json:\d+$/.test(row)),
        rows.join('\n'),
      );
      assert.ok(
        rows.some((row) => /^plugin +filesystem +- +- +\.vscode\/mcp\.json:3$/.test(row)),
        rows.join('\n'),
      );
      assert.ok(
        rows.some((row) => /^prompt +prompts\/answer\.prompty +- +- +prompts\/answer\.prompty$/.test(row)),
        rows.join('\n'),
      );
      assert.doesNotMatch(result.stdout, /--bom lists them/);
    });

    it('says so when there is no AI in the scanned code', () => {
      const result = runCli(['scan', workspace({ 'util.py': 'print(1)\n' })]);
      assert.match(result.stdout, /\nAI-BOM: no AI components found\n$/);
    });
  });

  describe('--baseline', () => {
    it('lists an added MCP server and model, and --fail-on-bom-change exits 1', () => {
      const baseline = baselineOf(APP);
      const root = workspace({
        ...APP,
        '.vscode/mcp.json': MCP_SERVER,
        'rerank.py':
          'from transformers import AutoModel\nm = AutoModel.from_pretrained("intfloat/e5-small-v2", revision="0123456789abcdef0123456789abcdef01234567")\n',
      });
      const result = runCli(['scan', root, '--baseline', baseline, '--fail-on-bom-change', '--fail-on', 'never']);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, '');
      const section = result.stdout.slice(result.stdout.indexOf('AI-BOM changes since baseline'));
      const [headline, ...changes] = lines(section);
      // The model, its SDK, the Hub it is downloaded from and the MCP server.
      assert.equal(headline, `AI-BOM changes since baseline ${baseline}: 4 added, 0 removed, 0 changed`);
      assert.ok(changes.includes('+ plugin filesystem@2025.1.14 (first occurrence .vscode/mcp.json:1)'), changes.join('\n'));
      assert.ok(changes.includes('+ model intfloat/e5-small-v2 (first occurrence rerank.py:2)'), changes.join('\n'));
      assert.ok(changes.includes('+ sdk pypi/transformers (first occurrence rerank.py:1)'), changes.join('\n'));
      assert.ok(changes.every((line) => line.startsWith('+ ')));
      // Without the gate the same changes are reported and the exit code is the findings' alone.
      assert.equal(runCli(['scan', root, '--baseline', baseline, '--fail-on', 'never']).code, 0);
    });

    it('exits 0 with --fail-on-bom-change when components were only removed or changed', () => {
      const baseline = baselineOf({ ...APP, '.vscode/mcp.json': MCP_SERVER });
      const root = workspace({ ...APP, 'requirements.txt': 'openai==1.60.0\n', 'AGENTS.md': '# Agents\nBe brief.\n' });
      const result = runCli(['scan', root, '--baseline', baseline, '--fail-on-bom-change', '--fail-on', 'never']);
      assert.equal(result.code, 0, result.stdout);
      const section = lines(result.stdout.slice(result.stdout.indexOf('AI-BOM changes since baseline')));
      assert.deepEqual(section, [
        `AI-BOM changes since baseline ${baseline}: 0 added, 1 removed, 2 changed`,
        '- plugin filesystem@2025.1.14 (was at .vscode/mcp.json:1)',
        '~ prompt AGENTS.md content changed (first occurrence AGENTS.md)',
        '~ sdk pypi/openai 1.58.1 → 1.60.0 (first occurrence app.py:1)',
      ]);
    });

    it('reports no changes against a baseline of the same code', () => {
      const baseline = baselineOf(APP);
      const result = runCli(['scan', workspace(APP), '--baseline', baseline, '--fail-on-bom-change', '--fail-on', 'never']);
      assert.equal(result.code, 0);
      assert.match(result.stdout, /\nAI-BOM changes since baseline .*: none\n$/);
    });

    it('a baseline committed inside the scanned folder is not evidence of the components it lists', () => {
      const root = workspace({ ...APP, 'config.json': '{ "endpoint": "https://contoso.openai.azure.com" }' });
      assert.equal(runCli(['scan', '--cyclonedx', 'ai-bom.cdx.json', '--deterministic'], { cwd: root }).code, 0);
      const again = runCli(['scan', '--cyclonedx', 'ai-bom.cdx.json', '--deterministic', '--baseline', 'ai-bom.cdx.json'], { cwd: root });
      assert.match(again.stdout, /\nAI-BOM changes since baseline ai-bom\.cdx\.json: none\n$/);
      const bom = fs.readFileSync(path.join(root, 'ai-bom.cdx.json'), 'utf8');
      assert.match(bom, /config\.json/);
      assert.doesNotMatch(bom, /ai-bom\.cdx\.json/, 'the BOM file is not an occurrence of what it lists');
    });

    it('JSON report gains bomChanges; SARIF is unchanged; the gate says why on stderr', () => {
      const baseline = baselineOf(APP);
      const root = workspace({ ...APP, '.vscode/mcp.json': MCP_SERVER });
      const json = runCli(['scan', root, '--baseline', baseline, '--fail-on-bom-change', '--format', 'json', '--fail-on', 'never']);
      assert.equal(json.code, 1);
      const report = JSON.parse(json.stdout);
      assert.equal(report.bomChanges.baseline, baseline);
      assert.deepEqual(report.bomChanges.removed, []);
      assert.deepEqual(report.bomChanges.changed, []);
      assert.equal(report.bomChanges.added.length, 1);
      assert.equal(report.bomChanges.added[0].kind, 'plugin');
      assert.equal(report.bomChanges.added[0].name, 'filesystem');
      assert.deepEqual(report.bomChanges.added[0].occurrence, { path: '.vscode/mcp.json', line: 1 });
      assert.deepEqual(lines(json.stderr), [`ai-posture: 1 AI component added since baseline ${baseline}: plugin filesystem@2025.1.14`]);
      assert.equal(JSON.parse(runCli(['scan', root, '--format', 'json']).stdout).bomChanges, undefined);

      const withBaseline = JSON.parse(runCli(['scan', root, '--baseline', baseline, '--format', 'sarif']).stdout);
      const without = JSON.parse(runCli(['scan', root, '--format', 'sarif']).stdout);
      assert.deepEqual(withBaseline, without);
    });

    it("accepts another tool's CycloneDX BOM: a library with a purl matches the SDK", () => {
      const other = {
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        version: 1,
        components: [
          { type: 'library', name: 'openai', version: '1.40.0', purl: 'pkg:pypi/openai@1.40.0' },
          { type: 'library', name: 'requests', version: '2.32.3', purl: 'pkg:pypi/requests@2.32.3' },
        ],
      };
      const baseline = path.join(workspace({}), 'sbom.json');
      fs.writeFileSync(baseline, JSON.stringify(other));
      const result = runCli(['scan', workspace({ 'requirements.txt': 'openai==1.58.1\n' }), '--baseline', baseline]);
      const section = lines(result.stdout.slice(result.stdout.indexOf('AI-BOM changes since baseline')));
      assert.deepEqual(section, [
        `AI-BOM changes since baseline ${baseline}: 0 added, 1 removed, 1 changed`,
        '- sdk pypi/requests@2.32.3',
        '~ sdk pypi/openai 1.40.0 → 1.58.1 (first occurrence requirements.txt:1)',
      ]);
    });

    const malformed: [string, string, RegExp][] = [
      ['not JSON', '<bom xmlns="http://cyclonedx.org/schema/bom/1.6"/>', /^ai-posture: baseline bad\.json is not valid JSON: /],
      ['JSON but not a BOM', '{ "name": "package.json, not a BOM" }', /^ai-posture: baseline bad\.json is not a CycloneDX JSON BOM$/],
      ['an empty file', '', /^ai-posture: baseline bad\.json is not valid JSON: /],
    ];
    for (const [what, text, expected] of malformed) {
      it(`a malformed baseline (${what}): exit 2 with one line naming the file, before any output`, () => {
        const root = workspace({ ...APP, 'bad.json': text });
        const result = runCli(['scan', '.', '--baseline', 'bad.json', '--fail-on-bom-change'], { cwd: root });
        assert.equal(result.code, 2);
        assert.equal(result.stdout, '');
        const stderr = lines(result.stderr);
        assert.equal(stderr.length, 1, result.stderr);
        assert.match(stderr[0], expected);
      });
    }

    it('an unreadable baseline (a folder): exit 2 with one line naming it', () => {
      const root = workspace({ ...APP, 'dir/x.txt': '' });
      const result = runCli(['scan', '.', '--baseline', 'dir'], { cwd: root });
      assert.equal(result.code, 2);
      assert.deepEqual(lines(result.stderr), ['ai-posture: cannot read baseline dir: EISDIR']);
    });
  });

  it('--help documents --deterministic, --bom and that only additions fail the gate', () => {
    const help = runCli(['scan', '--help']).stdout;
    assert.match(help, /--deterministic +CycloneDX without serialNumber and timestamp/);
    assert.match(help, /--bom +text report: list every AI-BOM component/);
    assert.match(help, /--fail-on-bom-change +exit 1 when a component was ADDED since --baseline/);
    assert.match(help, /Removals and version or content changes are reported\s+but do not fail/);
  });
});
