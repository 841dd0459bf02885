import type { GrammarName } from '../parse/treeSitter';
import type { FileKind } from '../types';

const BY_EXTENSION: Record<string, FileKind> = {
  '.py': 'python',
  '.pyi': 'python',
  '.ipynb': 'notebook',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.cs': 'csharp',
  // Razor components and pages: their `@code` blocks are read as C# (`parse/razor.ts`).
  '.razor': 'csharp',
  '.cshtml': 'csharp',
  '.java': 'java',
  '.go': 'go',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  // SLURM batch scripts: the shell scripts that launch training and data jobs on clusters.
  '.slurm': 'shell',
  '.sbatch': 'shell',
  '.mk': 'shell',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'json',
  '.jsonc': 'json',
  '.code-workspace': 'json',
  '.toml': 'toml',
  '.md': 'markdown',
  '.mdc': 'markdown',
  '.prompty': 'prompty',
  '.tf': 'terraform',
  '.bicep': 'bicep',
  '.txt': 'text',
  // Jinja templates: prompt templates in AI projects (the AI-BOM lists them by folder or name).
  '.jinja': 'text',
  '.jinja2': 'text',
  '.j2': 'text',
  '.cfg': 'text',
  '.ini': 'text',
  '.properties': 'text',
  '.xml': 'text',
  '.csproj': 'text',
  '.fsproj': 'text',
  '.vbproj': 'text',
  '.gradle': 'text',
  '.kts': 'text',
  '.mod': 'text',
  // HTTP client request files (VS Code REST Client, JetBrains): requests to AI APIs with their messages.
  '.http': 'text',
  '.rest': 'text',
};

/** Manifests and lockfiles whose extension says nothing, read by the AI-BOM collectors (lower-case names). */
const BY_NAME: Record<string, FileKind> = {
  // Triton Inference Server model configurations (`inventory/tritonModels.ts`).
  'config.pbtxt': 'text',
  pipfile: 'toml',
  'pipfile.lock': 'json',
  'poetry.lock': 'toml',
  'uv.lock': 'toml',
  'cargo.lock': 'toml',
  gemfile: 'text',
  'gemfile.lock': 'text',
  'gems.rb': 'text',
  'gems.locked': 'text',
  'yarn.lock': 'text',
  'packages.config': 'text',
  'directory.packages.props': 'text',
  // Makefile recipes are shell commands (`install:` targets that `uv pip install flash-attn`).
  makefile: 'shell',
  gnumakefile: 'shell',
};
const BY_NAME_GLOBS = [
  'config.pbtxt',
  'Pipfile',
  'Pipfile.lock',
  'poetry.lock',
  'uv.lock',
  'Cargo.lock',
  'Gemfile',
  'Gemfile.lock',
  'gems.rb',
  'gems.locked',
  'yarn.lock',
  'packages.config',
  'Directory.Packages.props',
  'Makefile',
  'makefile',
  'GNUmakefile',
];

/** `.env` templates written without the leading dot (`env.example`, `env.sample`, `env.template`). */
const ENV_TEMPLATE_NAME = /^env\.(?:examples?|samples?|templates?|dist)$/;

/** Agent instruction files without an extension (`inventory/prompts.ts`). */
const AGENT_RULE_FILES = ['.cursorrules', '.windsurfrules', '.clinerules', '.goosehints', '.augment-guidelines', '.rules'];

/** How a path is analysed, from its name; undefined when no rule or collector reads it. */
export function fileKindOf(filePath: string): FileKind | undefined {
  const base = filePath.slice(filePath.replace(/\\/g, '/').lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (lower === 'dockerfile' || lower.startsWith('dockerfile.') || lower.endsWith('.dockerfile') || lower === 'containerfile')
    return 'dockerfile';
  if (lower === '.env' || lower.startsWith('.env.') || lower.endsWith('.env') || ENV_TEMPLATE_NAME.test(lower)) return 'dotenv';
  if (AGENT_RULE_FILES.includes(lower)) return 'markdown';
  if (Object.hasOwn(BY_NAME, lower)) return BY_NAME[lower];
  // pip-tools inputs (`requirements.in`, `requirements-dev.in`).
  if (/^(?:.*[-_.])?requirements(?:[-_.].*)?\.in$/.test(lower)) return 'text';
  const dot = lower.lastIndexOf('.');
  if (dot <= 0 && !lower.startsWith('.')) return undefined;
  return BY_EXTENSION[lower.slice(dot)];
}

/**
 * The tree-sitter grammar for a kind, when it has one. Notebooks parse their cells as Python;
 * Terraform is HCL (parsed only when a selected rule or a suppression comment needs the tree).
 */
export function grammarFor(kind: FileKind): GrammarName | undefined {
  switch (kind) {
    case 'python':
    case 'notebook':
      return 'python';
    case 'javascript':
    case 'typescript':
    case 'tsx':
    case 'csharp':
    case 'java':
    case 'go':
      return kind;
    case 'shell':
      return 'bash';
    case 'terraform':
      return 'hcl';
    default:
      return undefined;
  }
}

/**
 * Glob patterns (VS Code / LSP file-watcher syntax) matching the files `fileKindOf` knows, so the
 * language server watches what it analyses and nothing broader than that.
 */
export function analysedFileGlobs(): string[] {
  const extensions = Object.keys(BY_EXTENSION).map((extension) => extension.slice(1));
  const names = [
    'Dockerfile',
    'dockerfile',
    'Dockerfile.*',
    '*.dockerfile',
    'Containerfile',
    '.env',
    '.env.*',
    '*.env',
    'env.example',
    'env.examples',
    'env.sample',
    'env.samples',
    'env.template',
    'env.templates',
    'env.dist',
  ];
  return [
    `**/*.{${extensions.join(',')}}`,
    `**/{${names.join(',')}}`,
    `**/{${AGENT_RULE_FILES.join(',')}}`,
    `**/{${BY_NAME_GLOBS.join(',')}}`,
    '**/*requirements*.in',
  ];
}
