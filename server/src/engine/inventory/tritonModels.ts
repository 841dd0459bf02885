import { modelComponent, property, withServingService } from './components';
import { Lines } from './manifestText';
import type { PartialComponent } from './types';

/**
 * Models of a Triton Inference Server model repository: each model folder has a `config.pbtxt`
 * (`name: "mnist"`, `platform: "tensorflow_savedmodel"`) next to its versions (`mnist/1/model.savedmodel`).
 * A config counts when its platform or backend loads model weights (TensorFlow, ONNX Runtime, PyTorch,
 * TensorRT plans, OpenVINO, FIL); Python and ensemble steps (`preprocessing`, `postprocessing`) are code,
 * not models. The model is the repository's own (no provider), served by Triton.
 */

export function isTritonModelConfig(path: string): boolean {
  return path === 'config.pbtxt' || path.endsWith('/config.pbtxt');
}

const MODEL_PLATFORMS = new Set([
  'tensorflow_savedmodel',
  'tensorflow_graphdef',
  'onnxruntime_onnx',
  'pytorch_libtorch',
  'tensorrt_plan',
  'tensorflow',
  'onnxruntime',
  'pytorch',
  'tensorrt',
  'openvino',
  'fil',
]);

export function collectTritonModelConfig(path: string, text: string): PartialComponent[] {
  const name = /^[ \t]*name[ \t]*:[ \t]*"([\w.-]+)"/m.exec(text);
  const platform = /^[ \t]*(?:platform|backend)[ \t]*:[ \t]*"([\w.-]+)"/m.exec(text)?.[1];
  if (!name || !platform || !MODEL_PLATFORMS.has(platform)) return [];
  const occurrence = { path, line: new Lines(text).at(name.index), evidence: 'config' as const, symbol: 'name' };
  const model = modelComponent(name[1], undefined, occurrence, [property('model:served-by', 'triton'), property('model:format', platform)]);
  return withServingService(model, 'triton', occurrence);
}
