/** Suffixes of `.env` templates, which are meant to be committed (`.env.example`, `.env.sample`, …). */
const TEMPLATE_PARTS = ['example', 'sample', 'template', 'dist', 'defaults', 'tmpl', 'tpl'];

/** Whether a `.env*` path is a template to commit rather than a file of real values. */
export function isEnvTemplate(path: string): boolean {
  const file = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return file.split('.').some((part) => TEMPLATE_PARTS.includes(part));
}
