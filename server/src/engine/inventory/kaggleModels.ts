import { modelComponent, withServingService } from './components';
import { Lines } from './manifestText';
import type { PartialComponent } from './types';

/**
 * Kaggle Models handles: `owner/model/framework/variation[/version]` (`google/gemma/pax/2b-it/2`,
 * `google/gemma/keras/gemma_2b_en`), as `kaggle models instances versions download`, `kagglehub.model_download`
 * and Keras presets (`kaggle://google/gemma/keras/gemma_2b_en/2`) take them, also through a variable a job
 * sets (`MODEL_PATH: google/gemma/tensorrtllm/2b-it/2`). The framework segment is one of Kaggle's own,
 * which tells a handle from a folder path; only files that name Kaggle Models are read
 * (`KAGGLE_MODEL_LITERALS`, gated in `collect.ts`). Each handle is a model from the Kaggle service.
 */

export const KAGGLE_MODEL_LITERALS = ['kagglehub', 'kaggle models', 'kaggle://'];

/** Kaggle Models' framework names (lower case), the third segment of a handle. */
const FRAMEWORKS = [
  'keras',
  'pytorch',
  'jax',
  'flax',
  'transformers',
  'tensorflow1',
  'tensorflow2',
  'tflite',
  'tfjs',
  'onnx',
  'pax',
  'maxtext',
  'tensorrtllm',
  'gemmacpp',
  'ggml',
  'gguf',
  'coral',
  'scikitlearn',
];

const KAGGLE_HANDLE = new RegExp(
  `(?<![\\w./:-])(?:kaggle://)?([a-z0-9][\\w-]*/[\\w.-]+/(?:${FRAMEWORKS.join('|')})/[\\w-]+(?:\\.[\\w-]+)*(?:/\\d+)?)(?![\\w./-])`,
  'gi',
);

/** A variation is a name (`2b-it`, `gemma_2b_en`), not a file (`model.json`). */
const FILE_NAME = /\.(?:json|ya?ml|py|txt|md|bin|pt|h5|keras|gguf|tar|gz|zip)$/i;

export function collectKaggleModels(path: string, text: string): PartialComponent[] {
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(KAGGLE_HANDLE)) {
    const handle = match[1];
    if (FILE_NAME.test(handle)) continue;
    const at = match.index + match[0].length - handle.length;
    const occurrence = { path, line: lines.at(at), evidence: 'config' as const, symbol: handle };
    components.push(...withServingService(modelComponent(handle, 'kaggle', occurrence), 'kaggle', occurrence));
  }
  return components;
}
