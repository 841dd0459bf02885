import modelsData from '../data/models.json';
import { type CodeFacts, packageKey } from '../facts';
import { positionalArg } from '../facts/loaders';
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
  if (facts.language === 'python') return namedCheckpoints(site, facts);
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

/** Loaders that take a checkpoint's short name (`models.json` `namedCheckpoints`). */
const CHECKPOINT_LOADERS = modelsData.namedCheckpoints.loaders.map((loader) => ({ ...loader, names: new RegExp(loader.names) }));
const CHECKPOINT_METHODS = new Set(CHECKPOINT_LOADERS.map((loader) => loader.method));

/**
 * Models a package loads by a short name: `whisper.load_model("base")` runs OpenAI's Whisper base
 * checkpoint (`whisper-base`). Only names the package defines count, and only on its own loader.
 */
function namedCheckpoints(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    if (!CHECKPOINT_METHODS.has(call.method)) continue;
    const pkg = facts.packageOf(call);
    const loader = pkg && CHECKPOINT_LOADERS.find((entry) => entry.method === call.method && entry.package === packageKey(pkg));
    const name = loader && (call.args.find((arg) => arg.name === loader.keyword) ?? positionalArg(call.args, 0))?.value;
    if (!loader || name === undefined || !loader.names.test(name)) continue;
    const occurrence = { path: site.path, line: site.line(call.row), evidence: 'call' as const, symbol: call.callee };
    components.push(modelComponent(loader.id.replace('{name}', name), loader.provider, occurrence, [property('model:in-process', 'true')]));
  }
  return components;
}
