/**
 * Single-service Azure AI account kinds that are a service of their own (`kind: 'FormRecognizer'` is
 * Document Intelligence): read by the IaC collector (`iac.ts`) and the one-pass gate (`prefilter.ts`).
 */
export const AZURE_ACCOUNT_KIND_SERVICES: Readonly<Record<string, string>> = {
  FormRecognizer: 'azure-document-intelligence',
  ComputerVision: 'azure-computer-vision',
  ContentSafety: 'azure-ai-content-safety',
  SpeechServices: 'azure-speech',
};

/** The kinds as a regular-expression alternation (`FormRecognizer|ComputerVision|…`). */
export const AZURE_ACCOUNT_KIND_PATTERN = Object.keys(AZURE_ACCOUNT_KIND_SERVICES).join('|');

/** The kinds quoted as Bicep (`'formrecognizer'`) and Terraform (`"formrecognizer"`) write them, lower-case. */
export const AZURE_ACCOUNT_KIND_LITERALS: readonly string[] = Object.keys(AZURE_ACCOUNT_KIND_SERVICES).flatMap((kind) => [
  `'${kind.toLowerCase()}'`,
  `"${kind.toLowerCase()}"`,
]);
