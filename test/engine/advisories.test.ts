/**
 * The bundled advisory and model lifecycle data (every entry well formed for its ecosystem), the
 * per-ecosystem version comparators, and the issue's end-to-end cases over a multi-file workspace:
 * manifests with lockfiles (AIP901, AIP609), retired model ids (AIP903) with and without `--as-of`,
 * and a policy that allows only Azure OpenAI (AIP904).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allAdvisories, fixedAfter, packageKey, versionFixingAll } from '../../server/src/engine/advisories/advisories';
import { allLifecycleEntries, lifecycleEntry, statusOn, successorOn } from '../../server/src/engine/advisories/lifecycle';
import { compareVersions, inOsvRange, isValidVersion, lowestAdmitted } from '../../server/src/engine/advisories/versions';
import { defaultConfig, parseConfigText } from '../../server/src/engine/config/config';
import catalog from '../../server/src/engine/data/ai-packages.json';
import { raisedRange } from '../../server/src/engine/rules/packageAdvisories';
import { scanWorkspace } from '../../server/src/engine/scan';
import type { Finding } from '../../server/src/engine/types';

const WORKSPACE = path.join(__dirname, '..', 'fixtures', 'workspaces', 'advisories');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('advisory data', () => {
  for (const advisory of allAdvisories()) {
    it(`${advisory.id} ${advisory.ecosystem}/${advisory.package} is well formed`, () => {
      const ids = [advisory.id, ...advisory.aliases];
      for (const id of ids) assert.match(id, /^(?:GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}|CVE-\d{4}-\d{4,}|PYSEC-\d{4}-\d+)$/, id);
      assert.match(advisory.url, /^https:\/\//);
      assert.ok(advisory.summary.length > 10 && advisory.verifiedIn.length > 0);
      assert.ok(['error', 'warning'].includes(advisory.severity));
      assert.ok(advisory.ranges.length > 0);
      for (const range of advisory.ranges) {
        assert.equal(range.type, 'ECOSYSTEM');
        assert.ok('introduced' in range.events[0], 'a range starts with introduced');
        const versions = range.events.flatMap((event) => Object.values(event)).filter((version) => version !== '0');
        for (const version of versions)
          assert.ok(isValidVersion(advisory.ecosystem, version), `${version} is a ${advisory.ecosystem} version`);
        for (let index = 1; index < versions.length; index++) {
          assert.ok((compareVersions(advisory.ecosystem, versions[index - 1], versions[index]) ?? 1) < 0, 'events ascend');
        }
      }
      if (advisory.firstFixed) {
        assert.ok(isValidVersion(advisory.ecosystem, advisory.firstFixed));
        const events = advisory.ranges.flatMap((range) => range.events);
        // The first fixed version is a range's fix, or follows a last affected version.
        assert.ok(
          events.some((event) => event.fixed === advisory.firstFixed || event.last_affected !== undefined),
          'firstFixed is in the ranges',
        );
        const affectedExample = events.find((event) => event.introduced && event.introduced !== '0')?.introduced;
        if (affectedExample) assert.equal(fixedAfter(advisory, affectedExample) !== undefined, true);
      }
      if (advisory.mcpTooling) assert.ok(advisory.firstFixed, 'MCP tooling advisories list their fix (AIP609 needs it)');
    });
  }

  it('names packages the AI catalog knows, so the AI-BOM can carry them (ray and joblib are not yet)', () => {
    const known = new Set(
      Object.entries(catalog as unknown as Record<string, Record<string, unknown>>).flatMap(([ecosystem, packages]) =>
        ecosystem.startsWith('$') ? [] : Object.keys(packages).map((name) => `${ecosystem}:${packageKey(ecosystem as 'npm', name)}`),
      ),
    );
    const missing = [...new Set(allAdvisories().map((a) => `${a.ecosystem}:${packageKey(a.ecosystem, a.package)}`))].filter(
      (key) => !known.has(key),
    );
    assert.deepEqual(missing.sort(), ['pypi:joblib', 'pypi:ray']);
  });
});

describe('model lifecycle data', () => {
  for (const entry of allLifecycleEntries()) {
    it(`${entry.provider}/${entry.id}${entry.version ? ` ${entry.version}` : ''} is well formed`, () => {
      assert.match(entry.retired, ISO_DATE);
      if (entry.deprecated) {
        assert.match(entry.deprecated, ISO_DATE);
        assert.ok(entry.deprecated <= entry.retired);
      }
      assert.ok(entry.successor, 'every entry names a successor');
      assert.match(entry.source, /^https:\/\//);
    });
  }

  it('is judged on a date and follows retired successors', () => {
    const davinci = lifecycleEntry('openai', 'text-davinci-003', []);
    assert.ok(davinci);
    assert.equal(statusOn(davinci, '2023-07-05'), 'active');
    assert.equal(statusOn(davinci, '2023-07-06'), 'deprecated');
    assert.equal(statusOn(davinci, '2024-01-04'), 'retired');
    const preview = lifecycleEntry('google', 'gemini-2.5-pro-preview-05-06', []);
    assert.ok(preview);
    assert.equal(successorOn(preview, '2026-01-01'), 'gemini-3-pro-preview');
    assert.equal(successorOn(preview, '2026-06-01'), 'gemini-3.1-pro-preview');
    assert.equal(lifecycleEntry('azure-openai', 'gpt-35-turbo', ['0125']), undefined);
    assert.equal(lifecycleEntry('azure-openai', 'gpt-35-turbo', ['0613'])?.retired, '2025-02-13');
  });
});

describe('version comparison per ecosystem', () => {
  const order = (ecosystem: Parameters<typeof compareVersions>[0], ascending: string[]) => {
    for (let index = 1; index < ascending.length; index++) {
      assert.equal(compareVersions(ecosystem, ascending[index - 1], ascending[index]), -1, `${ascending[index - 1]} < ${ascending[index]}`);
      assert.equal(compareVersions(ecosystem, ascending[index], ascending[index - 1]), 1);
    }
  };

  it('npm: SemVer, pre-releases before the release', () => {
    order('npm', ['0.1.9', '0.1.10', '0.1.16-beta.1', '0.1.16', '1.0.0']);
    assert.equal(compareVersions('npm', '1.0', '1.0.0'), undefined);
  });

  it('PyPI: PEP 440 (dev < a < rc < release < post, 1.0 == 1.0.0)', () => {
    order('pypi', ['0.0.99', '0.0.100', '1.0.dev1', '1.0a1', '1.0rc1', '1.0', '1.0.post1', '1.0.1']);
    assert.equal(compareVersions('pypi', '1.0', '1.0.0'), 0);
  });

  it('Maven: ComparableVersion qualifiers and trailing zeros', () => {
    order('maven', ['1.0-alpha-1', '1.0-beta', '1.0-M1', '1.0-RC1', '1.0-SNAPSHOT', '1.0', '1.0-sp', '1.0.1', '1.0.7', '1.0.10']);
    assert.equal(compareVersions('maven', '1.0.7.RELEASE', '1.0.7'), 0);
    assert.equal(compareVersions('maven', '1.0.0', '1'), 0);
  });

  it('NuGet: four numbers, case-insensitive pre-release labels', () => {
    order('nuget', ['1.68.0', '1.70.0-preview', '1.70.0-RC.2', '1.70.0', '1.70.0.1', '1.71.0']);
    assert.equal(compareVersions('nuget', '1.70.0.0', '1.70.0'), 0);
    assert.equal(compareVersions('nuget', '1.70.0-Preview', '1.70.0-preview'), 0);
  });

  it('reads OSV ranges: introduced inclusive, fixed exclusive, last_affected inclusive, several lines', () => {
    const events = [{ introduced: '0' }, { fixed: '0.3.80' }, { introduced: '1.0.0' }, { fixed: '1.1.8' }];
    assert.equal(inOsvRange('npm', '0.3.79', events), true);
    assert.equal(inOsvRange('npm', '0.3.80', events), false);
    assert.equal(inOsvRange('npm', '1.0.0', events), true);
    assert.equal(inOsvRange('npm', '1.1.8', events), false);
    const last = [{ introduced: '0.0.5' }, { last_affected: '0.1.15' }];
    assert.equal(inOsvRange('npm', '0.0.4', last), false);
    assert.equal(inOsvRange('npm', '0.1.15', last), true);
    assert.equal(inOsvRange('npm', '0.1.16', last), false);
  });

  it('finds the lowest version a manifest range admits, and nothing for open or exclusive bounds', () => {
    assert.equal(lowestAdmitted('npm', '^0.3.0'), '0.3.0');
    assert.equal(lowestAdmitted('npm', '<2'), undefined);
    assert.equal(lowestAdmitted('pypi', '>=4.30,<5'), '4.30');
    assert.equal(lowestAdmitted('pypi', '~=1.4.2'), '1.4.2');
    assert.equal(lowestAdmitted('pypi', '>1.0'), undefined);
    assert.equal(lowestAdmitted('maven', '[1.0.3,2.0)'), '1.0.3');
    assert.equal(lowestAdmitted('nuget', '1.68.0'), '1.68.0');
    assert.equal(lowestAdmitted('nuget', '(1.0,)'), undefined);
  });

  it('raises a range to a fixed version only when the result still admits it first', () => {
    assert.equal(raisedRange('npm', '^0.3.0', '0.3.80'), '^0.3.80');
    assert.equal(raisedRange('pypi', '>=4.30.0,<5', '4.48.0'), '>=4.48.0,<5');
    assert.equal(raisedRange('pypi', '>=0.0.100,<0.0.200', '0.0.317'), undefined);
  });

  it('finds the version that fixes every advisory of a package, per release line', () => {
    const core = allAdvisories().filter((a) => a.package === 'langchain-core');
    assert.equal(versionFixingAll('0.3.40', core), '0.3.81');
    assert.equal(versionFixingAll('1.1.0', core), '1.3.3');
    assert.equal(versionFixingAll('1.3.3', core), undefined);
  });
});

describe('the issue cases over a workspace (AIP901, AIP609, AIP903, AIP904)', function () {
  this.timeout(60_000);

  const findingsOf = async (asOf?: string, config = defaultConfig()) => {
    const scan = await scanWorkspace(WORKSPACE, config, { jobs: 1, today: '2026-12-05', ...(asOf ? {} : {}) });
    return { scan, findings: scan.files.flatMap((file) => file.findings) };
  };
  const where = (finding: Finding) => `${finding.ruleId} ${finding.path}:${finding.range.start.line + 1}`;

  it('flags each vulnerable manifest with the advisory id and the first fixed version, and not the fixed ones', async () => {
    const { findings } = await findingsOf();
    const packages = findings.filter((finding) => finding.ruleId === 'AIP901' || finding.ruleId === 'AIP609');
    assert.deepEqual(packages.map(where).sort(), [
      'AIP609 js/package.json:6',
      'AIP609 uvp/pyproject.toml:4',
      'AIP901 cs/App.csproj:3',
      'AIP901 java/pom.xml:7',
      'AIP901 js/package.json:4',
      'AIP901 py/requirements.txt:1',
      'AIP901 py/requirements.txt:2',
      'AIP901 uvp/pyproject.toml:4',
    ]);
    const message = (file: string, rule = 'AIP901') => packages.find((f) => f.path === file && f.ruleId === rule)?.message ?? '';
    assert.match(message('py/requirements.txt'), /langchain 0\.0\.200 \(pinned in the manifest\).*CVE-2023-36095.*Upgrade to 0\.1\.11/);
    assert.match(
      message('uvp/pyproject.toml'),
      /langchain-core 0\.3\.40 \(resolved from the lockfile\).*GHSA-c67j-w6g6-q2cm.*Upgrade to 0\.3\.81\. Regenerate the lockfile/,
    );
    assert.match(
      message('js/package.json'),
      /@langchain\/core 0\.3\.40 \(resolved from the lockfile\).*GHSA-r399-636x-v7f6.*Upgrade to 0\.3\.80/,
    );
    assert.match(message('cs/App.csproj'), /Microsoft\.SemanticKernel\.Core 1\.68\.0 .*GHSA-2ww3-72rp-wpp4.*Upgrade to 1\.70\.0/);
    assert.match(message('java/pom.xml'), /spring-ai-client-chat 1\.0\.3 .*GHSA-5852-phmh-8fhr.*Upgrade to 1\.0\.7/);
    assert.match(message('uvp/pyproject.toml', 'AIP609'), /mcp 1\.9\.0 \(resolved from the lockfile\).*CVE-2025-53366/);
    assert.match(
      packages.find((f) => f.path === 'py/requirements.txt' && f.range.start.line === 1)?.message ?? '',
      /the lowest version the manifest range >=4\.30\.0 admits/,
    );
    assert.ok(!findings.some((finding) => finding.path.startsWith('fixed/')), 'fixed versions are not flagged');
    assert.ok(
      !findings.some((finding) => finding.path === 'py/requirements.txt' && finding.range.start.line === 2),
      'torch 2.6.0 is fixed',
    );
  });

  it('flags a retired model id in Python, TypeScript, a .prompty and a Bicep deployment with its successor', async () => {
    const { findings } = await findingsOf();
    const retired = findings.filter((finding) => finding.ruleId === 'AIP903');
    assert.deepEqual(retired.map(where).sort(), [
      'AIP903 chat.prompty:7',
      'AIP903 infra/main.bicep:13',
      'AIP903 js/index.ts:3',
      'AIP903 py/app.py:4',
      'AIP903 py/app.py:6',
    ]);
    for (const finding of retired) {
      assert.match(finding.message, /Use (gpt-3\.5-turbo-instruct|gpt-35-turbo-instruct|gpt-4o-mini|claude-sonnet-4-6) instead/);
      assert.equal(finding.fix?.applicability, 'unsafe');
    }
  });

  it('does not flag them when judged on a date before the retirements (--as-of)', async () => {
    const scan = await scanWorkspace(WORKSPACE, defaultConfig(), { jobs: 1, workspaceRules: false });
    const { withWorkspaceFindings, workspaceTextReader } = await import('../../server/src/engine/index');
    const judged = await withWorkspaceFindings(scan.files, scan.bom, defaultConfig(), {
      today: '2026-12-05',
      asOf: '2023-01-01',
      readText: workspaceTextReader(WORKSPACE),
    });
    assert.deepEqual(
      judged.flatMap((file) => file.findings).filter((finding) => finding.ruleId === 'AIP903'),
      [],
    );
  });

  it('with a policy allowing only Azure OpenAI, flags the Anthropic SDK call and a non-allowed MCP server', async () => {
    const root = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'aip-policy-'));
    try {
      fs.mkdirSync(path.join(root, '.vscode'));
      fs.writeFileSync(path.join(root, 'app.py'), fs.readFileSync(path.join(WORKSPACE, 'py', 'app.py')));
      fs.writeFileSync(
        path.join(root, '.vscode', 'mcp.json'),
        '{ "servers": { "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } } }\n',
      );
      const config = parseConfigText(
        JSON.stringify({ policy: { allowedProviders: ['azure-openai'], allowedMcpServers: ['@azure/mcp'] } }),
        '.ai-posture.json',
      );
      const scan = await scanWorkspace(root, config, { jobs: 1 });
      const policy = scan.files.flatMap((file) => file.findings).filter((finding) => finding.ruleId === 'AIP904');
      assert.ok(policy.some((finding) => finding.path === 'app.py' && /provider anthropic/.test(finding.message)));
      assert.ok(
        policy.some(
          (finding) =>
            finding.path === '.vscode/mcp.json' && /The MCP server fetch is not on the workspace policy allow-list/.test(finding.message),
        ),
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
