/**
 * A scan worker thread: receives batches of file tasks, runs each exactly as the main thread
 * would (`runFileTask`), and answers with their outcomes. One task failing never loses the batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type FileTask, failedOutcome, runFileTask, type TaskOutcome, type TaskSettings } from './fileTask';

export interface BatchRequest {
  id: number;
  tasks: FileTask[];
}

export interface BatchResponse {
  id: number;
  outcomes: TaskOutcome[];
}

const settings = (workerData as { settings: TaskSettings }).settings;

parentPort?.on('message', async (request: BatchRequest) => {
  const outcomes: TaskOutcome[] = [];
  for (const task of request.tasks) {
    try {
      outcomes.push(await runFileTask(task, settings));
    } catch (error) {
      outcomes.push(failedOutcome(task, error));
    }
  }
  parentPort?.postMessage({ id: request.id, outcomes } satisfies BatchResponse);
});
