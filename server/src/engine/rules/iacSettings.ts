import { iacResourcesOf } from '../inventory/iacFile';
import type { IacProperty, IacResource } from '../inventory/iacResource';
import type { Fix, FixApplicability } from '../types';
import type { RuleContext } from './rule';

/**
 * What the IaC rules (AIP8xx) share: the file's resources from the one cached read, labels for
 * messages, values read the way each format's engine reads them, and fixes that write a member
 * the way each format writes one (a Terraform attribute or block, a Bicep property, an ARM or
 * CloudFormation JSON member, a CloudFormation YAML key), on a line of its own, indented like its
 * neighbours, so the rest of the template keeps its formatting.
 */

export function iacResources(context: RuleContext): IacResource[] {
  return iacResourcesOf(context.kind, context.text, context.tree);
}

/** Resources whose type (case-insensitive) is one of `types` (lower case). */
export function resourcesOfType(context: RuleContext, types: readonly string[]): IacResource[] {
  return iacResources(context).filter((resource) => types.includes(resource.type.toLowerCase()));
}

/** `type "name"` when the name is plain (ARM names are often expressions), else the type. */
export function resourceLabel(resource: IacResource): string {
  return resource.name && !resource.name.startsWith('[') ? `${resource.type} "${resource.name}"` : resource.type;
}

/**
 * The value a property holds when the file decides it (a literal or a constant), as the engine
 * reads it: Terraform converts the strings "true"/"false" to booleans where a bool is expected.
 * Undefined when the property is missing or computed.
 */
