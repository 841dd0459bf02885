import type { Range } from '../types';

/**
 * The typed, ranged model of an infrastructure-as-code resource, shared by the AI-BOM (`iac.ts`) and
 * the IaC rules. Each reader (Terraform, Bicep, ARM, CloudFormation) lists resources with every
 * property it could read, by path from the resource body, each with the range of its key and value:
 * a rule reports a bad value on the property, and a missing property on `declarationRange`.
 */

export type IacFormat = 'terraform' | 'bicep' | 'arm' | 'cloudformation';

/**
 * `literal`: a plain string, number, boolean or null. `expression`: anything computed (a variable,
 * an ARM `[…]` expression, a CloudFormation intrinsic such as `!Ref` or `{"Fn::Sub": …}`, a
 * Terraform or Bicep expression); its value is the text as written. `object`/`array`: nested values;
 * an object's members are properties of their own (`properties.networkAcls.defaultAction`).
 */
export type IacPropertyKind = 'literal' | 'expression' | 'object' | 'array';

export interface IacProperty {
  /** Path from the resource body as written, dotted (`properties.disableLocalAuth`). */
  path: string;
  kind: IacPropertyKind;
  /** The literal value; an expression's text; the plain value of a JSON/YAML object or array. */
  value: unknown;
  range: Range;
  keyRange: Range;
  /**
   * What an `expression` stands for when the reader could follow it to a literal in the same file:
   * `constant` for values nobody can override at deploy time (Terraform `locals`, Bicep `var`, ARM
   * `variables`, a `!Sub` without placeholders); `default` for a parameter or variable default,
   * which a deployment may override (the AI-BOM uses it; rules do not judge it).
   */
  resolved?: { value: unknown; source: 'constant' | 'default' };
}

/**
 * A value a template declares by name with a literal: a Terraform `variable` default or `locals`
 * entry, a Bicep `param` default or `var`, an ARM parameter default or variable, a CloudFormation
 * parameter `Default`. Settings often live only there (`variables.tf`, `main.parameters` defaults),
 * so the AI-BOM reads them even where no resource uses them in the same file.
 */
export interface IacDeclaration {
  name: string;
  value: unknown;
  source: 'constant' | 'default';
  /** The value's range. */
  range: Range;
  /** For a member of a map default (`default = { "gpt-4o" = "2024-11-20" }`): the map key it lies under. */
  mapKey?: string;
}

/** One element of an array or of a repeated Terraform block: its own property and its members by path. */
export interface IacItem {
  index: number;
  property: IacProperty;
  get(path: string): IacProperty | undefined;
}

export class IacResource {
  private readonly byPath = new Map<string, IacProperty>();

  constructor(
    readonly format: IacFormat,
    /** The resource type as written (`azurerm_cognitive_account`, `Microsoft.Search/searchServices`, `AWS::Bedrock::Agent`). */
    readonly type: string,
    /** Terraform's resource name label, Bicep's symbol, CloudFormation's logical id, ARM's `name` as written. */
    readonly name: string | undefined,
    /** The whole declaration. */
    readonly range: Range,
    /** Its head: `resource "type" "name"`, `resource sym 'type@version'`, the ARM `type` member, the CloudFormation logical id. */
    readonly declarationRange: Range,
  ) {}

  /** 1-based line where the resource starts, for AI-BOM occurrences. */
  get line(): number {
    return this.range.start.line + 1;
  }

  /** Every property read, in document order (array items and repeated blocks as `path[i]`). */
  get properties(): IacProperty[] {
    return [...this.byPath.values()];
  }

  /**
   * The value of a property when the file decides it: a literal, or an expression the reader
   * resolved to a constant. With `defaults`, a parameter's default counts too (the AI-BOM's view;
   * a rule never judges a value a deployment can override).
   */
  known(path: string, options: { defaults?: boolean } = {}): { value: unknown; property: IacProperty } | undefined {
    const property = this.get(path);
    if (!property) return undefined;
    if (property.kind === 'literal') return { value: property.value, property };
    const resolved = property.resolved;
    if (resolved && (resolved.source === 'constant' || options.defaults)) return { value: resolved.value, property };
    return undefined;
  }

  /**
   * The elements of an array (`properties.contentFilters`) or the instances of a repeated Terraform
   * block (`content_policy_config.filters_config`), in document order.
   */
  items(path: string): IacItem[] {
    const items: IacItem[] = [];
    // Terraform writes the first of repeated blocks as `name`, the next ones as `name[1]`, ….
    const blocks = this.format === 'terraform' && this.get(path)?.kind === 'object';
    for (let index = 0; ; index++) {
      const prefix = blocks && index === 0 ? path : `${path}[${index}]`;
      const property = this.get(prefix);
      if (!property) return items;
      items.push({ index, property, get: (member) => this.get(`${prefix}.${member}`) });
    }
  }

  /** Records a property; a path written twice keeps its first occurrence. */
  add(property: IacProperty): void {
    const key = property.path.toLowerCase();
    if (!this.byPath.has(key)) this.byPath.set(key, property);
  }

  /** The property at a dotted path, matched case-insensitively (`properties.disableLocalAuth`). */
  get(path: string): IacProperty | undefined {
    return this.byPath.get(path.toLowerCase());
  }

  /** The first of `paths` that holds a literal string, or (with `defaults`) one a parameter default gives. */
  literalString(...paths: string[]): { value: string; property: IacProperty } | undefined {
    return this.knownString(paths, {});
  }

  /** Like `literalString`, but also through parameter and variable defaults (the AI-BOM's view). */
  stringWithDefaults(...paths: string[]): { value: string; property: IacProperty } | undefined {
    return this.knownString(paths, { defaults: true });
  }

  private knownString(paths: string[], options: { defaults?: boolean }): { value: string; property: IacProperty } | undefined {
    for (const path of paths) {
      const found = this.known(path, options);
      if (typeof found?.value === 'string') return { value: found.value, property: found.property };
    }
    return undefined;
  }
}
