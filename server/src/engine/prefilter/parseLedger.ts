/**
 * Why files get parsed: each consumer that asks for a syntax tree names itself (`rule AIP102`,
 * `ai-bom: import`), and the scan counts, per file, which consumers asked and whether a parse
 * actually happened (the rules and the AI-BOM share one tree per file version). `--stats` prints
 * the counts, so a prefilter that lets too much through is visible.
 *
 * Module state is safe here: a thread analyses one file at a time, and every request for a tree
 * is made synchronously inside the consumer that set the reason.
 */

let reasons: readonly string[] = [];
let current: { requests: Set<string>; parses: number } | undefined;

/** Runs `work` with `reason` as the reason of any parse it requests. */
export async function withParseReason<T>(reason: string | readonly string[], work: () => Promise<T>): Promise<T> {
  const previous = reasons;
  reasons = typeof reason === 'string' ? [reason] : reason;
  try {
    return await work();
  } finally {
    reasons = previous;
  }
}

/** Called by the tree provider on each request; `parsed` is false when a cached tree was reused. */
export function noteTreeRequest(parsed: boolean): void {
  if (!current) return;
  for (const reason of reasons) current.requests.add(reason);
  if (parsed) current.parses++;
}

export interface FileParseRecord {
  /** The consumers that asked for a tree. */
  reasons: string[];
  /** Parses done (0 when nothing asked, 1 when the rules and the collectors shared one tree). */
  parses: number;
}

/** Records the parse requests made while `work` analyses one file. */
export async function recordParses<T>(work: () => Promise<T>): Promise<{ value: T; parses: FileParseRecord }> {
  const outer = current;
  const record = { requests: new Set<string>(), parses: 0 };
  current = record;
  try {
    const value = await work();
    return { value, parses: { reasons: [...record.requests].sort(), parses: record.parses } };
  } finally {
    current = outer;
  }
}
