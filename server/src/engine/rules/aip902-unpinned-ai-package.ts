import { directoryOf } from '../advisories/advisories';
import { PROPERTY_PREFIX } from '../inventory/components';
import { declarationAt } from '../inventory/merge';
import type { AiComponent, Occurrence } from '../inventory/types';
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
      if (component.kind !== 'sdk' || component.ecosystem === 'golang' || component.ecosystem === 'cargo') continue;
      for (const occurrence of component.occurrences) {
        if (occurrence.evidence !== 'manifest' || !isUnconstrained(component, occurrence)) continue;
        context.report(component, occurrence, { messageId: 'unpinned', data: { package: component.name } });
      }
    }
  },
});

/**
 * This declaration has no version and no range (the collectors drop `*` and `latest`), and no
 * lockfile next to it lists the package. Without a recorded declaration (a manifest read before the
 * merge kept them), the merged component decides: no version and no range anywhere.
 */
function isUnconstrained(component: AiComponent, occurrence: Occurrence): boolean {
  const declared = declarationAt(occurrence);
  // Maven and NuGet manage versions centrally (dependencyManagement, Directory.Packages.props): the merged version counts.
  if (!declared || component.ecosystem === 'maven' || component.ecosystem === 'nuget') {
    return !component.version && !component.properties.some((entry) => entry.name === `${PROPERTY_PREFIX}version:range`);
  }
  if (declared.version || declared.range) return false;
  const folder = directoryOf(occurrence.path);
  return !component.occurrences.some((other) => other.evidence === 'lockfile' && directoryOf(other.path) === folder);
}
