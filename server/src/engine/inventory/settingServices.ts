import endpointsData from '../data/endpoints.json';
import { type CodeFacts, packageKey } from '../facts';
import { scriptDefaults } from '../facts/scriptDefaults';
import { findEndpoints, urlOrigin } from './catalog';
import type { CodeSite } from './codeImports';
import { customEndpointService, serviceComponent } from './components';
import { keyNamedService, keyNameFor } from './keyNames';
import { Lines } from './manifestText';
import type { PartialComponent } from './types';

/**
 * AI services a Python script's settings name rather than a client call:
 * - the experiment tracker a trainer reports to (`TrainingArguments(report_to="wandb")`, a list of
 *   them, or `report_to=["wandb", "tensorboard"]`): only trackers that are hosted services count;
 * - the URL default of a script option naming a model server (`--vllm-server-url` default
 *   `http://localhost:8000`, `ollama_base_url: str = "http://…"`): a known service when its host is
 *   one, else a self-hosted endpoint named by its host;
 * - the provider keys a Streamlit app reads from its secrets (`st.secrets.openai_key`).
 */

/** `report_to` values that send runs to a hosted service (local writers such as `tensorboard` do not). */
const TRACKERS: Record<string, string> = { wandb: 'wandb' };

/** A setting naming a model server's address: a server word, then `url`/`endpoint`/`host`/`base`. */
export const SERVER_SETTING =
  /(?:^|_)(vllm|sglang|ollama|tgi|llm|openai|lmdeploy|litellm)(?:_server|_api)?_(?:base_)?(?:url|endpoint|host|base|api_base|base_url)$/;

/** The settings' words that say which API the endpoint speaks. */
export const COMPATIBLE: Record<string, string> = {
  vllm: 'vllm',
  sglang: 'sglang',
  ollama: 'ollama',
  tgi: 'text-generation-inference',
  openai: 'openai',
};

