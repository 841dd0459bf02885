import { LIFECYCLE_DATA_DATE, type LifecycleEntry, lifecycleEntry, statusOn, successorOn } from '../advisories/lifecycle';
import { providerDisplayName } from '../inventory/catalog';
import { PROPERTY_PREFIX } from '../inventory/components';
import type { AiComponent } from '../inventory/types';
import type { KindReport, WorkspaceRuleContext } from './rule';
import { workspaceRule } from './rule';

/**
 * Model ids the provider has retired (requests fail) or deprecated (a retirement date is set),
 * from the bundled lifecycle catalog (`data/model-lifecycle.json`), judged on a date: today, or
 * `--as-of` for reproducible CI. The model ids come from the AI-BOM (code calls, configs,
 * `.prompty` files, IaC deployments), so every place a retired id is written is reported.
 */
export const aip903 = workspaceRule({
  meta: {
    id: 'AIP903',
    name: 'retired-model',
    title: 'Model id retired or deprecated by its provider',
    explanation: `Providers retire model versions on published dates; after that, every request to the id fails, and until then a deprecated id gets no fixes. Code, prompt files and deployment templates that still name such an id break in production on the retirement day (or already do). The lifecycle catalog ships with the extension (dated ${LIFECYCLE_DATA_DATE}) with each model's dates, the provider's recommended successor and the source page; it covers OpenAI, Azure OpenAI (by model version for deployments), Anthropic and Google Gemini.`,
    remediation:
      'Move to the successor the message names (the quick fix replaces the id; evaluate the new model on your prompts first, and for Azure deployments set the model version too). Use `--as-of YYYY-MM-DD` in CI to make results independent of the day the pipeline runs.',
    owasp: ['LLM03:2025'],
    cwe: ['CWE-1104'],
    atlas: [],
    defaultSeverity: 'warning',
    securitySeverity: 3.0,
    confidence: 'high',
    fixable: true,
    fixApplicability: 'unsafe',
    messages: {
      retired: '{model} was retired by {provider} on {date}: requests to it fail. Use {successor} instead.',
      deprecated: '{model} is deprecated by {provider} and retires on {date}. Move to {successor}.',
    },
    references: [
      { title: 'OpenAI: deprecations', url: 'https://platform.openai.com/docs/deprecations' },
      { title: 'Azure OpenAI: model retirements', url: 'https://learn.microsoft.com/azure/ai-foundry/openai/concepts/model-retirements' },
      { title: 'Anthropic: model deprecations', url: 'https://docs.anthropic.com/en/docs/about-claude/model-deprecations' },
      { title: 'Gemini API: deprecations', url: 'https://ai.google.dev/gemini-api/docs/deprecations' },
    ],
    since: '0.1.0',
    example: {
      language: 'python',
      bad: 'client.completions.create(model="text-davinci-003", prompt=prompt)',
      good: 'client.completions.create(model="gpt-3.5-turbo-instruct", prompt=prompt)',
    },
  },
  check(context: WorkspaceRuleContext) {
    for (const component of context.bom.components) {
      if (component.kind !== 'model') continue;
      const report = lifecycleReport(component, context.asOf);
      if (!report) continue;
      for (const occurrence of component.occurrences) {
        // A model version is a deployment's: only IaC names it; elsewhere the same id is a deployment name.
        if (report.versioned && !IAC_FILE.test(occurrence.path)) continue;
        context.report(component, occurrence, report.report);
      }
    }
  },
});

/**
 * Providers that coined their model ids, in the order an id of unknown provenance is looked up
 * (LangChain's `OpenAI(model_name="text-davinci-003")` leaves the AI-BOM without a provider).
 */
const ORIGIN_PROVIDERS = ['openai', 'anthropic', 'google'];

function entryFor(component: AiComponent, versions: readonly string[]): LifecycleEntry | undefined {
  if (component.provider && component.provider !== 'unknown') return lifecycleEntry(component.provider, component.name, versions);
  for (const provider of ORIGIN_PROVIDERS) {
    const entry = lifecycleEntry(provider, component.name, []);
    if (entry) return entry;
  }
  return undefined;
}

/** Files an Azure deployment's model version can be written in (Bicep, Terraform, ARM JSON, CloudFormation YAML). */
const IAC_FILE = /\.(?:bicep|tf|json|ya?ml)$/i;

function lifecycleReport(component: AiComponent, asOf: string): { report: KindReport; versioned: boolean } | undefined {
  const versions = component.properties.filter((entry) => entry.name === `${PROPERTY_PREFIX}model:version`).map((entry) => entry.value);
  const entry = entryFor(component, versions);
  if (!entry) return undefined;
  const provider = entry.provider;
  const status = statusOn(entry, asOf);
  if (status === 'active') return undefined;
  const successor = successorOn(entry, asOf);
  const model = entry.version ? `${component.name} version ${entry.version}` : component.name;
  const data = { model, provider: providerDisplayName(provider), date: entry.retired, successor: successor ?? '' };
  const fix = successor
    ? {
        title: `Replace ${component.name} with ${successor}${versions.length > 0 ? ' (and set the deployment model version)' : ''}`,
        replacements: [{ find: component.name, replace: successor }],
        // A different model answers differently: a person evaluates and applies it.
        applicability: 'unsafe' as const,
      }
    : undefined;
  const versioned = entry.version !== undefined;
  if (status === 'deprecated') {
    return successor
      ? { report: { messageId: 'deprecated', data, severity: 'information', ...(fix ? { fix } : {}) }, versioned }
      : undefined;
  }
  // Every catalog entry names a successor (a data test checks it).
  return successor ? { report: { messageId: 'retired', data, ...(fix ? { fix } : {}) }, versioned } : undefined;
}
