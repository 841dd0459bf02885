/**
 * Foreground work that background scan workers step aside for: an editor analysing the document
 * the user is typing in. On a small machine the scan's threads share the cores (often hyperthreads
 * of one core) with the thread answering the editor, and a lower nice value alone still left a
 * keystroke's analysis twice as slow while a scan ran. While foreground work is held, a background
 * worker finishes the file it is on and waits before starting the next.
 *
 * The counter lives in shared memory, so a waiting worker wakes the moment the work ends.
 */
const held = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

/** The shared counter, handed to background workers. */
export function foregroundGate(): SharedArrayBuffer {
  return held.buffer as SharedArrayBuffer;
}

/** Runs `work` with background workers held back (nested and concurrent holds count). */
export async function inForeground<T>(work: () => Promise<T>): Promise<T> {
  Atomics.add(held, 0, 1);
  try {
    return await work();
  } finally {
    if (Atomics.sub(held, 0, 1) === 1) Atomics.notify(held, 0);
  }
}

/**
 * The longest a worker steps aside before one file: foreground work that never ends (a bug, or
 * typing without a pause for a long time in a huge file) slows the scan down but never stops it.
 */
const MAX_STEP_ASIDE_MS = 1_000;

/** In a background worker, before a file: waits while foreground work is held. */
export function stepAsideForForeground(gate: Int32Array): void {
  const deadline = Date.now() + MAX_STEP_ASIDE_MS;
  for (let count = Atomics.load(gate, 0); count > 0; count = Atomics.load(gate, 0)) {
    const left = deadline - Date.now();
    if (left <= 0) return;
    Atomics.wait(gate, 0, count, left);
  }
}
