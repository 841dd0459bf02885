/**
 * Code facts moved to `engine/facts/` (one module per language, shared with the rules). This
 * re-export keeps the inventory prefilter's type import working until it imports `../facts`.
 */
export type { CodeLanguage } from '../facts';
