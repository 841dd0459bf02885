/**
 * The model-file benchmark: `npx tsx test/bench/modelFiles.bench.ts` (not part of `npm test` or
 * `npm run bench`'s default trees). It writes large benign checkpoints laid out like the real ones
 * (a safetensors file, and a PyTorch zip as `torch.save` writes it: `archive/data.pkl`,
 * `archive/data/<key>`, `archive/version`, `archive/.data/serialization_id`), then measures:
 * - `cat file > /dev/null` (the disk or page-cache read speed on this machine, in the same run)
 *   and `sha256sum` (the AI-BOM hashes every model file, so hashing is the floor of the task);
 * - the scanner alone (`modelFileInfo` without hashing): time and the bytes it reads;
 * - the whole model-file task (scan + SHA-256 for the AI-BOM) through the built CLI.
 *
 * Options (environment): MODEL_BENCH_SAFETENSORS_MB (default 1536), MODEL_BENCH_TORCH_MB (512),
 * MODEL_BENCH_DIR (where to write; default a temp folder), BENCH_KEEP=1 (keep the files).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { crc32 } from 'node:zlib';
import { modelFileInfo } from '../../server/src/engine/inventory/modelFiles';
import { torchStateDictPickle } from '../engine/modelScan/modelBytes';
import { ensureBuilt, REPO } from '../support/bundles';

const MB = 1024 * 1024;
const CLI = path.join(REPO, 'server', 'out', 'cli.js');
const CHUNK = Buffer.alloc(16 * MB, 0x3c);

function writeRepeated(fd: number, bytes: number): number {
  let crc = 0;
  for (let left = bytes; left > 0; left -= CHUNK.length) {
    const part = CHUNK.subarray(0, Math.min(left, CHUNK.length));
    fs.writeSync(fd, part);
    crc = crc32(part, crc);
  }
  return crc;
}

function writeSafetensors(file: string, megabytes: number): void {
  const tensors = 64;
  const perTensor = Math.floor((megabytes * MB) / tensors / 4) * 4;
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  for (let index = 0; index < tensors; index++) {
    header[`model.layers.${index}.weight`] = {
      dtype: 'F32',
      shape: [perTensor / 4],
      data_offsets: [index * perTensor, (index + 1) * perTensor],
    };
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, length);
  fs.writeSync(fd, json);
  writeRepeated(fd, perTensor * tensors);
  fs.closeSync(fd);
}

/** A stored (uncompressed) zip written member by member, as `torch.save` does; CRCs are real. */
function writeTorchZip(file: string, megabytes: number): void {
  const storages = 50;
  const perStorage = Math.floor((megabytes * MB) / storages);
  const tensors = Array.from({ length: storages }, (_, index) => ({ name: `layer${index}.weight`, key: String(index), numel: 100 }));
  const members: { name: string; write: (fd: number) => number; size: number }[] = [
    { name: 'archive/data.pkl', size: 0, write: (fd) => writeBuffer(fd, torchStateDictPickle(tensors)) },
    { name: 'archive/.format_version', size: 0, write: (fd) => writeBuffer(fd, Buffer.from('1')) },
    { name: 'archive/byteorder', size: 0, write: (fd) => writeBuffer(fd, Buffer.from('little')) },
    ...tensors.map((tensor) => ({
      name: `archive/data/${tensor.key}`,
      size: perStorage,
      write: (fd: number) => writeRepeated(fd, perStorage),
    })),
    { name: 'archive/version', size: 0, write: (fd) => writeBuffer(fd, Buffer.from('3\n')) },
    { name: 'archive/.data/serialization_id', size: 0, write: (fd) => writeBuffer(fd, Buffer.from('0'.repeat(40))) },
  ];
  const fd = fs.openSync(file, 'w');
  const central: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(name.length, 26);
    fs.writeSync(fd, header);
    fs.writeSync(fd, name);
    const dataStart = offset + 30 + name.length;
    const crc = member.write(fd);
    const size = fs.fstatSync(fd).size - dataStart;
    // Sizes and CRC go back into the local header once the data is written.
    const patch = Buffer.alloc(12);
    patch.writeUInt32LE(crc >>> 0, 0);
    patch.writeUInt32LE(size, 4);
    patch.writeUInt32LE(size, 8);
    fs.writeSync(fd, patch, 0, 12, offset + 14);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(size, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset = dataStart + size;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeSync(fd, directory, 0, directory.length, offset);
  fs.writeSync(fd, end, 0, end.length, offset + directory.length);
  fs.closeSync(fd);
}

function writeBuffer(fd: number, bytes: Buffer): number {
  fs.writeSync(fd, bytes);
  return crc32(bytes);
}

function seconds(run: () => void): number {
  const started = performance.now();
  run();
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  ensureBuilt(CLI);
  const dir = process.env.MODEL_BENCH_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aip-model-bench-'));
  const files = [
    { name: 'model.safetensors', write: (file: string) => writeSafetensors(file, Number(process.env.MODEL_BENCH_SAFETENSORS_MB ?? 1536)) },
    { name: 'pytorch_model.bin', write: (file: string) => writeTorchZip(file, Number(process.env.MODEL_BENCH_TORCH_MB ?? 512)) },
  ];
  try {
    const rows: Record<string, string | number>[] = [];
    for (const { name, write } of files) {
      const file = path.join(dir, name);
      write(file);
      const size = fs.statSync(file).size;
      const folder = fs.mkdtempSync(path.join(dir, 'ws-'));
      fs.renameSync(file, path.join(folder, name));
      const target = path.join(folder, name);
      const cat = seconds(() => execFileSync('sh', ['-c', `cat "${target}" > /dev/null`]));
      // The AI-BOM lists every model file's SHA-256, so hashing every byte is the floor of the task.
      const sha256sum = seconds(() => execFileSync('sha256sum', [target]));
      let scanned = 0;
      let verdict = '';
      const started = performance.now();
      const info = await modelFileInfo(target, { maxHashBytes: -1 });
      const scanOnly = (performance.now() - started) / 1000;
      scanned = info.scannedBytes;
      verdict = info.scan ? `${info.format}` : 'not scanned';
      const cli = seconds(() =>
        execFileSync(process.execPath, [CLI, 'scan', folder, '--format', 'cyclonedx', '--fail-on', 'never'], {
          maxBuffer: 64 * MB,
        }),
      );
      rows.push({
        file: name,
        format: verdict,
        megabytes: Math.round(size / MB),
        catSeconds: Number(cat.toFixed(2)),
        scanSeconds: Number(scanOnly.toFixed(3)),
        scanReadShare: `${((100 * scanned) / size).toFixed(4)}%`,
        sha256sumSeconds: Number(sha256sum.toFixed(2)),
        cliSeconds: Number(cli.toFixed(2)),
        cliMegabytesPerSecond: Math.round(size / MB / cli),
        catMegabytesPerSecond: Math.round(size / MB / cat),
      });
    }
    console.table(rows);
  } finally {
    if (!process.env.BENCH_KEEP && !process.env.MODEL_BENCH_DIR) fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
