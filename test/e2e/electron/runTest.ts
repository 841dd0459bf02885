// Runs the same end-to-end scenario as realVscode.test.ts inside a VS Code that @vscode/test-electron
// downloads (so it needs a network that reaches VS Code's update server; the code-server test is the
// one that runs here). Usage: `npx tsx test/e2e/electron/runTest.ts` from the repository root.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';

const REPO = path.resolve(__dirname, '..', '..', '..');
const OUT = path.join(__dirname, 'out');

/** The extension host loads plain CommonJS, so the suite is bundled; `vscode` and mocha stay external. */
async function bundleSuite(): Promise<string> {
  fs.rmSync(OUT, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts'), path.join(__dirname, 'suite', 'extension.test.ts')],
    outdir: OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(OUT, 'index.js');
}

/** The demo workspace plus the test's files, copied so the quick fix never edits the repository. */
function copyWorkspace(root: string): string {
  const target = path.join(root, 'workspace');
  const demo = path.join(REPO, 'examples', 'demo-workspace');
  if (fs.existsSync(demo) && fs.readdirSync(demo).length > 0) fs.cpSync(demo, target, { recursive: true });
  fs.cpSync(path.join(__dirname, '..', 'workspace'), target, { recursive: true });
  return target;
}

async function main(): Promise<void> {
  execFileSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
  const extensionTestsPath = await bundleSuite();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-posture-electron-'));
  try {
    const workspace = copyWorkspace(scratch);
    await runTests({
      // Kept with the code-server test's tools, outside the repository.
      cachePath: path.join(process.env.AI_POSTURE_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'ai-posture-e2e'), 'vscode-test'),
      extensionDevelopmentPath: REPO,
      extensionTestsPath,
      extensionTestsEnv: { AI_POSTURE_E2E_WORKSPACE: workspace },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(scratch, 'user-data')}`,
      ],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