/** Literals without which a Python file names no service this way (the engine's second look). */
export const SETTING_SERVICE_HINT =
  /\breport_to\s*=\s*[[(]?\s*["'](?:wandb)|(?:vllm|sglang|ollama|tgi|llm|openai|lmdeploy|litellm)[_-](?:server[_-]|api[_-])?(?:base[_-])?(?:url|endpoint|host|base)\b[^)\n]*(?:\n[^)\n]*){0,3}["']https?:\/\//i;

export function collectSettingServices(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  // Most parsed files set neither: the hint keeps their calls and settings from being walked for it.
  if (facts.language !== 'python' || !SETTING_SERVICE_HINT.test(facts.text)) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const argument = call.args.find((arg) => arg.name === 'report_to');
    if (!argument) continue;
    const occurrence = { path: site.path, line: site.line(call.row), evidence: 'config' as const, symbol: 'report_to' };
    for (const tracker of trackerValues(facts, argument.node)) {
      const service = TRACKERS[tracker] ? serviceComponent(TRACKERS[tracker], occurrence) : undefined;
      if (service) components.push(service);
    }
  }
  for (const setting of scriptDefaults(facts.python)) {
    const server = SERVER_SETTING.exec(setting.name.toLowerCase());
    const value = server ? facts.valueOf(setting.value) : undefined;
    const origin = value ? urlOrigin(value) : undefined;
    if (!server || !value || !origin) continue;
    const occurrence = { path: site.path, line: site.line(setting.row), evidence: 'config' as const, symbol: setting.name };
    const known = findEndpoints(value)[0];
    const service = known
      ? serviceComponent(known.service, occurrence, known.endpoint)
      : customEndpointService(origin, COMPATIBLE[server[1]], occurrence);
    if (service) components.push(service);
  }
  return components;
}

const INFERENCE_PROVIDERS = endpointsData.inferenceProviders;
const PROVIDER_SERVICES = new Map(Object.entries(INFERENCE_PROVIDERS.providers));

/**
 * The Inference Provider a Hugging Face client routes to (`InferenceClient(provider="together")`,
 * `InferenceClientModel(model_id=…, provider="nebius")`, `chatCompletion({ provider: "sambanova" })`):
 * that provider's service runs the model. `provider="auto"` and unknown names decide nothing.
 */
export function collectInferenceProviders(site: CodeSite, facts: CodeFacts): PartialComponent[] {
  if (!facts.text.includes('provider')) return [];
  const components: PartialComponent[] = [];
  for (const call of facts.calls) {
    const argument = call.args.find((arg) => arg.name === 'provider');
    const serviceId = argument?.value ? PROVIDER_SERVICES.get(argument.value.toLowerCase()) : undefined;
    if (!serviceId) continue;
    const pkg = facts.packageOf(call);
    if (!pkg || !INFERENCE_PROVIDERS.packages.includes(packageKey(pkg))) continue;
    const service = serviceComponent(serviceId, { path: site.path, line: site.line(call.row), evidence: 'config', symbol: 'provider' });
    if (service) components.push(service);
  }
  return components;
}

/**
 * Streamlit secrets named for a provider's key (`st.secrets.openai_key`, `st.secrets["OPENAI_API_KEY"]`,
 * `st.secrets.get("anthropic_key")`): the app's `secrets.toml` configures that service. Names only,
 * never values; a name other products share (`GOOGLE_API_KEY`) stays a candidate, as in code.
 */
export function collectStreamlitSecrets(path: string, text: string): PartialComponent[] {
  // Read from the text alone: a Streamlit app needs no parse for this.
  if (!text.includes(STREAMLIT_SECRETS_LITERAL)) return [];
  const components: PartialComponent[] = [];
  const lines = new Lines(text);
  for (const match of text.matchAll(STREAMLIT_SECRET)) {
    const written = match[1] ?? match[2] ?? match[3];
    const key = secretKeyName(written);
    if (!key) continue;
    const service = keyNamedService(
      written,
      key,
      { path, line: lines.at(match.index ?? 0), evidence: 'config', symbol: written },
      key.weak,
    );
    if (service) components.push(service);
  }
  return components;
}

export const STREAMLIT_SECRETS_LITERAL = 'st.secrets';
const STREAMLIT_SECRET = /\bst\.secrets(?:\.(?!get\b)(\w+)|\[\s*["'](\w+)["']\s*\]|\.get\(\s*["'](\w+)["'])/g;

/** A provider key's name as written, or in the short form apps use (`openai_key` for `OPENAI_API_KEY`). */
function secretKeyName(written: string): ReturnType<typeof keyNameFor> {
  const name = written.toUpperCase();
  const exact = keyNameFor(name);
  if (exact) return exact;
  return /[A-Z0-9]_KEY$/.test(name) && !name.endsWith('_API_KEY') ? keyNameFor(name.replace(/_KEY$/, '_API_KEY')) : undefined;
}

/**
 * The tracker a training config reports to (`report_to: wandb`, `report_to: [wandb, tensorboard]`,
 * a block list, `"report_to": "wandb"` in JSON): the same setting as `TrainingArguments(report_to=…)`,
 * written in the YAML or JSON file a recipe is launched with. Read from the text: no parse.
 */
export function collectConfigTrackers(path: string, text: string, lineAt: (offset: number) => number): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(CONFIG_REPORT_TO)) {
    const values = (match[1] ?? match[2] ?? '').split(/[\s,[\]"'-]+/).map((value) => value.toLowerCase());
    for (const tracker of new Set(values)) {
      if (!TRACKERS[tracker]) continue;
      const service = serviceComponent(TRACKERS[tracker], {
        path,
        line: lineAt(match.index ?? 0),
        evidence: 'config',
        symbol: 'report_to',
      });
      if (service) components.push(service);
    }
  }
  return components;
}

/** The literal without which a config names no tracker (the engine's one pass looks for it). */
export const REPORT_TO_LITERAL = 'report_to';
/** `report_to: wandb` / `[wandb, …]` / `"report_to": ["wandb"]` on its line (1), or a YAML block list under it (2). */
const CONFIG_REPORT_TO = /^[ \t]*["']?report_to["']?[ \t]*:[ \t]*(?:([^\s#\n][^#\n]*)|(?:#[^\n]*)?((?:\n[ \t]*-[ \t]*[\w"']+[^\n]*)+))/gm;

/** `"wandb"`, `"wandb,tensorboard"`, `["wandb", "tensorboard"]` (through one variable). */
function trackerValues(facts: CodeFacts, node: CodeFacts['tree']['rootNode']): string[] {
  const single = facts.valueOf(node);
  if (single !== undefined) return single.split(',').map((part) => part.trim().toLowerCase());
  const list = node.type === 'list' || node.type === 'tuple' ? node : undefined;
  return (list?.namedChildren ?? []).flatMap((item) => {
    const value = item ? facts.valueOf(item) : undefined;
    return value ? [value.toLowerCase()] : [];
  });
}