export function knownValue(resource: IacResource, path: string): unknown {
  const found = resource.known(path);
  if (!found) return undefined;
  const value = found.value;
  if (resource.format === 'terraform' && typeof value === 'string' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** Is the property written but computed (a variable, parameter, expression we cannot follow)? */
export function isUnknown(resource: IacResource, path: string): boolean {
  const property = resource.get(path);
  return property !== undefined && property.kind === 'expression' && !resource.known(path);
}

/** Case-insensitive string equality for enum-like settings (`Disabled`, `HIGH`). */
export function sameWord(value: unknown, expected: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === expected.toLowerCase();
}

/** How a property reads in a message: `public_network_access_enabled = true`, `publicNetworkAccess: 'Enabled'`. */
export function settingText(context: RuleContext, resource: IacResource, property: IacProperty): string {
  const key = property.path.split('.').at(-1) as string;
  const resolved = property.resolved ? ` (${scalarText(context, resource, property.resolved.value as Scalar)})` : '';
  const value =
    property.kind === 'literal' ? scalarText(context, resource, property.value as Scalar) : `${String(property.value)}${resolved}`;
  return resource.format === 'terraform' ? `${key} = ${value}` : `${key}: ${value}`;
}

type Scalar = string | number | boolean | null;

/** A scalar as the format writes it: `"x"` (Terraform, JSON), `'x'` (Bicep), `x` (YAML). */
export function scalarText(context: RuleContext, resource: IacResource, value: Scalar): string {
  if (typeof value !== 'string') return String(value);
  if (resource.format === 'bicep') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (context.kind === 'yaml' && /^[A-Za-z][\w.-]*$/.test(value) && !/^(?:true|false|null|yes|no|on|off)$/i.test(value)) return value;
  return JSON.stringify(value);
}

/** A member to insert: a scalar, or one level of nested members (an `identity` block). */
export type MemberValue = Scalar | Readonly<Record<string, Scalar>>;

/** Replaces a property's value with the safe literal. */
export function replaceFix(
  context: RuleContext,
  resource: IacResource,
  property: IacProperty,
  value: Scalar,
  applicability: FixApplicability,
): Fix {
  const key = property.path
    .split('.')
    .at(-1)
    ?.replace(/\[\d+\]$/, '');
  const text = sameQuotes(context, property, scalarText(context, resource, value));
  return { title: `Set ${key} to ${text}`, edits: [{ range: property.range, newText: text }], applicability };
}

/** YAML may quote a string or not: a replacement keeps the quotes the original value was written with. */
function sameQuotes(context: RuleContext, property: IacProperty, text: string): string {
  if (context.kind !== 'yaml' || typeof property.value !== 'string') return text;
  const quote = context.text.charAt(context.lines.offsetAt(property.range.start));
  const plain = text.startsWith('"') ? (JSON.parse(text) as string) : text;
  if (quote === '"') return JSON.stringify(plain);
  return quote === "'" ? `'${plain.replace(/'/g, "''")}'` : text;
}

/**
 * Inserts `key` with `value` on its own line(s) before the first member of `parent` (the resource
 * body when undefined), indented like that member. Undefined when there is no such member or it
 * shares its line with other text: guessing the layout would not give a clean edit.
 */
export function insertFix(
  context: RuleContext,
  resource: IacResource,
  parent: string | undefined,
  key: string,
  value: MemberValue,
  applicability: FixApplicability,
): Fix | undefined {
  const first = firstMember(resource, parent);
  if (!first) return undefined;
  const lines = context.lines;
  const lineStart = lines.lineStart(first.keyRange.start.line);
  const indent = lines.text.slice(lineStart, lines.offsetAt(first.keyRange.start));
  // A JSON array element or a one-line body has no line of its own to put the member before.
  if (indent.trim() !== '' || (first.path.endsWith(']') && first.kind !== 'object')) return undefined;
  const at = lines.positionAt(lineStart);
  const title = typeof value === 'object' && value !== null ? `Add ${key}` : `Set ${key} to ${scalarText(context, resource, value)}`;
  return { title, edits: [{ range: { start: at, end: at }, newText: memberText(context, resource, indent, key, value) }], applicability };
}

/**
 * Terraform: appends a nested block after the last member of the resource body, separated by a
 * blank line and indented like the first member (blocks follow attributes in idiomatic HCL).
 * Undefined when the closing brace shares its line with other text.
 */
export function appendBlockFix(
  context: RuleContext,
  resource: IacResource,
  key: string,
  value: Readonly<Record<string, Scalar>>,
  applicability: FixApplicability,
): Fix | undefined {
  const first = firstMember(resource, undefined);
  const lines = context.lines;
  const closing = resource.range.end;
  const closingLineStart = lines.lineStart(closing.line);
  if (!first || lines.text.slice(closingLineStart, lines.offsetAt(closing)).trim() !== '}') return undefined;
  const indent = lines.text.slice(lines.lineStart(first.keyRange.start.line), lines.offsetAt(first.keyRange.start));
  if (indent.trim() !== '') return undefined;
  const at = lines.positionAt(closingLineStart);
  const newText = `\n${memberText(context, resource, indent, key, value)}`;
  return { title: `Add ${key}`, edits: [{ range: { start: at, end: at }, newText }], applicability };
}

/** The member's text in the resource's format, ending in a newline (and a comma in JSON). */
function memberText(context: RuleContext, resource: IacResource, indent: string, key: string, value: MemberValue): string {
  const json = context.kind === 'json';
  const name = json ? JSON.stringify(key) : key;
  const inner = `${indent}  `;
  const comma = json ? ',' : '';
  if (typeof value !== 'object' || value === null) {
    const separator = resource.format === 'terraform' ? ' = ' : ': ';
    return `${indent}${name}${separator}${scalarText(context, resource, value)}${comma}\n`;
  }
  const members = Object.entries(value);
  const member = (entry: [string, Scalar], last: boolean) => {
    const [k, v] = entry;
    if (resource.format === 'terraform') return `${inner}${k} = ${scalarText(context, resource, v)}\n`;
    return `${inner}${json ? JSON.stringify(k) : k}: ${scalarText(context, resource, v)}${json && !last ? ',' : ''}\n`;
  };
  const body = members.map((entry, index) => member(entry, index === members.length - 1)).join('');
  if (resource.format === 'terraform') return `${indent}${key} {\n${body}${indent}}\n`;
  if (context.kind === 'yaml') return `${indent}${key}:\n${body}`;
  return `${indent}${name}: {\n${body}${indent}}${comma}\n`;
}

/** The first property directly under `parent` (the top of the body when undefined), in document order. */
function firstMember(resource: IacResource, parent: string | undefined): IacProperty | undefined {
  const prefix = parent ? `${parent.toLowerCase()}.` : '';
  return resource.properties.find((property) => {
    const path = property.path.toLowerCase();
    return path.startsWith(prefix) && !path.slice(prefix.length).includes('.') && !path.endsWith(']');
  });
}

// ------------------------------------------------------------------------------------------------

/**
 * One setting the rule wants: where it lives per resource type, which values are safe, whether
 * leaving it out is unsafe (the service's default), and how to write the safe value.
 */
export interface Setting {
  /** Path from the resource body (`properties.publicNetworkAccess`, `Properties.RootAccess`). */
  path: string;
  isSafe: (value: unknown) => boolean;
  /** True when the default (the property left out) is the unsafe value. */
  missingIsRisk: boolean;
  /** The value a fix writes; no fix when undefined. */
  fixValue?: Scalar;
}

export interface SettingOutcome {
  /** `value`: a literal that is not safe; `missing`: left out with an unsafe default. */
  problem: 'value' | 'missing';
  property?: IacProperty;
  fix?: Fix;
}

/**
 * Judges one setting on one resource. Undefined when it is safe or cannot be decided: a computed
 * value, or a computed parent (`properties: union(…)`, `Properties: !If …`) that may hold it.
 */
export function judgeSetting(
  context: RuleContext,
  resource: IacResource,
  setting: Setting,
  applicability: FixApplicability,
): SettingOutcome | undefined {
  const segments = setting.path.split('.');
  for (let depth = 1; depth < segments.length; depth++) {
    const parent = resource.get(segments.slice(0, depth).join('.'));
    if (parent && parent.kind !== 'object') return undefined;
  }
  const property = resource.get(setting.path);
  if (!property) {
    if (!setting.missingIsRisk) return undefined;
    const parent = segments.length > 1 ? segments.slice(0, -1).join('.') : undefined;
    const fix =
      setting.fixValue === undefined
        ? undefined
        : insertFix(context, resource, parent, segments.at(-1) as string, setting.fixValue, applicability);
    return { problem: 'missing', ...(fix ? { fix } : {}) };
  }
  const value = knownValue(resource, setting.path);
  if (value === undefined || setting.isSafe(value)) return undefined;
  const fix =
    // Only a literal of the same type is replaced: a string where a boolean belongs needs a person.
    setting.fixValue !== undefined && property.kind === 'literal' && typeof property.value === typeof setting.fixValue
      ? replaceFix(context, resource, property, setting.fixValue, applicability)
      : undefined;
  return { problem: 'value', property, ...(fix ? { fix } : {}) };
}

/** Reports an outcome: a bad value on the value, a missing setting on the declaration. */
export function reportSetting(
  context: RuleContext,
  resource: IacResource,
  outcome: SettingOutcome,
  messages: { value: string; missing: string },
  data: Record<string, string>,
): void {
  const property = outcome.property;
  const base = { resource: resourceLabel(resource), ...data };
  const fix = outcome.fix ? { fix: outcome.fix } : {};
  if (outcome.problem === 'value' && property) {
    context.report({
      at: property.range,
      messageId: messages.value,
      data: { ...base, setting: settingText(context, resource, property) },
      ...fix,
    });
  } else context.report({ at: resource.declarationRange, messageId: messages.missing, data: base, ...fix });
}

/** Azure AI Services / Azure OpenAI accounts (lower case), the resources of AIP801–AIP805 and AIP807. */
export const AZURE_AI_ACCOUNT_TYPES = ['microsoft.cognitiveservices/accounts', 'azurerm_cognitive_account', 'azurerm_ai_services'] as const;

/** The triggers that let a template declaring an Azure AI account through to the rules. */
export const AZURE_AI_ACCOUNT_TRIGGERS = [
  'Microsoft.CognitiveServices/accounts',
  'microsoft.cognitiveservices/accounts',
  'azurerm_cognitive_account',
  'azurerm_ai_services',
];
