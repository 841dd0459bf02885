import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, lines, makeWorkspace, REPO, removeWorkspaces, runCli, TORCH_LOAD } from './helpers';

const ESC = '\u001b';

describe('ai-posture scan', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  const workspace = (files: Record<string, string>) => {
    const root = makeWorkspace(files);
    roots.push(root);
    return root;
  };

  before(ensureBuilt);
  after(() => removeWorkspaces(roots));

  describe('text report', () => {
    it('lists each finding as path:line:col  severity  rule  message, then a summary', () => {
      const root = workspace({ 'src/train.py': TORCH_LOAD });
      const result = runCli(['scan', root]);
      assert.equal(result.code, 1);
      const [finding, ...rest] = lines(result.stdout);
      assert.match(finding, /^src\/train\.py:2:9 {2}error {2}AIP102 {2}torch\.load\(\) without weights_only=True/);
      assert.match(rest.join('\n'), /1 finding: 1 error, 0 warnings/);
      assert.match(rest.join('\n'), /1 file analysed/);
      assert.equal(result.stderr, '');
    });

    it('scans the current folder by default and reports no findings on a clean tree', () => {
      const root = workspace({ 'app.py': 'import torch\nstate = torch.load(p, weights_only=True)\n' });
      const result = runCli(['scan'], { cwd: root });
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^No findings\n1 file analysed; /);
    });

    it('counts suppressed findings without listing them', () => {
      const root = workspace({ 'app.py': 'import torch\nm = torch.load(p)  # ai-posture-ignore AIP102 -- trusted cache\n' });
      const result = runCli(['scan', root]);
      assert.equal(result.code, 0);
      assert.doesNotMatch(result.stdout, /app\.py:2/);
      assert.match(result.stdout, /No findings \(1 suppressed\)/);
    });

    it('reports skipped counts and a one-line stderr notice for an oversized file', () => {
      const root = workspace({
        '.ai-posture.json': '{ "maxFileBytes": 1024 }',
        'big.py': `import torch\n${'# padding\n'.repeat(200)}`,
        'app.py': TORCH_LOAD,
      });
      const result = runCli(['scan', root]);
      assert.match(result.stdout, /skipped: 1 oversized/);
      const stderr = lines(result.stderr);
      assert.equal(stderr.length, 1);
      assert.match(stderr[0], /^ai-posture: big\.py: skipped: \d+ bytes is over maxFileBytes \(1024\)$/);
    });

    it('colours only on a terminal and never with NO_COLOR', () => {
      const root = workspace({ 'app.py': TORCH_LOAD });
      assert.ok(!runCli(['scan', root, '--no-progress']).stdout.includes(ESC));
      assert.ok(runCli(['scan', root, '--no-progress'], { tty: true }).stdout.includes(`${ESC}[31merror`));
      assert.ok(!runCli(['scan', root, '--no-progress'], { tty: true, env: { NO_COLOR: '1' } }).stdout.includes(ESC));
    });
  });

  describe('paths', () => {
    it('scans a single file with its path relative to its folder', () => {
      const root = workspace({ 'pkg/app.py': TORCH_LOAD, 'pkg/other.py': TORCH_LOAD });
      const result = runCli(['scan', path.join(root, 'pkg', 'app.py'), '--format', 'json']);
      const report = JSON.parse(result.stdout);
      assert.deepEqual(
        report.findings.map((f: { path: string }) => f.path),
        ['app.py'],
      );
      assert.equal(report.stats.filesAnalysed, 1);
    });

    it('scans several folders with paths relative to the folder that holds them', () => {
      const root = workspace({ 'a/x.py': TORCH_LOAD, 'b/y.py': TORCH_LOAD, 'c/z.py': TORCH_LOAD });
      const result = runCli(['scan', 'a', 'b', '--format', 'json'], { cwd: root });
      const report = JSON.parse(result.stdout);
      assert.equal(fs.realpathSync(report.root), fs.realpathSync(root));
      assert.deepEqual(report.targets, ['a', 'b']);
      assert.deepEqual(
        report.findings.map((f: { path: string }) => f.path),
        ['a/x.py', 'b/y.py'],
      );
      assert.equal(report.stats.filesAnalysed, 2);
    });

    it('exits 2 with one line for a PATH that does not exist', () => {
      const result = runCli(['scan', 'no-such-folder'], { cwd: workspace({}) });
      assert.equal(result.code, 2);
      assert.deepEqual(lines(result.stderr), ['ai-posture: no-such-folder: no such file or directory']);
    });
  });

  describe('exit codes and severities', () => {
    const asWarning = '{ "rules": { "AIP102": "warning" } }';

    it('exits 1 at or above --fail-on and 0 below it', () => {
      const root = workspace({ '.ai-posture.json': asWarning, 'app.py': TORCH_LOAD });
      assert.equal(runCli(['scan', root]).code, 0, 'a warning is below the default --fail-on error');
      assert.equal(runCli(['scan', root, '--fail-on', 'warning']).code, 1);
      assert.equal(runCli(['scan', root, '--fail-on', 'information']).code, 1);
      assert.equal(runCli(['scan', root, '--fail-on', 'never']).code, 0);
    });

    it('--fail-on never exits 0 even with errors', () => {
      const root = workspace({ 'app.py': TORCH_LOAD });
      assert.equal(runCli(['scan', root]).code, 1);
      assert.equal(runCli(['scan', root, '--fail-on', 'never']).code, 0);
    });

    it('--min-severity leaves lower findings out of every output and of the exit code', () => {
      const root = workspace({ '.ai-posture.json': asWarning, 'app.py': TORCH_LOAD });
      const shown = runCli(['scan', root, '--min-severity', 'warning', '--format', 'json']);
      assert.equal(JSON.parse(shown.stdout).findings.length, 1);
      const hidden = runCli(['scan', root, '--min-severity', 'error', '--format', 'json', '--fail-on', 'warning']);
      assert.equal(JSON.parse(hidden.stdout).findings.length, 0);
      assert.equal(hidden.code, 0);
      assert.match(runCli(['scan', root, '--min-severity', 'error']).stdout, /^No findings/);
    });

    it('uses the configuration named by --config', () => {
      const root = workspace({ 'cfg/custom.json': '{ "rules": { "AIP102": "off" } }', 'app.py': TORCH_LOAD });
      const result = runCli(['scan', root, '--config', path.join(root, 'cfg', 'custom.json')]);
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^No findings/);
    });
  });

  describe('configuration and usage errors', () => {
    it('malformed JSON in .ai-posture.json: exit 2, one stderr line naming the file and the problem', () => {
      const root = workspace({ '.ai-posture.json': '{\n  "rules": {\n}}}', 'app.py': TORCH_LOAD });
      const result = runCli(['scan', root]);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      const stderr = lines(result.stderr);
      assert.equal(stderr.length, 1);
      assert.equal(stderr[0], `ai-posture: ${path.join(root, '.ai-posture.json')}: invalid JSON at line 3: EndOfFileExpected`);
    });

    it('schema violation in .ai-posture.json: exit 2, one stderr line naming the property and allowed values', () => {
      const root = workspace({ '.ai-posture.json': '{ "rules": { "AIP105": "loud" } }', 'app.py': TORCH_LOAD });
      const result = runCli(['scan', root]);
      assert.equal(result.code, 2);
      assert.deepEqual(lines(result.stderr), [
        `ai-posture: ${path.join(root, '.ai-posture.json')}: rules.AIP105 must be equal to one of the allowed values (off, error, warning, information, hint)`,
      ]);
    });

    it('finds .ai-posture.json upward from the PATH', () => {
      const root = workspace({ '.ai-posture.json': '{ "rules": { "AIP102": "loud" } }', 'deep/er/app.py': TORCH_LOAD });
      const result = runCli(['scan', path.join(root, 'deep', 'er')]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /rules\.AIP102 must be equal to one of the allowed values/);
    });

    it('a missing --config file is a configuration error', () => {
      const result = runCli(['scan', '--config', 'nope.json'], { cwd: workspace({ 'app.py': TORCH_LOAD }) });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^ai-posture: .*nope\.json: cannot be read \(ENOENT\)\n$/);
    });

    const usageCases: [string[], RegExp][] = [
      [['scan', '--bogus'], /^ai-posture: unknown option '--bogus' \(run 'ai-posture --help'\)$/],
      [['frobnicate'], /^ai-posture: unknown command 'frobnicate' \(run 'ai-posture --help'\)$/],
      [['--bogus'], /^ai-posture: unknown option '--bogus' \(run 'ai-posture --help'\)$/],
      [
        ['scan', '--fail-on', 'loud'],
        /^ai-posture: invalid value 'loud' for --fail-on \(expected error, warning, information, hint, never\)/,
      ],
      [['scan', '--min-severity', 'x'], /^ai-posture: invalid value 'x' for --min-severity/],
      [['scan', '--format', 'xml'], /^ai-posture: invalid value 'xml' for --format/],
      [['scan', '--format'], /^ai-posture: option '--format' needs a value/],
      [['scan', '--format', 'json', '--format', 'sarif'], /^ai-posture: only one --format can go to stdout or --output/],
      [['scan', '--output', 'x.txt'], /^ai-posture: --output needs a --format/],
      [['scan', '--fail-on-bom-change'], /^ai-posture: --fail-on-bom-change needs --baseline/],
    ];
    for (const [args, expected] of usageCases) {
      it(`${args.join(' ')}: exit 2 with one line`, () => {
        const result = runCli(args, { cwd: workspace({}) });
        assert.equal(result.code, 2);
        const stderr = lines(result.stderr);
        assert.equal(stderr.length, 1, result.stderr);
        assert.match(stderr[0], expected);
      });
    }

    // These three were refused while the AI-BOM was missing; they now produce it (see bom.test.ts).
    it('--format cyclonedx writes the AI-BOM to stdout and nothing else', () => {
      const result = runCli(['scan', '--format', 'cyclonedx'], { cwd: workspace({ 'app.py': TORCH_LOAD }) });
      assert.equal(result.code, 1, 'the AIP102 finding still decides the exit code');
      assert.equal(result.stderr, '');
      const bom = JSON.parse(result.stdout);
      assert.equal(bom.specVersion, '1.6');
      assert.deepEqual(
        bom.components.map((component: { name: string }) => component.name),
        ['torch'],
      );
    });

    it('--cyclonedx FILE writes the AI-BOM to the file and still prints text to stdout', () => {
      const root = workspace({ 'app.py': TORCH_LOAD });
      const result = runCli(['scan', '--cyclonedx', 'out/bom.cdx.json'], { cwd: root });
      assert.match(result.stdout, /app\.py:2:9/);
      assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'out', 'bom.cdx.json'), 'utf8')).bomFormat, 'CycloneDX');
    });

    it('--baseline with a missing file: exit 2 with one line naming it', () => {
      const result = runCli(['scan', '--baseline', 'bom.cdx.json'], { cwd: workspace({ 'app.py': TORCH_LOAD }) });
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.deepEqual(lines(result.stderr), ['ai-posture: cannot read baseline bom.cdx.json: ENOENT']);
    });
  });

  describe('outputs', () => {
    it('writes --sarif and --json files and still prints text to stdout', () => {
      const root = workspace({ 'app.py': TORCH_LOAD });
      const result = runCli(['scan', '.', '--sarif', 'out/report.sarif', '--json', 'out/report.json'], { cwd: root });
      assert.equal(result.code, 1);
      assert.match(result.stdout, /app\.py:2:9/);
      const sarif = JSON.parse(fs.readFileSync(path.join(root, 'out', 'report.sarif'), 'utf8'));
      assert.equal(sarif.version, '2.1.0');
      const json = JSON.parse(fs.readFileSync(path.join(root, 'out', 'report.json'), 'utf8'));
      assert.equal(json.findings[0].ruleId, 'AIP102');
    });

    it('--format with --output writes that format to the file and nothing to stdout', () => {
      const root = workspace({ 'app.py': TORCH_LOAD });
      const result = runCli(['scan', '--format', 'json', '--output', 'r.json'], { cwd: root });
      assert.equal(result.stdout, '');
      assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'r.json'), 'utf8')).version, 1);
    });

    it('JSON report has the documented shape, suppressed findings included with their suppression', () => {
      const root = workspace({
        'app.py': 'import torch\na = torch.load(p)\nb = torch.load(q)  # ai-posture-ignore AIP102 -- trusted cache\n',
      });
      const report = JSON.parse(runCli(['scan', root, '--format', 'json']).stdout);
      assert.deepEqual(Object.keys(report), ['version', 'tool', 'root', 'targets', 'findings', 'notices', 'summary', 'stats']);
      assert.equal(report.tool.name, 'ai-posture');
      assert.deepEqual(report.summary, { error: 1, warning: 0, information: 0, hint: 0, suppressed: 1 });
      const [open, suppressed] = report.findings;
      assert.deepEqual(open.region, { startLine: 2, startColumn: 5, endLine: 2, endColumn: 15 });
      assert.equal(open.ruleName, 'unsafe-torch-load');
      assert.equal(open.fix.title, 'Add weights_only=True');
      assert.equal(open.suppression, undefined);
      assert.deepEqual(suppressed.suppression, { kind: 'inSource', justification: 'trusted cache' });
    });
  });

  describe('progress', () => {
    it('does not appear when stderr is not a terminal', () => {
      const root = workspace({ 'app.py': TORCH_LOAD });
      const result = runCli(['scan', root]);
      assert.doesNotMatch(result.stderr, /Scanning/);
      assert.equal(result.stderr, '');
    });

    it('is a single updating line on a terminal, erased at the end, and off with --no-progress', () => {
      const root = workspace({ 'app.py': TORCH_LOAD });
      const shown = runCli(['scan', root], { tty: true });
      assert.ok(shown.stderr.startsWith(`\r${ESC}[KScanning… 1 file`), JSON.stringify(shown.stderr));
      assert.ok(shown.stderr.endsWith('\r\u001b[K'), JSON.stringify(shown.stderr));
      assert.doesNotMatch(shown.stdout, /Scanning/);
      assert.equal(runCli(['scan', root, '--no-progress'], { tty: true }).stderr, '');
    });
  });

  describe('help and version', () => {
    it('--version prints the package version', () => {
      const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
      const result = runCli(['--version']);
      assert.equal(result.code, 0);
      assert.equal(result.stdout, `${version}\n`);
    });

    it('--help and <command> --help print usage and exit 0', () => {
      const general = runCli(['--help']);
      assert.equal(general.code, 0);
      assert.match(general.stdout, /ai-posture scan \[PATH \.\.\.\]/);
      const scan = runCli(['scan', '--help']);
      assert.equal(scan.code, 0);
      assert.match(scan.stdout, /--fail-on error\|warning\|information\|hint\|never/);
    });
  });
});
