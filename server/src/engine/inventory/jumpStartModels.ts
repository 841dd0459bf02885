import { modelComponent, property, withServingService } from './components';
import { Lines } from './manifestText';
import type { PartialComponent } from './types';

/**
 * SageMaker JumpStart models named by the CDK constructs' enum (`@cdklabs/generative-ai-cdk-constructs`:
 * `model: JumpStartModel.META_TEXTGENERATION_LLAMA_2_13B_F_2_0_2`). Each constant is a JumpStart model id
 * in upper case with `_` for `-`, followed by the model's version, so the id is read back from the name
 * (`meta-textgeneration-llama-2-13b-f`, version `2.0.2`). The constant names a model SageMaker deploys,
 * so it also gives the SageMaker service. Gated on `JUMPSTART_LITERALS` in `collect.ts`.
 */

export const JUMPSTART_LITERALS = ['jumpstartmodel.'];

const JUMPSTART_CONSTANT = /\bJumpStartModel\.([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*?)_(\d+)_(\d+)_(\d+)\b/g;

export function collectJumpStartModels(path: string, text: string): PartialComponent[] {
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(JUMPSTART_CONSTANT)) {
    const id = match[1].toLowerCase().replace(/_/g, '-');
    const occurrence = { path, line: lines.at(match.index), evidence: 'constant' as const, symbol: match[0] };
    const model = modelComponent(id, 'aws', occurrence, [property('model:version', `${match[2]}.${match[3]}.${match[4]}`)]);
    components.push(...withServingService(model, 'aws-sagemaker', occurrence));
  }
  return components;
}
