import { serviceComponent } from './components';
import { Lines } from './manifestText';
import type { PartialComponent } from './types';

/**
 * AWS AI services an AWS CDK app (TypeScript or Python) provisions with L1 constructs, the CDK's
 * spelling of the CloudFormation resources `iac.ts` reads: `new kendra.CfnIndex(…)` (Amazon Kendra),
 * SageMaker endpoints and models, and Bedrock
 * resources (`CfnKnowledgeBase`, `CfnAgent`, the rest as Bedrock). A construct counts through the module
 * it comes from (`import * as kendra from "aws-cdk-lib/aws-kendra"`, `from aws_cdk import aws_kendra as
 * kendra`, `import { CfnIndex } from "aws-cdk-lib/aws-kendra"`), so another module's `CfnIndex` is not
 * Kendra. Gated on the CDK's module names (`CDK_SERVICE_LITERALS`) in `collect.ts`. An OpenSearch
 * Serverless vector collection is found by its `"VECTORSEARCH"` type, a code marker of the service, in any code.
 */

export const CDK_SERVICE_LITERALS = ['aws-cdk-lib/aws-', 'aws_cdk'];

type ModuleName = 'kendra' | 'sagemaker' | 'bedrock';

/** The service of a construct of a module, undefined for constructs that provision no AI service. */
function serviceOf(module: ModuleName, construct: string): string | undefined {
  switch (module) {
    case 'kendra':
      return construct === 'CfnIndex' ? 'aws-kendra' : undefined;
    case 'sagemaker':
      return /^Cfn(?:Endpoint|EndpointConfig|Model|InferenceComponent)$/.test(construct) ? 'aws-sagemaker' : undefined;
    case 'bedrock':
      if (construct === 'CfnKnowledgeBase' || construct === 'CfnDataSource') return 'aws-bedrock-knowledge-bases';
      if (construct === 'CfnAgent' || construct === 'CfnAgentAlias') return 'aws-bedrock-agents';
      return 'aws-bedrock';
  }
}

const MODULE = '(kendra|sagemaker|bedrock)';
/** `import * as kendra from "aws-cdk-lib/aws-kendra"`, `import aws_cdk.aws_kendra as kendra`, `aws_kendra as kendra`. */
const MODULE_ALIAS = new RegExp(
  `import\\s+\\*\\s+as\\s+(\\w+)\\s+from\\s+["']aws-cdk-lib/aws-${MODULE}["']|\\baws_${MODULE}(?:\\s+as\\s+(\\w+))?\\b`,
  'g',
);
/** `import { CfnIndex, CfnDataSource } from "aws-cdk-lib/aws-kendra"`. */
const NAMED_IMPORT = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*["']aws-cdk-lib/aws-${MODULE}["']`, 'g');
const CONSTRUCT = /\b(?:(\w+)\.)?(Cfn[A-Z]\w*)\s*\(/g;

export function collectCdkServices(path: string, text: string): PartialComponent[] {
  const modules = new Map<string, ModuleName>();
  for (const match of text.matchAll(MODULE_ALIAS)) {
    if (match[1]) modules.set(match[1], match[2] as ModuleName);
    else modules.set(match[4] ?? `aws_${match[3]}`, match[3] as ModuleName);
  }
  const named = new Map<string, ModuleName>();
  for (const match of text.matchAll(NAMED_IMPORT)) {
    for (const name of match[1].split(','))
      named.set(
        name
          .trim()
          .split(/\s+as\s+/)
          .pop() as string,
        match[2] as ModuleName,
      );
  }
  if (modules.size === 0 && named.size === 0) return [];
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(CONSTRUCT)) {
    const module = match[1] ? modules.get(match[1]) : named.get(match[2]);
    const serviceId = module && serviceOf(module, match[2]);
    const service = serviceId
      ? serviceComponent(serviceId, { path, line: lines.at(match.index), evidence: 'config', symbol: match[0].replace(/\s*\($/, '') })
      : undefined;
    if (service) components.push(service);
  }
  return components;
}
