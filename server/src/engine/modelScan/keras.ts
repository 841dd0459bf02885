import type { ByteSource } from './source';

/**
 * Keras model configurations. A `.keras` file is a zip whose `config.json` describes every layer:
 * a `Lambda` layer carries marshalled Python bytecode, and any `module` outside Keras names code
 * that deserialization imports (CVE-2025-1550); `enable_unsafe_deserialization` inside the config
 * turns safe mode off (CVE-2025-9906); `TorchModuleWrapper` unpickles (CVE-2025-49655). A legacy
 * `.h5` file keeps the same JSON in its `model_config` attribute, stored uncompressed, so a
 * byte search for a Lambda layer next to `model_config` is a sound heuristic without an HDF5 parser.
 */

export type KerasIssue =
  | { kind: 'lambda'; layer: string }
  | { kind: 'module'; module: string; name: string }
  | { kind: 'unsafeDeserialization' }
  | { kind: 'torchWrapper'; layer: string };

const KERAS_MODULES = ['keras', 'keras_hub', 'keras_nlp', 'keras_cv', 'tensorflow.keras', 'tf_keras'];
const MAX_ISSUES = 20;
const MAX_DEPTH = 200;

function isKerasModule(module: string): boolean {
  return KERAS_MODULES.some((prefix) => module === prefix || module.startsWith(`${prefix}.`));
}

/** Problems of a parsed `config.json`, walking every object (nested models and functional graphs included). */
export function kerasConfigIssues(config: unknown): KerasIssue[] {
  const issues: KerasIssue[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (issues.length >= MAX_ISSUES || depth > MAX_DEPTH || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    const object = value as Record<string, unknown>;
    const layer = typeof object.config === 'object' && object.config ? String((object.config as Record<string, unknown>).name ?? '') : '';
    if (object.class_name === 'Lambda') issues.push({ kind: 'lambda', layer: layer || 'Lambda' });
    if (object.class_name === 'TorchModuleWrapper') issues.push({ kind: 'torchWrapper', layer: layer || 'TorchModuleWrapper' });
    if (typeof object.module === 'string' && !isKerasModule(object.module) && object.module !== 'builtins') {
      issues.push({ kind: 'module', module: object.module, name: String(object.class_name ?? object.registered_name ?? '') });
    }
    for (const [key, item] of Object.entries(object)) {
      if (key === 'enable_unsafe_deserialization' || item === 'enable_unsafe_deserialization')
        issues.push({ kind: 'unsafeDeserialization' });
      walk(item, depth + 1);
    }
  };
  walk(config, 0);
  return issues;
}

const SEARCH_WINDOW = 1024 * 1024;
/** The model JSON sits in the root group's attributes, near the start; weights follow. */
export const H5_SEARCH_BYTES = 64 * 1024 * 1024;
const LAMBDA_PATTERNS = ['"class_name": "Lambda"', '"class_name":"Lambda"'].map((text) => Buffer.from(text, 'latin1'));
const MODEL_CONFIG = Buffer.from('model_config', 'latin1');

/** `.h5` heuristic: a Lambda layer in JSON and the `model_config` attribute name, within the first 64 MB. */
export function h5LambdaHeuristic(source: ByteSource): boolean {
  let sawLambda = false;
  let sawConfig = false;
  const overlap = 64;
  const limit = Math.min(source.size, H5_SEARCH_BYTES);
  for (let position = 0; position < limit && !(sawLambda && sawConfig); position += SEARCH_WINDOW - overlap) {
    const chunk = Buffer.from(source.read(position, Math.min(SEARCH_WINDOW, limit - position)));
    sawLambda ||= LAMBDA_PATTERNS.some((pattern) => chunk.includes(pattern));
    sawConfig ||= chunk.includes(MODEL_CONFIG);
    if (chunk.length < SEARCH_WINDOW) break;
  }
  return sawLambda && sawConfig;
}
