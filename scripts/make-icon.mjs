// Draws the extension icon (resources/icon.png, 128x128): a blue shield with a white spark.
// Node built-ins only, so the icon can be regenerated anywhere: `node scripts/make-icon.mjs`.

import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis, for anti-aliased edges

const SHIELD = { cx: 64, top: 10, shoulder: 62, tip: 120, halfWidth: 46, corner: 10, rim: 5 };
const SPARKS = [
  { cx: 62, cy: 64, r: 32, color: [255, 255, 255] },
  { cx: 89, cy: 34, r: 12, color: [191, 219, 254] },
];

/** Half-width of the shield at height y: straight sides, then a cosine taper to a point. */
function shieldHalfWidth(y) {
  const { top, shoulder, tip, halfWidth, corner } = SHIELD;
  if (y < top || y > tip) return -1;
  if (y < top + corner) return halfWidth - corner + Math.sqrt(corner ** 2 - (top + corner - y) ** 2);
  if (y <= shoulder) return halfWidth;
  return halfWidth * Math.cos((((y - shoulder) / (tip - shoulder)) * Math.PI) / 2);
}

/** The shield's colour at (x, y), or undefined outside it; a darker rim outlines it. */
function shieldColor(x, y) {
  const halfWidth = shieldHalfWidth(y);
  const inset = Math.min(halfWidth - Math.abs(x - SHIELD.cx), y - SHIELD.top);
  if (inset < 0) return undefined;
  if (inset < SHIELD.rim) return [30, 58, 138];
  const t = (y - SHIELD.top) / (SHIELD.tip - SHIELD.top);
  return [59 + (29 - 59) * t, 130 + (78 - 130) * t, 246 + (216 - 246) * t];
}

/** A four-pointed star: the region |dx|^½ + |dy|^½ ≤ r^½. */
function sparkColor(x, y) {
  for (const spark of SPARKS) {
    if (Math.sqrt(Math.abs(x - spark.cx)) + Math.sqrt(Math.abs(y - spark.cy)) <= Math.sqrt(spark.r)) return spark.color;
  }
  return undefined;
}

function pixel(px, py) {
  let [r, g, b, coverage] = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      const base = shieldColor(x, y);
      if (!base) continue;
      const color = sparkColor(x, y) ?? base;
      r += color[0];
      g += color[1];
      b += color[2];
      coverage++;
    }
  }
  if (coverage === 0) return [0, 0, 0, 0];
  return [r / coverage, g / coverage, b / coverage, (255 * coverage) / SAMPLES ** 2].map(Math.round);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = [];
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(new URL('../resources/icon.png', import.meta.url), png());
