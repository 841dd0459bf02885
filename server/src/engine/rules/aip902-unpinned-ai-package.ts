import { PROPERTY_PREFIX } from '../inventory/components';
import type { AiComponent } from '../inventory/types';
import type { WorkspaceRuleContext } from './rule';
import { workspaceRule } from './rule';

/**
 * AI SDKs a manifest declares with no version constraint at all (`openai` in requirements.txt,
 * `"openai": "*"`, `latest`): every install takes whatever is newest, so an AI dependency can change
 * behaviour, or arrive compromised, without a diff. A lockfile entry or a centrally managed version
 * (Maven dependencyManagement, NuGet central package management) counts as a constraint.
 */
export const aip902 = workspaceRule({
  meta: {
    id: 'AIP902',
    name: 'unpinned-ai-package',
    title: 'AI SDK declared without any version constraint',
    explanation:
      'An AI SDK in a manifest with no version constraint resolves to the newest release on every install. AI SDKs change quickly (renamed parameters, new defaults, removed models), and a compromised release reaches every build at once. Nothing in the repository records which version was reviewed, so a vulnerability check cannot tell whether the project is affected.',
    remediation:
      'Give the dependency a constraint (`openai>=1.40,<2`, `"openai": "^4.52.0"`) or commit a lockfile (uv.lock, poetry.lock, package-lock.json, …) so installs are reproducible.',
    owasp: ['LLM03:2025'],
    cwe: ['CWE-1357'],
    atlas: ['AML.T0010.001'],
    defaultSeverity: 'information',
    securitySeverity: 2.0,
    confidence: 'high',
    fixable: false,
    messages: {
      unpinned: '{package} is declared without a version constraint and no lockfile pins it: each install takes the newest release.',
    },
    references: [{ title: 'pip: repeatable installs', url: 'https://pip.pypa.io/en/stable/topics/repeatable-installs/' }],
    since: '0.1.0',
    example: { language: 'requirements', bad: 'openai', good: 'openai>=1.40,<2' },
  },
  check(context: WorkspaceRuleContext) {
    for (const component of context.bom.components) {
      if (component.kind !== 'sdk' || !isUnconstrained(component)) continue;
      for (const occurrence of component.occurrences) {
        if (occurrence.evidence !== 'manifest') continue;
        context.report(component, occurrence, { messageId: 'unpinned', data: { package: component.name } });
      }
    }
  },
});

/** No version from a lockfile, a pin or a central version, and no range (the collectors drop `*` and `latest`). */
function isUnconstrained(component: AiComponent): boolean {
  if (component.version) return false;
  if (component.ecosystem === 'golang' || component.ecosystem === 'cargo') return false;
  return !component.properties.some((entry) => entry.name === `${PROPERTY_PREFIX}version:range`);
}
