import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { withExistingDataFiles } from '../../../server/src/engine/inventory/aiDataFiles';
import { collectFromFile } from '../../../server/src/engine/inventory/collect';
import { mergeInventory } from '../../../server/src/engine/inventory/merge';
import type { AiBom, AiComponent } from '../../../server/src/engine/inventory/types';

/** The committed fixture workspace (model files are written by `copyFixtureWorkspace`). */
export const FIXTURE_WORKSPACE = path.join(__dirname, '..', '..', 'fixtures-bom');

/** Merged inventory of a few in-memory files. */
export async function inventoryOf(files: Record<string, string>): Promise<AiBom> {
  const partials = [];
  for (const [file, text] of Object.entries(files)) partials.push(await collectFromFile(file, text));
  // The files given are the workspace: a data file code reads counts only when it is one of them.
  return withExistingDataFiles(mergeInventory(partials), (file) => Object.hasOwn(files, file));
}

/** The prompt names of a few in-memory files, sorted. */
export async function sortedPromptNames(files: Record<string, string>): Promise<string[]> {
  const bom = await inventoryOf(files);
  return bom.components
    .filter((component) => component.kind === 'prompt')
    .map((component) => component.name)
    .sort();
}

/** `kind name[@version]` lines, the compact form the tests compare. */
export function summary(bom: AiBom): string[] {
  return bom.components.map(describe);
}

export function describe(component: AiComponent): string {
  return `${component.kind} ${component.name}${component.version ? `@${component.version}` : ''}${component.provider && component.kind !== 'sdk' ? ` (${component.provider})` : ''}`;
}

export function find(bom: AiBom, kind: AiComponent['kind'], name: string): AiComponent {
  const component = bom.components.find((entry) => entry.kind === kind && entry.name === name);
  if (!component) throw new Error(`no ${kind} ${name} in:\n${summary(bom).join('\n')}`);
  return component;
}

export function propertyValues(component: AiComponent, name: string): string[] {
  return component.properties.filter((entry) => entry.name === `ai-posture:${name}`).map((entry) => entry.value);
}

/** A tiny GGUF v3 file: header and two metadata strings, no tensors. */
export function ggufBytes(): Buffer {
  const parts: Buffer[] = [Buffer.from('GGUF', 'latin1'), u32(3), u64(0), u64(2)];
  for (const [key, value] of [
    ['general.architecture', 'llama'],
    ['general.name', 'tiny-llama-fixture'],
  ]) {
    parts.push(ggufString(key), u32(8), ggufString(value));
  }
  return Buffer.concat(parts);
}

/** A valid safetensors file: one F32 tensor of two values and `__metadata__.format`. */
export function safetensorsBytes(): Buffer {
  let header = JSON.stringify({ weight: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, __metadata__: { format: 'pt' } });
  while ((header.length + 8) % 8 !== 0) header += ' ';
  return Buffer.concat([u64(header.length), Buffer.from(header, 'utf8'), Buffer.alloc(8)]);
}

/** The bytes of `pickle.dumps({'a': 1}, protocol=4)`: data only, never unpickled. */
export function pickleBytes(): Buffer {
  return Buffer.from([0x80, 0x04, 0x95, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x94, 0x8c, 0x01, 0x61, 0x94, 0x4b, 0x01, 0x73, 0x2e]);
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}

function u64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(BigInt(value));
  return buffer;
}

function ggufString(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([u64(bytes.length), bytes]);
}

/** Copies the fixture workspace to a temporary folder and adds generated model files (git-ignored there). */
export function copyFixtureWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aip-bom-'));
  fs.cpSync(FIXTURE_WORKSPACE, root, { recursive: true });
  fs.mkdirSync(path.join(root, 'models'));
  fs.writeFileSync(path.join(root, '.gitignore'), 'models/\n');
  fs.writeFileSync(path.join(root, 'models', 'tiny-llama.gguf'), ggufBytes());
  fs.writeFileSync(path.join(root, 'models', 'classifier.safetensors'), safetensorsBytes());
  fs.writeFileSync(path.join(root, 'models', 'legacy-ranker.pkl'), pickleBytes());
  return root;
}

const SCHEMA_DIR = path.join(path.dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');

function loadSchema(file: string): object {
  return JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8'));
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** The official CycloneDX 1.6 JSON schema with its SPDX and JSF references, as ajv + ajv-formats. */
export function cycloneDxValidator(): ReturnType<Ajv['compile']> {
  if (!validator) {
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      addUsedSchema: false,
      schemas: {
        'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': loadSchema('spdx.SNAPSHOT.schema.json'),
        'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': loadSchema('jsf-0.82.SNAPSHOT.schema.json'),
      },
    });
    addFormats(ajv);
    // No maintained validator exists for these two; the CycloneDX library accepts them the same way.
    ajv.addFormat('iri-reference', true);
    ajv.addFormat('idn-email', true);
    validator = ajv.compile(loadSchema('bom-1.6.SNAPSHOT.schema.json'));
  }
  return validator;
}

/** The names of a BOM's components of one kind, sorted. */
export function namesOf(bom: AiBom, kind: AiComponent['kind']): string[] {
  return bom.components
    .filter((component) => component.kind === kind)
    .map((component) => component.name)
    .sort();
}

/** The refs of a BOM's components of one kind, sorted. */
export function refsOf(bom: AiBom, kind: AiComponent['kind']): string[] {
  return bom.components
    .filter((component) => component.kind === kind)
    .map((component) => component.ref)
    .sort();
}

/** A notebook of code cells, one JSON line per source line (so occurrences have distinct lines). */
export function notebookOf(...cells: string[]): string {
  const source = (text: string) => text.split(/(?<=\n)/);
  const body = cells.map((text) => ({ cell_type: 'code', metadata: {}, source: source(text) }));
  return JSON.stringify({ cells: body, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

/** A notebook of code cells given as lines, with notebook metadata (a kernel), one line of JSON per source line. */
export function notebookOfLines(cells: string[][], metadata: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      cells: cells.map((source) => ({
        cell_type: 'code',
        metadata: {},
        source: source.map((line, i) => (i < source.length - 1 ? `${line}\n` : line)),
      })),
      metadata,
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}
