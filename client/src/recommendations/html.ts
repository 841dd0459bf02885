/**
 * The Recommendations webview's page: a strict content security policy with a fresh nonce, the
 * bundled script and styles, the codicon font, and nothing from the network. No `vscode` import.
 */

/** Files of `client/out/webview/` (see `scripts/build.mjs`), the only folder the webview may load from. */
export const WEBVIEW_DIR = ['client', 'out', 'webview'] as const;
export const WEBVIEW_FILES = {
  script: 'recommendations.js',
  styles: 'recommendations.css',
  codicons: 'codicon.css',
} as const;

export interface PageResources {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  /** `webview.asWebviewUri` of each file. */
  script: string;
  styles: string;
  codicons: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

export function recommendationsPage(resources: PageResources): string {
  const { nonce } = resources;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(resources.cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeAttribute(resources.codicons)}" nonce="${nonce}" id="vscode-codicon-stylesheet">
  <link rel="stylesheet" href="${escapeAttribute(resources.styles)}" nonce="${nonce}">
  <title>AI Posture Recommendations</title>
</head>
<body>
  <main id="root" aria-busy="true"><p class="placeholder">Loading recommendations…</p></main>
  <script nonce="${nonce}" src="${escapeAttribute(resources.script)}"></script>
</body>
</html>`;
}

/** 32 hex characters from a random source (`crypto.getRandomValues` in the extension host). */
export function makeNonce(random: (bytes: Uint8Array) => Uint8Array): string {
  return [...random(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
