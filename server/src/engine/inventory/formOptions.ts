import { isModelEnvName } from './catalog';
import { modelComponent } from './components';
import { settingKey, strongModelId } from './modelSettings';
import type { PartialComponent } from './types';

/**
 * Models a Colab form lets the user pick: `MODEL_ID = "gemini-2.5-flash" # @param ["gemini-2.5-flash-lite",
 * "gemini-2.5-pro"] {"allow-input": true}`. The option list lives in a comment, which the code view
 * blanks, so the cell's own line is read. An option counts when the form field's name says model
 * (the model-setting name check) and the option is a model id by a hosted provider's pattern.
 */

/** The literal a file needs for this collector to run. */
export const FORM_PARAM_LITERAL = '@param';

/** `NAME = <value> # @param [<options>]`: the field's name and its option list as written. */
const FORM_FIELD = /^[ \t]*([A-Za-z_]\w*)[ \t]*=[^#\n]*#[ \t]*@param[ \t]*\[([^\]\n]*)\]/gm;
/** A list of quoted strings and nothing else (`"a", 'b'`): the only option lists read. */
const STRING_LIST = /^\s*(?:(["'])[^"'\n]*\1\s*(?:,\s*|$))+$/;
const QUOTED = /(["'])([^"'\n]*)\1/g;

/** One form option naming a model, at its 0-based row of `text`. */
export interface FormModelOption {
  field: string;
  id: string;
  provider: string;
  row: number;
}

/** The model options of the Colab form fields written in one cell (or script). */
export function formModelOptions(text: string): FormModelOption[] {
  if (!text.includes(FORM_PARAM_LITERAL)) return [];
  const found: FormModelOption[] = [];
  for (const match of text.matchAll(FORM_FIELD)) {
    const [, field, options] = match;
    if (!isModelEnvName(settingKey(field)) || !STRING_LIST.test(options)) continue;
    const row = text.slice(0, match.index).split('\n').length - 1;
    for (const [, , option] of options.matchAll(QUOTED)) {
      const model = strongModelId(option);
      if (model) found.push({ field, id: model.id, provider: model.provider, row });
    }
  }
  return found;
}

/** Model components for the form options of one cell; `line` maps a row of the text to the file's line. */
export function collectFormModelOptions(path: string, text: string, line: (row: number) => number): PartialComponent[] {
  return formModelOptions(text).map((option) =>
    modelComponent(option.id, option.provider, { path, line: line(option.row), evidence: 'config', symbol: option.field }),
  );
}
