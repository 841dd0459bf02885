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

  /** Every property read, in document order. */
  get properties(): IacProperty[] {
    return [...this.byPath.values()];
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

  /** The first of `paths` that holds a literal string. */
  literalString(...paths: string[]): { value: string; property: IacProperty } | undefined {
    for (const path of paths) {
      const property = this.get(path);
      if (property?.kind === 'literal' && typeof property.value === 'string') return { value: property.value, property };
    }
    return undefined;
  }
}
