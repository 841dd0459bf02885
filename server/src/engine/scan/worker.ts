/**
 * A scan worker thread: receives batches of file tasks, runs each exactly as the main thread
 * would (`runFileTask`), and answers with their outcomes. One task failing never loses the batch.
 */
import * as os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { type FileTask, failedOutcome, runFileTask, type TaskOutcome, type TaskSettings } from './fileTask';
import { stepAsideForForeground } from './foreground';

export interface BatchRequest {
  id: number;
  tasks: FileTask[];
}

export interface BatchResponse {
  id: number;
  outcomes: TaskOutcome[];
}

const { settings, background, foreground } = workerData as {
  settings: TaskSettings;
  background?: boolean;
  /** The editor's foreground counter (`foreground.ts`), for background scans only. */
  foreground?: SharedArrayBuffer;
};
const foregroundHeld = foreground ? new Int32Array(foreground) : undefined;

// On Linux a nice value belongs to a thread, so this lowers only this worker: the editor's main
// thread keeps the CPU while the user types during a scan. Elsewhere it would lower the whole
// process (the main thread too), so it is left alone.
if (background && process.platform === 'linux') {
  try {
    os.setPriority(os.constants.priority.PRIORITY_LOW);
  } catch {
    // Not permitted (a container's seccomp policy): the scan still runs, at normal priority.
  }
}

parentPort?.on('message', async (request: BatchRequest) => {
  const outcomes: TaskOutcome[] = [];
  for (const task of request.tasks) {
    if (foregroundHeld) stepAsideForForeground(foregroundHeld);
    try {
      outcomes.push(await runFileTask(task, settings));
    } catch (error) {
      outcomes.push(failedOutcome(task, error));
    }
  }
  // Receiving a batch costs the main thread a structured-clone read; it waits while the editor
  // analyses a document, like the next file does.
  if (foregroundHeld) stepAsideForForeground(foregroundHeld);
  parentPort?.postMessage({ id: request.id, outcomes } satisfies BatchResponse);
});
