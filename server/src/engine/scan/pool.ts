import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type FileTask, failedOutcome, runFileTask, type TaskOutcome, type TaskSettings } from './fileTask';
import { foregroundGate } from './foreground';
import type { BatchRequest, BatchResponse } from './worker';

/** Runs batches of file tasks somewhere: on this thread, or on a pool of worker threads. */
export interface BatchRunner {
  run(tasks: FileTask[]): Promise<TaskOutcome[]>;
  /** How many batches may be in flight at once to keep every thread busy. */
  readonly capacity: number;
  close(): Promise<void>;
}

/** The analysis threads to use when the caller does not say: one per core, at most eight. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(8, os.availableParallelism()));
}

/**
 * The worker threads of a background (editor) scan: one core fewer, so the thread answering the
 * editor keeps a core of its own while the user types. One worker still keeps the scan off it.
 */
export function backgroundJobs(): number {
  return Math.max(1, defaultJobs() - 1);
}

/** Runs tasks one after another on the calling thread (small workspaces, `--jobs 1`). */
export class InProcessRunner implements BatchRunner {
  readonly capacity = 1;
  constructor(private readonly settings: TaskSettings) {}

  async run(tasks: FileTask[]): Promise<TaskOutcome[]> {
    const outcomes: TaskOutcome[] = [];
    for (const task of tasks) {
      // Let the event loop run between files: in the language server this thread also answers
      // the editor, and a file task's awaits settle as microtasks that would never let it in.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        outcomes.push(await runFileTask(task, this.settings));
      } catch (error) {
        outcomes.push(failedOutcome(task, error));
      }
    }
    return outcomes;
  }

  async close(): Promise<void> {}
}

interface Pending {
  tasks: FileTask[];
  resolve: (outcomes: TaskOutcome[]) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Batches each worker may hold: one running, one queued, so no worker waits for the main thread. */
const PER_WORKER = 2;

/**
 * A pool of worker threads, each with its own grammars and caches. A worker that dies (a crash in
 * a parser on hostile input, memory exhaustion) is replaced; the tasks of its batches run again one
 * per batch on the new worker, so only the file that kills a worker again is lost, as a notice.
 */
/**
 * A worker's short-lived objects (syntax nodes, strings of one file) die within a file: a small
 * young generation is collected often and cheaply. V8's default let each worker hold ~50 MB more
 * at peak (50k-file tree: 311 → 258 MB peak RSS with two workers) for no gain in speed.
 */
const WORKER_YOUNG_GENERATION_MB = 8;

export class WorkerPool implements BatchRunner {
  readonly capacity: number;
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly settings: TaskSettings,
    /** Workers yield the CPU to every other thread (an editor's main thread answering keystrokes). */
    private readonly background = false,
  ) {
    this.capacity = size * PER_WORKER;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(tasks: FileTask[]): Promise<TaskOutcome[]> {
    return new Promise((resolve) => this.dispatch({ tasks, resolve }));
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(pending: Pending): void {
    const slot = this.slots.reduce((least, other) => (other.pending.size < least.pending.size ? other : least));
    const id = this.nextId++;
    slot.pending.set(id, pending);
    slot.worker.postMessage({ id, tasks: pending.tasks } satisfies BatchRequest);
  }

  private spawn(): Slot {
    const { file, execArgv } = workerEntry();
    const worker = new Worker(file, {
      workerData: { settings: this.settings, background: this.background, ...(this.background ? { foreground: foregroundGate() } : {}) },
      execArgv,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    const slot: Slot = { worker, pending: new Map() };
    worker.on('message', (response: BatchResponse) => {
      const pending = slot.pending.get(response.id);
      slot.pending.delete(response.id);
      pending?.resolve(response.outcomes);
    });
    worker.on('error', (error) => this.replace(slot, error));
    worker.on('exit', (code) => {
      if (!this.closed && slot.pending.size > 0) this.replace(slot, new Error(`worker exited with code ${code}`));
    });
    return slot;
  }

  private replace(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    const lost = [...slot.pending.values()];
    slot.pending.clear();
    void slot.worker.terminate();
    this.slots[index] = this.spawn();
    for (const pending of lost) {
      if (pending.tasks.length === 1) {
        // Already retried alone: this file is what kills the worker.
        pending.resolve([failedOutcome(pending.tasks[0], error)]);
        continue;
      }
      const singles = pending.tasks.map((task) => this.run([task]));
      void Promise.all(singles).then((outcomes) => pending.resolve(outcomes.flat()));
    }
  }
}

/**
 * The worker's script: the bundled `scanWorker.js` beside the CLI and server bundles, or the
 * TypeScript source when the engine itself runs from source (tests), loaded through tsx.
 */
function workerEntry(): { file: string; execArgv: string[] } {
  const bundled = path.join(__dirname, 'scanWorker.js');
  if (fs.existsSync(bundled)) return { file: bundled, execArgv: process.execArgv };
  return { file: path.join(__dirname, 'worker.ts'), execArgv: ['--require', 'tsx/cjs'] };
}
