import { aiSecretTriggers, findSecrets } from '../secrets/detect';
import { isEnvTemplate } from '../secrets/envFiles';
import type { Rule, RuleContext } from './rule';

/**
 * A `.env*` file with AI credentials that `.gitignore` does not ignore. The ignore decision is
 * discovery's (`workspace/discover.ts`: the `ignore` package over every nested `.gitignore`, the
 * same matchers the scan and the editor use): a folder scan and the language server never analyse
 * a git-ignored text file, so every `.env` file this rule sees is one git would commit.
 * Templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`) are meant to be committed:
 * a real key in one is AIP201's.
 */

const MAX_PROVIDERS_SHOWN = 4;

export const aip204: Rule = {
  meta: {
    id: 'AIP204',
    name: 'env-file-not-ignored',
    title: 'Environment file with AI keys not ignored by git',
    explanation:
      'A `.env` file holds the real keys of a developer or a deployment. When `.gitignore` does not exclude it, the next `git add .` commits the keys, and they stay in the history, in every clone and fork, after the file is deleted. Scrapers watch public pushes for AI keys and use them within minutes.',
    remediation:
      'Add the file to `.gitignore` (the quick fix does), run `git rm --cached <file>` if it was already committed, rotate the keys it holds, and commit a `.env.example` with placeholder values instead.',
    owasp: ['LLM02:2025'],
    cwe: ['CWE-538', 'CWE-798'],
    atlas: ['AML.T0055'],
    defaultSeverity: 'warning',
    securitySeverity: 7.0,
    confidence: 'high',
    fileKinds: ['dotenv'],
    fixable: true,
    // Safe: ignoring a file changes nothing for the program; git only stops offering it for commits.
    fixApplicability: 'safe',
    messages: {
      notIgnored:
        '{file} holds {count} AI key(s) ({providers}) and .gitignore does not ignore it: the next commit can publish them. Add it to .gitignore; if it was committed already, `git rm --cached` it and rotate the keys.',
    },
    references: [
      { title: 'git: gitignore', url: 'https://git-scm.com/docs/gitignore' },
      {
        title: 'GitHub: removing sensitive data from a repository',
        url: 'https://docs.github.com/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository',
      },
    ],
    since: '0.1.0',
    example: { language: 'gitignore', bad: '# .gitignore\nnode_modules/', good: '# .gitignore\nnode_modules/\n/.env' },
    limits: [
      'Relies on the discovery that feeds the engine: a folder scan and the editor never analyse a git-ignored file, so every `.env` the rule sees is not ignored. A file named explicitly on the command line (`ai-posture scan .env`) is analysed whatever `.gitignore` says.',
      'Does not know whether the file is already committed; the message says to `git rm --cached` it in that case.',
      'Global excludes (`core.excludesFile`, `.git/info/exclude`) are not read.',
    ],
  },
  triggers: aiSecretTriggers(),
  textOnly: true,
  check(context: RuleContext) {
    const file = context.path.slice(context.path.lastIndexOf('/') + 1);
    if (isEnvTemplate(context.path)) return;
    const secrets = findSecrets(context.text, { aiOnly: true, mentions: context.mentions });
    if (secrets.length === 0) return;
    const first = secrets[0];
    const line = context.lines.positionAt(first.start).line;
    const providers = shortList([...new Set(secrets.map((secret) => secret.provider.provider))]);
    const entry = `/${context.path.replace(/^\/+/, '')}`;
    context.report({
      // The first key's variable name: the line is the one a person looks at, the name is no secret.
      at: declarationRange(context, line) ?? context.lines.rangeOf(context.lines.lineStart(line), context.lines.lineStart(line)),
      messageId: 'notIgnored',
      data: { file, count: secrets.length, providers },
      fix: {
        title: `Add ${entry} to .gitignore`,
        edits: [],
        appendTo: [{ path: '.gitignore', line: entry }],
        applicability: 'safe',
      },
      fingerprintText: context.path,
    });
  },
};

/** A few names: a message is read in a hover. */
function shortList(names: string[]): string {
  return names.length > MAX_PROVIDERS_SHOWN ? `${names.slice(0, MAX_PROVIDERS_SHOWN).join(', ')}, …` : names.join(', ');
}

/** The variable name of a `NAME=value` line. */
function declarationRange(context: RuleContext, line: number) {
  const text = context.lines.lineText(line);
  const match = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.]*)\s*=/.exec(text);
  if (!match) return undefined;
  const start = context.lines.lineStart(line) + match[1].length;
  return context.lines.rangeOf(start, start + match[2].length);
}
