/**
 * `npm run corpus`: scans the public repositories of the AI-BOM corpus with the built CLI and
 * compares each AI-BOM with a careful reader's list (`test/corpus/bom/*.json`). Prints recall per
 * kind, every miss, every entry judged not AI and every entry nobody has judged yet. Not part of
 * `npm test`: the repositories are not committed (see test/corpus/README.md).
 *
 * Options: --expectations DIR (default test/corpus/bom), --only owner+name[,…], --json FILE,
 * --cli FILE (default server/out/cli.js). CORPUS_DIR holds each repository as `owner+name` (a
 * checkout) or `owner+name/repo` (a bare git directory, read at the list's commit).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  type CycloneDxDocument,
  KINDS,
  type Kind,
  type KindScore,
  type ReaderList,
  type RepositoryScore,
  scoreRepository,
  totalPerKind,
} from './bomMatch';

const REPO = path.resolve(__dirname, '..', '..');

interface Options {
  expectations: string;
  only?: string[];
  json?: string;
  cli: string;
  corpusDir: string;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const corpusDir = process.env.CORPUS_DIR;
  if (!corpusDir) throw new Error('Set CORPUS_DIR to the folder that holds the repositories (owner+name or owner+name/repo).');
  return {
    expectations: path.resolve(value('--expectations') ?? path.join(REPO, 'test', 'corpus', 'bom')),
    only: value('--only')?.split(','),
    json: value('--json'),
    cli: path.resolve(value('--cli') ?? path.join(REPO, 'server', 'out', 'cli.js')),
    corpusDir: path.resolve(corpusDir),
  };
}

function readLists(folder: string, only: readonly string[] | undefined): { file: string; list: ReaderList }[] {
  return fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .filter((file) => !only || only.includes(file.replace(/\.json$/, '')))
    .sort()
    .map((file) => ({ file, list: JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as ReaderList }));
}

/** The folder to scan: a checkout as is, or a bare git directory extracted at the list's commit (cached). */
function checkoutOf(list: ReaderList, corpusDir: string): string {
  const key = list.repository.replace('/', '+');
  const bare = [path.join(corpusDir, key, 'repo'), path.join(corpusDir, key)].find(
    (dir) => fs.existsSync(path.join(dir, 'HEAD')) && fs.existsSync(path.join(dir, 'objects')),
  );
  if (!bare) {
    const checkout = path.join(corpusDir, key);
    if (!fs.existsSync(checkout)) throw new Error(`${list.repository}: not found in ${corpusDir} (as ${key} or ${key}/repo)`);
    return checkout;
  }
  const target = path.join(os.tmpdir(), 'ai-posture-corpus', `${key}@${list.commit.slice(0, 12)}`);
  if (!fs.existsSync(path.join(target, '.extracted'))) extract(bare, list.commit, target);
  return target;
}

/** `git archive` of the commit; file by file when a blob is missing from a partial snapshot. */
function extract(gitDir: string, commit: string, target: string): void {
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  // pipefail: a blob missing from the snapshot ends `git archive` early, and tar alone would call the
  // truncated stream a success (gpt-researcher lost every file after `evals/` that way).
  const archive = spawnSync('bash', ['-o', 'pipefail', '-c', `git --git-dir="${gitDir}" archive ${commit} | tar -x -C "${target}"`], {
    encoding: 'utf8',
  });
  if (archive.status !== 0) {
    const listing = spawnSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', commit], { encoding: 'utf8', maxBuffer: 1 << 30 });
    for (const row of listing.stdout.split('\0').filter(Boolean)) {
      const [meta, file] = row.split('\t');
      const [mode, type, blob] = meta.split(' ');
      // Symbolic links (mode 120000) are left out: the archive may already have made them.
      if (type !== 'blob' || mode === '120000') continue;
      const content = spawnSync('git', ['--git-dir', gitDir, 'cat-file', 'blob', blob], { maxBuffer: 1 << 30 });
      if (content.status !== 0) continue;
      try {
        fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
        fs.writeFileSync(path.join(target, file), content.stdout);
      } catch {
        // A path through a link the archive made: that file is not needed to measure.
      }
    }
  }
  fs.writeFileSync(path.join(target, '.extracted'), commit);
}

function scanBom(cli: string, folder: string): CycloneDxDocument {
  const output = path.join(os.tmpdir(), `ai-posture-corpus-${process.pid}.cdx.json`);
  const run = spawnSync(
    process.execPath,
    [cli, 'scan', folder, '--fail-on', 'never', '--format', 'json', '--output', os.devNull, '--cyclonedx', output, '--deterministic'],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`scan of ${folder} failed (${run.status}): ${run.stderr}`);
  const document = JSON.parse(fs.readFileSync(output, 'utf8')) as CycloneDxDocument;
  fs.rmSync(output, { force: true });
  return document;
}

const percent = (score: KindScore) => (score.expected === 0 ? '   -' : `${Math.round((100 * score.found) / score.expected)}%`.padStart(4));

function kindTable(title: string, perKind: Record<Kind, KindScore>): string {
  const cells = KINDS.map((kind) => `${kind} ${perKind[kind].found}/${perKind[kind].expected} ${percent(perKind[kind])}`.trim());
  return `${title.padEnd(48)} ${cells.join(' | ')}`;
}

function report(score: RepositoryScore): string {
  const lines = [kindTable(`${score.repository}${score.heldOut ? ' (held out)' : ''}`, score.perKind)];
  for (const miss of score.misses) lines.push(`  miss     ${miss.kind} ${miss.name}${miss.where ? `  (${miss.where})` : ''}`);
  for (const entry of score.notAi) lines.push(`  not AI   ${entry.kind} ${entry.name}  (${entry.firstOccurrence ?? entry.ref})`);
  for (const entry of score.unjudged)
    lines.push(`  unjudged ${entry.kind} ${entry.name} [${entry.ref}]  (${entry.firstOccurrence ?? 'no occurrence'})`);
  if (score.foundByTool > 0) lines.push(`  (${score.foundByTool} of the reader's components were seen only in the tool's output)`);
  return lines.join('\n');
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  if (!fs.existsSync(options.cli)) throw new Error(`${options.cli} is missing: run npm run build first.`);
  const scores: RepositoryScore[] = [];
  for (const { file, list } of readLists(options.expectations, options.only)) {
    try {
      const score = scoreRepository(list, scanBom(options.cli, checkoutOf(list, options.corpusDir)));
      scores.push(score);
      console.log(report(score));
    } catch (error) {
      console.log(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log('');
  for (const [title, group] of [
    ['corpus', scores.filter((score) => !score.heldOut)],
    ['held out', scores.filter((score) => score.heldOut)],
  ] as const) {
    if (group.length === 0) continue;
    const notAi = group.reduce((sum, score) => sum + score.notAi.length, 0);
    const unjudged = group.reduce((sum, score) => sum + score.unjudged.length, 0);
    const total = totalPerKind(group);
    console.log(kindTable(`TOTAL ${title} (${group.length} repositories)`, total));
    const readerOnly = Object.fromEntries(
      KINDS.map((kind) => [kind, { ...total[kind], expected: total[kind].readerExpected, found: total[kind].readerFound }]),
    );
    console.log(kindTable("  over the reader's own list", readerOnly as Record<Kind, KindScore>));
    console.log(`${''.padEnd(48)} not AI: ${notAi}, unjudged: ${unjudged}`);
  }
  if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(scores, null, 2)}\n`);
}

main();
