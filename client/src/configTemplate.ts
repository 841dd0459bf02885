/**
 * The `.ai-posture.json` that "AI Posture: Open Configuration" creates when a folder has none. It
 * changes nothing by itself (every example is commented out), so creating it never changes what is
 * reported. No `$schema`: the extension contributes the schema through `jsonValidation`, and the
 * CLI does not need it. No `vscode` import, so a plain test can check it against the engine.
 */
export const CONFIG_FILE_NAME = '.ai-posture.json';

export const CONFIG_TEMPLATE = `// AI Posture workspace configuration (JSON with comments). Commit it: it holds what the team
// agrees on. The editor and the ai-posture CLI both read it, and where this file and the
// aiPosture.* settings both set something, this file wins.
// Reference: https://github.com/ai-posture/ai-posture/blob/main/docs/configuration.md
{
  // Severity per rule id: "off", "error", "warning", "information" or "hint".
  // Every rule: command "AI Posture: Show Rule Documentation".
  "rules": {
    // "AIP105": "off"
  },
  // Files not to analyse (gitignore syntax), on top of .gitignore and the built-in excludes.
  "exclude": [
    // "**/fixtures/**"
  ],
  // Model files (.pt, .pkl, .onnx, …) are read as bytes, never loaded. Uncomment to decide here,
  // for everyone, instead of per user with the aiPosture.modelFiles.scan setting:
  // "modelFiles": { "scan": true, "maxBytes": 2147483648 },
  // Central suppressions, each with a reason and an optional expiry date (YYYY-MM-DD).
  "ignore": [
    // { "rule": "AIP103", "paths": ["tools/legacy/**"], "reason": "trusted local cache", "until": "2027-01-31" }
  ]
}
`;
