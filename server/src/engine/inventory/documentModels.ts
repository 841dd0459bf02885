import { modelComponent, withServingService } from './components';
import { Lines } from './manifestText';
import type { PartialComponent } from './types';

/**
 * Azure AI Document Intelligence prebuilt models (`begin_analyze_document("prebuilt-layout", …)`,
 * `model_id = "prebuilt-read"`, `beginAnalyzeDocument("prebuilt-invoice", …)`): the model a document is
 * analysed with, run by that service. The ids are the service's own (`prebuilt-` and a known model), and
 * count only in a file that uses its SDK or LangChain's loader of it. Gated on `DOCUMENT_MODEL_LITERALS`.
 */

export const DOCUMENT_MODEL_LITERALS = ['prebuilt-'];

const PREBUILT =
  /["'`](prebuilt-(?:layout|read|document|invoice|receipt|idDocument|businessCard|contract|creditCard|check\.us|bankStatement\.us|payStub\.us|marriageCertificate\.us|healthInsuranceCard\.us|tax\.us(?:\.[\w]+)*|mortgage\.us(?:\.[\w]+)*))["'`]/g;
/** Document Intelligence (formerly Form Recognizer) SDKs and clients, in any language. */
const SDK = /formrecognizer|form[-_]recognizer|documentintelligence|document[-_]intelligence|DocumentAnalysisClient/i;

export function collectDocumentModels(path: string, text: string): PartialComponent[] {
  if (!SDK.test(text)) return [];
  const lines = new Lines(text);
  const components: PartialComponent[] = [];
  for (const match of text.matchAll(PREBUILT)) {
    const occurrence = { path, line: lines.at(match.index), evidence: 'constant' as const, symbol: match[1] };
    components.push(...withServingService(modelComponent(match[1], 'azure-ai', occurrence), 'azure-document-intelligence', occurrence));
  }
  return components;
}
