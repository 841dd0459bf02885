import modelsData from '../data/models.json';
import { modelComponent, serviceComponent, withServingService } from './components';
import { Lines } from './manifestText';
import type { PartialComponent } from './types';

/**
 * Models and vector stores of the AWS generative-AI CDK constructs (`@cdklabs/generative-ai-cdk-constructs`,
 * `cdklabs.generative_ai_cdk_constructs`), written as the library's constants and classes rather than ids:
 * `bedrock.BedrockFoundationModel.ANTHROPIC_CLAUDE_3_5_SONNET_V1_0` is the Bedrock model
 * `anthropic.claude-3-5-sonnet-20240620-v1:0` (`models.json` `cdkFoundationModels`), run by Bedrock; a
 * knowledge base's vector store is the construct given to it, and OpenSearch Serverless when none is
 * (`VectorKnowledgeBase` creates that collection by default). Gated on `CDK_CONSTRUCT_LITERALS` in `collect.ts`.
 */

export const CDK_CONSTRUCT_LITERALS = ['bedrockfoundationmodel.', 'generative-ai-cdk-constructs', 'generative_ai_cdk_constructs'];

const FOUNDATION_MODELS = new Map(Object.entries(modelsData.cdkFoundationModels).filter(([name]) => name !== '$comment'));
const CONSTANT = /\bBedrockFoundationModel\.([A-Z][A-Z0-9_]*)\b/g;
/** The constructs' vector stores and the service each one provisions or reaches. */
const STORES: Record<string, string> = {
  PineconeVectorStore: 'pinecone',
  AmazonAuroraVectorStore: 'aws-rds',
  AmazonAuroraDefaultVectorStore: 'aws-rds',
  MongoDBAtlasVectorStore: 'mongodb-atlas',
  VectorCollection: 'aws-opensearch-serverless',
};
const STORE = new RegExp(`\\b(${Object.keys(STORES).join('|')})\\s*\\(`, 'g');
const KNOWLEDGE_BASE = /\bVectorKnowledgeBase\s*\(/g;
const CONSTRUCTS_IMPORT = /generative[-_]ai[-_]cdk[-_]constructs/;

export function collectCdkConstructModels(path: string, text: string): PartialComponent[] {
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(CONSTANT)) {
    const id = FOUNDATION_MODELS.get(match[1]);
    if (!id) continue;
    const occurrence = { path, line: lines.at(match.index), evidence: 'constant' as const, symbol: match[0] };
    components.push(...withServingService(modelComponent(id, 'aws', occurrence), 'aws-bedrock', occurrence));
  }
  // Store class names are generic (LangChain has a `PineconeVectorStore` too): only the constructs' count here.
  if (!CONSTRUCTS_IMPORT.test(text)) return components;
  const store = (serviceId: string, index: number, symbol: string) => {
    const service = serviceComponent(serviceId, { path, line: lines.at(index), evidence: 'config', symbol });
    if (service) components.push(service);
  };
  for (const match of text.matchAll(STORE)) store(STORES[match[1]], match.index, match[1]);
  // The default store only when the call's props are written inline (`embeddingsModel` is required): props
  // passed as a variable or spread may well name another store.
  for (const match of text.matchAll(KNOWLEDGE_BASE)) {
    const args = argumentsAfter(text, match.index + match[0].length);
    if (/\bembeddings_?[mM]odel\b/.test(args) && !/\bvector_?[sS]tore\b/.test(args))
      store('aws-opensearch-serverless', match.index, 'VectorKnowledgeBase');
  }
  return components;
}

/** The text of a call's arguments, up to its closing parenthesis (strings are not skipped: a guess that errs short). */
function argumentsAfter(text: string, start: number): string {
  let depth = 1;
  for (let index = start; index < text.length && index < start + 4000; index++) {
    const char = text[index];
    if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return text.slice(start, index);
  }
  return text.slice(start, start + 4000);
}
