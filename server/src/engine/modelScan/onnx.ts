import { type ByteSource, Cursor, Truncated } from './source';

/**
 * A minimal protobuf walker for ONNX models: it follows only the messages that can hold tensors
 * (ModelProto → GraphProto initializers, sparse initializers, node attributes and their subgraphs,
 * functions, training info) and reads each TensorProto's `external_data` entries. Every other
 * field, raw tensor bytes included, is skipped by its length without being read, so a model with
 * embedded weights costs little more than its graph. Depth, field count and lengths are bounded.
 */

export interface OnnxExternalData {
  tensor: string;
  location: string;
}

export interface OnnxInfo {
  details: Record<string, string>;
  externalData: OnnxExternalData[];
  problems: string[];
}

type Walk = (cursor: Cursor, end: number, info: OnnxInfo, depth: number) => void;

const MAX_DEPTH = 64;
const MAX_FIELDS = 20_000_000;
const MAX_EXTERNAL_ENTRIES = 10_000;
const utf8 = new TextDecoder('utf-8');

class ProtobufProblem extends Error {}

interface Field {
  number: number;
  wireType: number;
  /** For length-delimited fields: where the payload starts and ends. */
  start: number;
  end: number;
  varint?: number;
}

function varint(cursor: Cursor): number {
  let result = 0;
  let scale = 1;
  for (let index = 0; index < 10; index++) {
    const byte = cursor.u8();
    result += (byte & 0x7f) * scale;
    if ((byte & 0x80) === 0) return result;
    scale *= 128;
  }
  throw new ProtobufProblem('a varint is longer than 10 bytes');
}

let fieldBudget = 0;

/** Reads one field header and skips or delimits its payload. */
function nextField(cursor: Cursor, end: number): Field {
  if (--fieldBudget < 0) throw new ProtobufProblem(`more than ${MAX_FIELDS} fields`);
  const key = varint(cursor);
  const number = Math.floor(key / 8);
  const wireType = key % 8;
  if (number === 0) throw new ProtobufProblem('field number 0');
  switch (wireType) {
    case 0:
      return { number, wireType, start: cursor.position, end: cursor.position, varint: varint(cursor) };
    case 1:
      cursor.skip(8);
      return { number, wireType, start: cursor.position, end: cursor.position };
    case 5:
      cursor.skip(4);
      return { number, wireType, start: cursor.position, end: cursor.position };
    case 2: {
      const length = varint(cursor);
      const start = cursor.position;
      if (start + length > end) throw new ProtobufProblem(`field ${number} runs past the end of its message`);
      return { number, wireType, start, end: start + length };
    }
    default:
      throw new ProtobufProblem(`unsupported wire type ${wireType}`);
  }
}

/** Visits the fields of a message in [cursor.position, end); `onField` must leave the cursor at `field.end` or before. */
function eachField(cursor: Cursor, end: number, onField: (field: Field) => void): void {
  while (cursor.position < end) {
    const field = nextField(cursor, end);
    if (field.wireType === 2) {
      onField(field);
      cursor.position = field.end;
    } else if (cursor.position > end) throw new ProtobufProblem('a field runs past the end of its message');
    else onField(field);
  }
}

function text(cursor: Cursor, field: Field, limit = 4096): string {
  cursor.position = field.start;
  return utf8.decode(cursor.bytes(Math.min(limit, field.end - field.start)));
}

function nested(walk: Walk, cursor: Cursor, field: Field, info: OnnxInfo, depth: number): void {
  if (field.wireType !== 2) return;
  if (depth >= MAX_DEPTH) throw new ProtobufProblem('messages nested too deeply');
  cursor.position = field.start;
  walk(cursor, field.end, info, depth + 1);
}

const tensor: Walk = (cursor, end, info) => {
  let name = '';
  const locations: string[] = [];
  eachField(cursor, end, (field) => {
    if (field.number === 8 && field.wireType === 2) name = text(cursor, field, 256);
    if (field.number === 13 && field.wireType === 2) {
      let key = '';
      let value = '';
      cursor.position = field.start;
      eachField(cursor, field.end, (entry) => {
        if (entry.wireType !== 2) return;
        if (entry.number === 1) key = text(cursor, entry, 64);
        if (entry.number === 2) value = text(cursor, entry);
      });
      if (key === 'location') locations.push(value);
    }
  });
  for (const location of locations) {
    if (info.externalData.length < MAX_EXTERNAL_ENTRIES) info.externalData.push({ tensor: name, location });
  }
};

const sparseTensor: Walk = (cursor, end, info, depth) =>
  eachField(cursor, end, (field) => {
    if (field.number === 1 || field.number === 2) nested(tensor, cursor, field, info, depth);
  });

const attribute: Walk = (cursor, end, info, depth) =>
  eachField(cursor, end, (field) => {
    if (field.number === 5 || field.number === 10) nested(tensor, cursor, field, info, depth);
    else if (field.number === 6 || field.number === 11) nested(graph, cursor, field, info, depth);
    else if (field.number === 22 || field.number === 23) nested(sparseTensor, cursor, field, info, depth);
  });

const node: Walk = (cursor, end, info, depth) =>
  eachField(cursor, end, (field) => {
    if (field.number === 5) nested(attribute, cursor, field, info, depth);
  });

const graph: Walk = (cursor, end, info, depth) =>
  eachField(cursor, end, (field) => {
    if (field.number === 1) nested(node, cursor, field, info, depth);
    else if (field.number === 5) nested(tensor, cursor, field, info, depth);
    else if (field.number === 15) nested(sparseTensor, cursor, field, info, depth);
  });

const functionProto: Walk = (cursor, end, info, depth) =>
  eachField(cursor, end, (field) => {
    if (field.number === 7) nested(node, cursor, field, info, depth);
  });

const trainingInfo: Walk = (cursor, end, info, depth) =>
  eachField(cursor, end, (field) => {
    if (field.number === 1 || field.number === 2) nested(graph, cursor, field, info, depth);
  });

const model: Walk = (cursor, end, info, depth) =>
  eachField(cursor, end, (field) => {
    if (field.number === 1 && field.varint !== undefined) info.details.irVersion = String(field.varint);
    else if (field.number === 2 && field.wireType === 2) info.details.producer = text(cursor, field, 200);
    else if (field.number === 3 && field.wireType === 2) info.details.producerVersion = text(cursor, field, 200);
    else if (field.number === 7) nested(graph, cursor, field, info, depth);
    else if (field.number === 20) nested(trainingInfo, cursor, field, info, depth);
    else if (field.number === 25) nested(functionProto, cursor, field, info, depth);
  });

export function readOnnx(source: ByteSource): OnnxInfo {
  const info: OnnxInfo = { details: {}, externalData: [], problems: [] };
  fieldBudget = MAX_FIELDS;
  try {
    model(new Cursor(source), source.size, info, 0);
  } catch (error) {
    if (!(error instanceof ProtobufProblem || error instanceof Truncated)) throw error;
    info.problems.push(error instanceof Truncated ? `the protobuf is ${error.message}` : error.message);
  }
  return info;
}
