/**
 * Refreshes `server/src/engine/data/advisories.json` from an OSV export (never run in CI; the
 * product never goes online). Usage:
 *
 *   npx tsx scripts/refresh-advisories.ts <export> [<export> ...] [--date YYYY-MM-DD]
 *
 * where each export is a folder of OSV JSON records or a zip of them (the per-ecosystem
 * `all.zip` of https://osv.dev/docs/#section/Data-dumps: PyPI, npm, Maven, NuGet), fetched on a
 * machine with network access. Zips are unpacked with the system `unzip`. See docs/dev/advisories.md.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type OsvRecord, refreshAdvisories } from './advisoryRefresh';

const DATA = path.join(__dirname, '..', 'server', 'src', 'engine', 'data', 'advisories.json');

function* records(folder: string): Generator<OsvRecord> {
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    try {
      yield JSON.parse(fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8')) as OsvRecord;
    } catch {
      console.warn(`skipped ${entry.name}: not an OSV JSON record`);
    }
  }
}

function folderOf(source: string): string {
  if (fs.statSync(source).isDirectory()) return source;
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'osv-'));
  execFileSync('unzip', ['-q', '-o', source, '-d', target]);
  return target;
}

function main(argv: string[]): void {
  const dateAt = argv.indexOf('--date');
  const date = dateAt >= 0 ? argv[dateAt + 1] : new Date().toISOString().slice(0, 10);
  const sources = argv.filter((_arg, index) => index !== dateAt && index !== dateAt + 1);
  if (sources.length === 0) throw new Error('usage: refresh-advisories.ts <osv-export-folder-or-zip> ... [--date YYYY-MM-DD]');
  const data = JSON.parse(fs.readFileSync(DATA, 'utf8'));
  let advisories = data.advisories;
  for (const source of sources) advisories = refreshAdvisories(advisories, records(folderOf(source)));
  const review = advisories.filter((entry: { reviewNeeded?: boolean }) => entry.reviewNeeded).length;
  fs.writeFileSync(DATA, `${JSON.stringify({ ...data, dataDate: date, advisories }, null, 2)}\n`);
  console.log(
    `wrote ${advisories.length} advisories (${review} new ones to review: reword the summary, set the severity, drop reviewNeeded)`,
  );
}

main(process.argv.slice(2));
