import type { ClassifiedImport, ModelScan, PickleStreamScan } from './scan';

/**
 * What the scan of one model file amounts to, for the AI-BOM entry (`modelFile:verdict`) and the
 * tree view. Byte rules read the same scan, so the verdict and the findings never disagree.
 */

export interface ImportSite {
  stream: PickleStreamScan;
  found: ClassifiedImport;
}

/** Imports with the given verdict across every pickle stream of the file, in file order. */
export function importsWith(scan: ModelScan, verdict: ClassifiedImport['verdict']): ImportSite[] {
  return scan.pickles.flatMap((stream) => stream.imports.filter((found) => found.verdict === verdict).map((found) => ({ stream, found })));
}

/** `os.system at offset 2 of archive/data.pkl` */
export function importText(site: ImportSite): string {
  const where = site.stream.member ? ` of ${site.stream.member}` : '';
  return `${site.found.module}.${site.found.name} at offset ${site.found.offset}${where}`;
}

const MAX_EVIDENCE = 5;

function list(items: string[]): string {
  const shown = items.slice(0, MAX_EVIDENCE).join('; ');
  return items.length > MAX_EVIDENCE ? `${shown}; and ${items.length - MAX_EVIDENCE} more` : shown;
}

export function modelVerdict(info: { scan?: ModelScan; notScanned?: string }): { verdict: string; evidence?: string } | undefined {
  if (info.notScanned) return { verdict: 'not scanned', evidence: info.notScanned };
  const scan = info.scan;
  if (!scan) return undefined;
  const partly = scan.incomplete.length > 0 ? `partly scanned: ${list(scan.incomplete)}` : undefined;
  const withPartly = (verdict: string, evidence: string[]) => ({
    verdict,
    evidence: [list(evidence), partly].filter(Boolean).join(' | '),
  });
  const dangerous = importsWith(scan, 'dangerous');
  if (dangerous.length > 0) return withPartly('malicious', dangerous.map(importText));
  const unsafe = [
    ...scan.keras.map((issue) => `keras ${issue.kind}`),
    ...(scan.h5Lambda ? ['keras Lambda layer (h5)'] : []),
    ...scan.templates.map((template) => `${template.key}: ${template.construct}`),
    ...scan.externalData.map((entry) => `external data ${entry.location}`),
  ];
  if (unsafe.length > 0) return withPartly('unsafe', unsafe);
  const unknown = importsWith(scan, 'unknown');
  if (unknown.length > 0) return withPartly('unknown imports', unknown.map(importText));
  if (scan.malformed.length > 0)
    return withPartly(
      'malformed',
      scan.malformed.map((entry) => `${entry.format}: ${entry.problem}`),
    );
  if (scan.pickles.length > 0) return withPartly('pickle', ['loading it can run code; only allow-listed imports found']);
  if (partly) return { verdict: 'partly scanned', evidence: partly };
  return { verdict: scan.format === 'unknown' ? 'unrecognized format' : 'no issue found' };
}

/** How messages name each kind of pickle container. */
export const CONTAINER_TEXT: Record<PickleStreamScan['container'], string> = {
  pickle: 'a raw pickle stream',
  joblib: 'a joblib file, which is a pickle',
  'legacy-torch': 'a legacy PyTorch checkpoint of stacked pickles',
  'pytorch-zip': 'a PyTorch zip checkpoint',
  'numpy-object': 'a NumPy object array, stored as a pickle',
  'npz-object': 'a NumPy archive',
  'zip-member': 'a zip archive holding a pickle',
};
