import type { Node } from '../parse/treeSitter';

/** Languages the facts layer understands (TypeScript and TSX share the JavaScript adapter). */
export type CodeLanguage = 'python' | 'javascript' | 'csharp' | 'java' | 'go';

export interface CodeImport {
  /** Module path, namespace, Java import or Go import path as written. */
  module: string;
  /** 0-based row of the import in the parsed text. */
  row: number;
}

export interface CodeArg {
  /** Keyword or named argument, object-literal key (JS) or struct field (Go). */
  name?: string;
  /** The argument's value expression (for a JS option, the property's value). */
  node: Node;
  /** The simple value the expression resolves to (a literal, a constant, an env default). */
  value?: string;
}

export interface CodeCall {
  node: Node;
  /** 0-based row of the call in the parsed text. */
  row: number;
  /** The callee as written (one line). */
  callee: string;
  /** The called name: function, method, constructor type, or the imported name it aliases. */
  method: string;
  /** The class a constructor or static call names (`new AzureOpenAIClient`, `OpenAiChatModel.builder()`). */
  typeName?: string;
  /**
   * What the callee resolves to through imports: a qualified name (Python
   * `transformers.AutoModel.from_pretrained`, Java, Go) or a module specifier (JavaScript).
   */
  origin?: string;
  args: CodeArg[];
  /** http(s) URL literals anywhere in the arguments (`new Uri("…")`, `option.WithBaseURL("…")`). */
  urls: string[];
  /** The call that produced the receiver, through a variable (`client = OpenAI()`) or a chain. */
  receiver?: CodeCall;
}

export interface CodeEndpoint {
  service: string;
  endpoint: string;
  row: number;
}

/** A literal only one service's API takes (`"$vectorSearch"`), where the file writes it. */
export interface CodeServiceMarker {
  service: string;
  marker: string;
  row: number;
}
