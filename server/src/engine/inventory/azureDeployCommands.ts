import { programName, type ShellWord } from '../parse/shellWords';
import { optionValue } from '../rules/exposedServers';
import type { Invocation } from '../rules/trustRemoteCodeFlags';
import { modelComponent, property } from './components';
import { Lines } from './manifestText';
import { isNotModelWord, modelOfSetting } from './modelSettings';
import { isModelIdShape } from './models';
import { resolveVariable, shellAssignments } from './servingCommands';
import type { Occurrence, PartialComponent } from './types';

/**
 * Azure OpenAI deployments a shell script makes: `az cognitiveservices account deployment create
 * --deployment-name "$DEPLOYMENT" --model-name gpt-35-turbo --model-version 1106` lists the model (with its
 * version) and the deployment's name when it differs; and the deployment names the script sets for the app
 * (`AZURE_OPENAI_DEPLOYMENT_NAME="gpt-35-turbo"`, `AZURE_OPENAI_DALLE_DEPLOYMENT_NAME="dall-e-3"`), judged as
 * `.env` settings are. Values come from literals or the script's own literal assignments.
 */
export function collectAzureDeployCommands(path: string, text: string, invocations: readonly Invocation[]): PartialComponent[] {
  const lines = new Lines(text);
  const variables = shellAssignments(invocations);
  const components: PartialComponent[] = [];
  const at = (word: ShellWord, symbol: string) => ({ path, line: lines.at(word.start), evidence: 'config' as const, symbol });
  for (const { words } of invocations) {
    const start = words.findIndex((word, j) => word.value === 'cognitiveservices' && programName(words[j - 1]?.value ?? '') === 'az');
    if (start < 0 || !isDeploymentCreate(words, start)) continue;
    const value = (flag: string) => {
      const found = optionValue(words, start, flag);
      return found ? { word: found.word, value: resolveVariable(found.value, variables) } : undefined;
    };
    const model = value('--model-name');
    if (!model || !isModelIdShape(model.value) || isNotModelWord(model.value)) continue;
    const version = value('--model-version');
    const extra = [property('model:deployment', 'true')];
    if (version && /^[\w.-]+$/.test(version.value)) extra.push(property('model:version', version.value));
    components.push(modelComponent(model.value, 'azure-openai', at(model.word, 'az cognitiveservices account deployment create'), extra));
    const deployment = value('--deployment-name');
    if (deployment && deployment.value !== model.value && modelOfSetting(['deployment_name'], deployment.value)) {
      const occurrence = at(deployment.word, 'az cognitiveservices account deployment create');
      components.push(modelComponent(deployment.value, 'azure-openai', occurrence, [property('model:deployment', 'true')]));
    }
  }
  for (const { words } of invocations) components.push(...deploymentAssignments(words, at));
  return components;
}

function isDeploymentCreate(words: ShellWord[], start: number): boolean {
  return words[start + 1]?.value === 'account' && words[start + 2]?.value === 'deployment' && words[start + 3]?.value === 'create';
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s;

/** `AZURE_OPENAI_DEPLOYMENT_NAME="gpt-35-turbo"`, `export CHAT_DEPLOYMENT=chat`: a variable named for a deployment. */
function deploymentAssignments(words: ShellWord[], at: (word: ShellWord, symbol: string) => Occurrence): PartialComponent[] {
  const start = words[0]?.value === 'export' ? 1 : 0;
  const found: PartialComponent[] = [];
  for (const word of words.slice(start)) {
    const match = ASSIGNMENT.exec(word.value);
    if (!match) return found;
    const [, name = '', value = ''] = match;
    if (!/DEPLOYMENT/i.test(name) || value.includes('$')) continue;
    const model = modelOfSetting([name], value);
    if (model) found.push(modelComponent(model.id, model.provider, at(word, name), [property('model:deployment', 'true')]));
  }
  return found;
}
