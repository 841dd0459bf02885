import { sdkComponent } from './build';
import {
  clientsForSymbol,
  goModuleForImport,
  mavenPackageForImport,
  npmPackageForSpecifier,
  nugetPackageForNamespace,
  type PackageInfo,
  pythonPackageForModule,
} from './catalog';
import type { CodeCall, CodeFacts, CodeLanguage } from './codeFacts';
import type { PartialComponent } from './types';

/**
 * SDKs imported by code. An import is evidence of use even when no manifest declares the package
 * ("shadow AI"), and every import and attributed call becomes an occurrence, so each SDK knows where
 * it is used. Also answers "which AI package does this call belong to?" for the other collectors.
 */

export function packageForModule(language: CodeLanguage, module: string): PackageInfo | undefined {
  switch (language) {
    case 'python':
      return pythonPackageForModule(module);
    case 'javascript':
      return npmPackageForSpecifier(module);
    case 'csharp':
      return nugetPackageForNamespace(module.replace(/^static\s+/, ''));
    case 'java':
      return mavenPackageForImport(module.replace(/^static\s+/, ''));
    case 'go':
      return goModuleForImport(module);
  }
}

/** `ecosystem:name` as the endpoint catalog spells package keys (Go without its `/vN`). */
export function packageKey(info: PackageInfo): string {
  return `${info.ecosystem}:${info.ecosystem === 'golang' ? info.name.replace(/\/v\d+$/, '') : info.name}`;
}

export function collectCodeImports(path: string, facts: CodeFacts): PartialComponent[] {
  const components: PartialComponent[] = [];
  for (const entry of facts.imports) {
    const info = packageForModule(facts.language, entry.module);
    if (info) components.push(sdkComponent(info, { path, line: entry.line, evidence: 'import', symbol: entry.module }));
  }
  return components;
}

/** What the collectors of one file share: its AI packages and the package behind each call. */
export class CallResolver {
  readonly packages: PackageInfo[];
  private readonly byKey = new Map<string, PackageInfo>();
  private readonly cache = new Map<CodeCall, PackageInfo | undefined>();

  constructor(readonly facts: CodeFacts) {
    for (const entry of facts.imports) {
      const info = packageForModule(facts.language, entry.module);
      if (info && !this.byKey.has(packageKey(info))) this.byKey.set(packageKey(info), info);
    }
    this.packages = [...this.byKey.values()];
  }

  /** The call and the calls its receiver came from, nearest first. */
  chain(call: CodeCall): CodeCall[] {
    const result: CodeCall[] = [];
    for (let current: CodeCall | undefined = call; current && result.length < 32; current = current.receiver) {
      if (result.includes(current)) break;
      result.push(current);
    }
    return result;
  }

  /**
   * The AI package a call belongs to: through an import on the call or its receivers; else a known
   * client type or function of an imported package (C# and Java import namespaces, not types);
   * else the file's only AI package.
   */
  packageOf(call: CodeCall): PackageInfo | undefined {
    if (this.cache.has(call)) return this.cache.get(call);
    const chain = this.chain(call);
    let found: PackageInfo | undefined;
    for (const link of chain) {
      found = link.origin ? packageForModule(this.facts.language, link.origin) : undefined;
      if (found) break;
    }
    if (!found) {
      for (const link of chain) {
        found = this.packageForSymbol(link.typeName) ?? this.packageForSymbol(link.method);
        if (found) break;
      }
    }
    if (!found && this.packages.length === 1 && this.facts.language !== 'python' && this.facts.language !== 'javascript') {
      found = this.packages[0];
    }
    this.cache.set(call, found);
    return found;
  }

  private packageForSymbol(symbol: string | undefined): PackageInfo | undefined {
    if (!symbol) return undefined;
    for (const client of clientsForSymbol(symbol)) {
      const info = this.byKey.get(client.package);
      if (info) return info;
    }
    return undefined;
  }

  /** The only AI package of the file, when there is exactly one. */
  soleProviderPackage(): PackageInfo | undefined {
    const providers = this.packages.filter((info) => info.category === 'llm-sdk' || info.category === 'orchestration');
    return providers.length === 1 ? providers[0] : undefined;
  }
}
