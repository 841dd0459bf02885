import type { JsModule } from '../parse/javascript';
import type { PythonModule } from '../parse/python';
import type { Node } from '../parse/treeSitter';
import type { RawCall } from './common';
import type { FlowSyntax } from './flow';
import type { CodeImport } from './types';

/** What each language module of the facts layer provides; `CodeFacts` builds the rest on top. */
export interface LanguageAdapter {
  /** The import-aware module view (Python and JavaScript only). */
  module?: PythonModule | JsModule;
  syntax: FlowSyntax;
  imports(): CodeImport[];
  /** Calls before receiver linking; argument values come from the shared resolver (`Flow.valueOf`). */
  calls(resolve: (node: Node) => string | undefined): RawCall[];
}
