import type { RuleMeta } from '../types';

/** Values a message template may interpolate. */
export type MessageData = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * Fills `{name}` placeholders from `data`. A placeholder without a value throws: a message that
 * silently says `{callee}` would ship to every user, so the fixture suite must catch it instead.
 */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`message placeholder {${name}} has no value in ${JSON.stringify(template)}`);
    return String(value);
  });
}

/** The names of the placeholders of a template, in order of first use. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]))];
}

/** A rule's message for one report, with the id it came from (unknown ids throw, like missing values). */
export function ruleMessage(meta: RuleMeta, report: { messageId: string; data?: MessageData }): { message: string; messageId: string } {
  const template = meta.messages[report.messageId];
  if (template === undefined) throw new Error(`${meta.id} has no message '${report.messageId}'`);
  return { message: formatMessage(template, report.data), messageId: report.messageId };
}
