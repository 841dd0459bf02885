import { lookupPackage } from './catalog';
import { sdkComponent, type VersionEvidence } from './components';
import type { PartialComponent } from './types';

/**
 * Ruby `Gemfile` (the gems a project asks for, with their requirements) and `Gemfile.lock` (the
 * versions Bundler resolved). A Gemfile is Ruby, but Bundler's DSL writes one `gem` statement a
 * line with literal arguments, so a line reader of that statement is its parser; anything else
 * (`eval_gemfile`, computed names) is not a dependency the AI-BOM can name.
 */

export type RubyManifestKind = 'gemfile' | 'gemfile-lock';

export function rubyManifestKind(basename: string): RubyManifestKind | undefined {
  switch (basename.toLowerCase()) {
    case 'gemfile':
    case 'gems.rb':
      return 'gemfile';
    case 'gemfile.lock':
    case 'gems.locked':
      return 'gemfile-lock';
    default:
      return undefined;
  }
}

export function collectRubyManifest(path: string, text: string, kind: RubyManifestKind): PartialComponent[] {
  return kind === 'gemfile' ? gemfile(path, text) : gemfileLock(path, text);
}

/** `gem "name"`, `gem 'name', '~> 1.2', '>= 1.2.3'`, `gem("name", …)`, each on its own line. */
const GEM = /^\s*gem\s*\(?\s*(["'])([A-Za-z0-9][\w.-]*)\1((?:\s*,\s*(["'])[^"']*\4)*)/;

function gemfile(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = GEM.exec(line);
    if (!match) return;
    const info = lookupPackage('rubygems', match[2]);
    if (!info) return;
    const requirements = [...match[3].matchAll(/(["'])([^"']*)\1/g)].map((requirement) => requirement[2].replace(/\s+/g, ''));
    components.push(sdkComponent(info, { path, line: index + 1, evidence: 'manifest', symbol: match[2] }, gemEvidence(requirements)));
  });
  return components;
}

/** A bare version or `= 1.2.3` pins it; anything else is a range. */
function gemEvidence(requirements: readonly string[]): VersionEvidence {
  if (requirements.length === 0) return {};
  const pin = requirements.length === 1 ? /^=?(\d[\w.]*)$/.exec(requirements[0]) : null;
  return pin ? { version: pin[1], versionSource: 'manifest' } : { versionRange: requirements.join(',') };
}

/** The `specs:` of the `GEM` section: four spaces, `name (version)`; six spaces are a gem's own dependencies. */
function gemfileLock(path: string, text: string): PartialComponent[] {
  const components: PartialComponent[] = [];
  let section = '';
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^[A-Z]/.test(line)) section = line.trim();
    if (section !== 'GEM') return;
    const match = /^ {4}([A-Za-z0-9][\w.-]*) \(([^)\s]+)\)$/.exec(line);
    if (!match) return;
    const info = lookupPackage('rubygems', match[1]);
    if (!info) return;
    // A platform suffix (`1.2.3-x86_64-linux`) is not part of the version.
    const version = match[2].replace(/-(?:x86|arm|aarch|universal|java|x64|mingw).*$/, '');
    components.push(
      sdkComponent(info, { path, line: index + 1, evidence: 'manifest', symbol: match[1] }, { version, versionSource: 'lockfile' }),
    );
  });
  return components;
}
