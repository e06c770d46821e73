import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { PromptText } from '../generation';
import type { ProviderId } from '../api';
import type { PromptValidator } from './validate';
import { compareVersions } from './semver';
import type { PromptFileProblem, PromptVersion } from './types';

const VERSION_FILE = /^v\d+\.\d+\.\d+\.json$/;

export interface LoadedVersion {
  version: PromptVersion;
  origin: 'bundled' | 'local';
  file: string;
  sha256: string;
}

export interface PromptLibrary {
  versions: Map<string, LoadedVersion>;
  current: string;
  problems: PromptFileProblem[];
}

function readVersions(dir: string, origin: LoadedVersion['origin'], validate: PromptValidator, problems: PromptFileProblem[]) {
  const found: LoadedVersion[] = [];
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir).filter((n) => VERSION_FILE.test(n)).sort()) {
    const file = join(dir, name);
    try {
      const text = readFileSync(file, 'utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new Error(`Prompt file ${name} is not valid JSON (${(error as Error).message}). Fix or remove the file.`);
      }
      const version = validate(parsed, name);
      if (`${version.version}.json` !== name) {
        throw new Error(`Prompt file ${name} says it is ${version.version}; the file name and the version field must agree.`);
      }
      found.push({ version, origin, file: name, sha256: createHash('sha256').update(text).digest('hex') });
    } catch (error) {
      problems.push({ file: `${origin}/${name}`, message: (error as Error).message });
    }
  }
  return found;
}

function readCurrent(dir: string): string | null {
  const file = join(dir, 'current.json');
  if (!existsSync(file)) return null;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
    return typeof value.version === 'string' ? value.version : null;
  } catch {
    return null;
  }
}

/**
 * Loads the bundled read-only versions and the ones made at run time (same layout in the data dir).
 * A file that fails the schema is reported and skipped; when current.json names no valid version,
 * `current` falls back to `lastValidCurrent` (the service remembers the last one it used), else to
 * the newest valid version, so one bad file never stops rating.
 */
export function loadPromptLibrary(
  bundledVersionsDir: string,
  localVersionsDir: string,
  validate: PromptValidator,
  lastValidCurrent: string | null = null,
): PromptLibrary {
  const problems: PromptFileProblem[] = [];
  const versions = new Map<string, LoadedVersion>();
  for (const v of readVersions(bundledVersionsDir, 'bundled', validate, problems)) versions.set(v.version.version, v);
  for (const v of readVersions(localVersionsDir, 'local', validate, problems)) {
    if (!versions.has(v.version.version)) versions.set(v.version.version, v);
  }
  if (versions.size === 0) {
    throw new Error('No valid prompt version found: the bundled prompts/versions folder is missing or broken. Reinstall the app.');
  }
  const named = readCurrent(localVersionsDir) ?? readCurrent(bundledVersionsDir);
  let current = named !== null && versions.has(named) ? named : undefined;
  if (!current) {
    // Never the newest version by default while a better-known one exists: it may be an untested candidate.
    const fallbacks = [lastValidCurrent, readCurrent(bundledVersionsDir), [...versions.keys()].sort(compareVersions).at(-1)!];
    current = fallbacks.find((c): c is string => c !== null && versions.has(c))!;
    problems.push({ file: 'current.json', message: `current.json names ${named ?? 'no version'}, which is not a valid version; using ${current}.` });
  }
  return { versions, current, problems };
}

/** The text a provider receives: Leonardo's block serves the local enhancer too (same parameter names). */
export function promptTextFor(version: PromptVersion, provider: ProviderId): PromptText {
  const block = provider === 'stablediffusion' ? version.stablediffusion : version.leonardo;
  return { version: version.version, prompt: block.prompt, negative_prompt: block.negative_prompt };
}
