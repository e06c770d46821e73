// Semantic versions of prompt files (`vMAJOR.MINOR.PATCH`): an evolved prompt bumps the minor, a
// manual edit the patch. Versions are immutable and shared between workstations, so a bump always
// picks the first number no known version uses yet.

const PATTERN = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

export function parseVersion(version: string): SemVer {
  const match = PATTERN.exec(version);
  if (!match) throw new Error(`"${version}" is not a prompt version: expected vMAJOR.MINOR.PATCH, e.g. v1.2.0.`);
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) };
}

export const formatVersion = (v: SemVer): string => `v${v.major}.${v.minor}.${v.patch}`;

/** Orders versions numerically (v1.10.0 after v1.9.0), which a string sort gets wrong. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

/**
 * The next version after `parent` for an evolved prompt (`minor`) or a manual edit (`patch`):
 * evolved v1.0.0 gives v1.1.0, or v1.2.0 when v1.1.0 exists already (made by another evolution
 * or another workstation).
 */
export function nextVersion(parent: string, kind: 'minor' | 'patch', existing: Iterable<string>): string {
  const taken = new Set(existing);
  const base = parseVersion(parent);
  for (let step = 1; ; step++) {
    const candidate =
      kind === 'minor'
        ? formatVersion({ major: base.major, minor: base.minor + step, patch: 0 })
        : formatVersion({ major: base.major, minor: base.minor, patch: base.patch + step });
    if (!taken.has(candidate)) return candidate;
  }
}
