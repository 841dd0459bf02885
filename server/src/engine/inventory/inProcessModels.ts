import modelsData from '../data/models.json';
import type { CodeFacts } from '../facts';
import type { CodeSite } from './codeImports';
import { modelComponent, property } from './components';
import type { PartialComponent } from './types';

/**
 * Models a class runs in process, its weights shipped in the class's package: LangChain4j
 * `new BgeSmallEnV15QuantizedEmbeddingModel()` is BAAI/bge-small-en-v1.5 (`models.json` `inProcessModels`).
 * Listed by the model's Hub id; nothing is downloaded, so the Hub is no service here.
 */
const IN_PROCESS = new Map(Object.entries(modelsData.inProcessModels).filter(([name]) => name !== '$comment'));

export function collectInProcessModels(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (facts.language !== 'java') return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const id = call.callee.startsWith('new ') ? IN_PROCESS.get(call.method) : undefined;
    // A class of the same name the project writes itself imports no AI package.
    if (!id || !facts.packageOf(call)) continue;
    const occurrence = { path: site.path, line: site.line(call.row), evidence: 'call' as const, symbol: call.callee };
    components.push(
      modelComponent(id, 'huggingface', occurrence, [property('task', 'text-embedding'), property('model:in-process', 'true')]),
    );
  }
  return components;
}
