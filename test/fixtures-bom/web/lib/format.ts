import { capitalize } from 'lodash';

export function title(text: string): string {
  return capitalize(text.trim());
}
