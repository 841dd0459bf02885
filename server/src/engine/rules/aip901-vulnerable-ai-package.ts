import { ADVISORY_DATA_DATE } from '../advisories/advisories';
import { declaringOccurrences, judgePackage, verdictReport } from './packageAdvisories';
import type { WorkspaceRuleContext } from './rule';
import { workspaceRule } from './rule';

/**
 * AI packages with known vulnerabilities, judged offline against the bundled advisory data
 * (`data/advisories.json`). The version is the lockfile's when one lists the package, else the
 * manifest pin, else the lowest version the manifest range admits; it is compared by the
 * ecosystem's own rules (SemVer, PEP 440, Maven, NuGet). MCP tooling advisories are AIP609's.
 */
export const aip901 = workspaceRule({
  meta: {
    id: 'AIP901',
    name: 'vulnerable-ai-package',
    title: 'AI package version with a known vulnerability',
    explanation: `A dependency on an AI library (LangChain, LlamaIndex, transformers, torch, Gradio, vLLM, LiteLLM, Keras, ONNX, Semantic Kernel, …) at a version inside a published advisory's affected range. Many of these advisories are code execution through prompts, templates or model files, so an old pin turns a prompt injection or a downloaded model into remote code execution. The advisory data ships with the extension (dated ${ADVISORY_DATA_DATE}) and is matched offline; the version comes from the lockfile when there is one, else the manifest pin, else the lowest version the manifest range admits, and the message says which.`,
    remediation:
      'Upgrade to the fixed version the message names (the quick fix edits the manifest; regenerate the lockfile afterwards). When the package is only a transitive dependency, upgrade the package that pulls it in. If the vulnerable code path is provably unused, suppress the finding with a reason and an expiry date.',
    owasp: ['LLM03:2025'],
    cwe: ['CWE-1395'],
    atlas: ['AML.T0010.001'],
    defaultSeverity: 'error',
    securitySeverity: 8.0,
    confidence: 'high',
    fixable: true,
    fixApplicability: 'unsafe',
    messages: {
      vulnerable: '{package} {version} ({origin}) is affected by {count}: {advisories} ({summary}). Upgrade to {fixed}.{lockfileNote}',
      vulnerableNoFix:
        '{package} {version} ({origin}) is affected by {count}: {advisories} ({summary}). No fixed version is listed for all of them: replace or isolate the package.',
    },
    references: [
      { title: 'OSV: open source vulnerability database', url: 'https://osv.dev/' },
      { title: 'GitHub Advisory Database', url: 'https://github.com/advisories' },
      { title: 'PyPA advisory database', url: 'https://github.com/pypa/advisory-database' },
    ],
    since: '0.1.0',
    example: {
      language: 'requirements',
      bad: 'langchain==0.0.200',
      good: 'langchain==0.0.317',
    },
  },
  check(context: WorkspaceRuleContext) {
    for (const component of context.bom.components) {
      if (component.kind !== 'sdk') continue;
      // Each declaration is judged at its own version: one project's old pin is not hidden by another's upgrade.
      for (const occurrence of declaringOccurrences(component)) {
        const verdict = judgePackage(component, component.ecosystem, component.name, (advisory) => !advisory.mcpTooling, occurrence);
        if (verdict) context.report(component, occurrence, verdictReport(verdict, component, occurrence));
      }
    }
  },
});
