/** Help texts. Kept next to the parser's option tables so the two are reviewed together. */
import type { CommandName } from './args';

const GENERAL = `ai-posture: find risky AI usage in code, offline.

Usage:
  ai-posture scan [PATH ...] [options]     analyse folders or files and report findings
  ai-posture fix [PATH ...] [options]      apply the safe quick fixes
  ai-posture rules [--format text|json]    list the rules with their metadata
  ai-posture --help | --version

Run 'ai-posture <command> --help' for the options of a command.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it (or, with
--fail-on-bom-change, an AI component added since --baseline); 2 usage or configuration error.
`;

const SCAN = `Usage: ai-posture scan [PATH ...] [options]

Analyses each PATH (a folder or a file; default: the current folder) for findings and builds its
AI-BOM (the SDKs, models, services, MCP servers and other plugins, prompts and datasets it uses).
Output paths are relative to the scanned folder (for several PATHs: to the folder that holds them
all, and their AI-BOMs are merged into one).

Options:
  --format text|json|sarif|cyclonedx  report format written to stdout (default: text)
  -o, --output FILE                   write the --format report to FILE instead of stdout
  --sarif FILE                        also write SARIF 2.1.0 to FILE
  --json FILE                         also write the JSON report to FILE
  --cyclonedx FILE                    also write the AI-BOM (CycloneDX 1.6 JSON) to FILE
  --deterministic                     CycloneDX without serialNumber and timestamp, so the same code
                                      gives a byte-identical file (for committed baselines and diffs)
  --bom                               text report: list every AI-BOM component (kind, name, version,
                                      provider, first occurrence), not only the counts per kind
  -c, --config FILE                   configuration (default: .ai-posture.json found upward from the first PATH)
  --min-severity error|warning|information|hint
                                      leave out findings below this severity (default: hint, all)
  --fail-on error|warning|information|hint|never
                                      exit 1 when an unsuppressed finding is at or above this (default: error)
  --baseline BOM.cdx.json             compare the AI-BOM with a previous CycloneDX JSON BOM (this tool's
                                      or another's) and report the components added, removed and
                                      changed (text: a section at the end; JSON: "bomChanges")
  --fail-on-bom-change                exit 1 when a component was ADDED since --baseline: a pull request
                                      that brings in a new model, SDK, service or MCP server needs a
                                      reviewer. Removals and version or content changes are reported
                                      but do not fail: dropping a dependency is not a new risk.
  --no-progress                       no progress line (it is only shown when stderr is a terminal)
  -j, --jobs N                        analysis threads (default: one per core; 1 analyses on the
                                      main thread). The output is the same whatever N is.
  --cache DIR                         keep each file's results in DIR, keyed by its content, and
                                      reuse them for unchanged files next time (a CI cache folder)
  --stats                             print to stderr where the time went: files read, left out by
                                      the prefilter, parsed (and for which rules or collectors),
                                      answered from the cache, threads, peak memory
  --as-of YYYY-MM-DD                  judge model retirements (AIP903) on that day instead of
                                      today, so a CI run gives the same answer on any day
  -h, --help                          show this help

Examples:
  ai-posture scan . --sarif ai-posture.sarif --cyclonedx ai-bom.cdx.json --deterministic
  ai-posture scan . --baseline main.cdx.json --fail-on-bom-change
`;

const FIX = `Usage: ai-posture fix [PATH ...] [options]

Applies the safe quick fixes (the same edits the editor offers) to the files under each PATH.
Unsafe fixes (they remove the risk but may change behaviour, e.g. a model that then fails to
load) are applied only with --unsafe-fixes. Fixes that need a person (a placeholder to fill in)
and suppressed findings are always left alone.

Options:
  --rule ID            only fixes of this rule (e.g. AIP102)
  --unsafe-fixes       also apply the unsafe fixes; review the result before committing it
  --dry-run            list the fixes that would be applied; write nothing
  -c, --config FILE    configuration (default: .ai-posture.json found upward from the first PATH)
  --no-progress        no progress line
  -h, --help           show this help
`;

const RULES = `Usage: ai-posture rules [--format text|json]

Lists every rule: id, default severity, whether it has a safe fix, slug and title.
With --format json: the full metadata (explanation, remediation, OWASP/CWE/ATLAS ids, docs link).
`;

export function helpText(topic?: CommandName): string {
  switch (topic) {
    case 'scan':
      return SCAN;
    case 'fix':
      return FIX;
    case 'rules':
      return RULES;
    default:
      return GENERAL;
  }
}
