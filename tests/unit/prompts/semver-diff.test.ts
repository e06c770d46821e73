import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../../core/prompts/diff';
import { compareVersions, nextVersion, parseVersion } from '../../../core/prompts/semver';

describe('version numbers', () => {
  it('an evolved prompt bumps the minor, a manual edit the patch, skipping versions that exist', () => {
    expect(nextVersion('v1.0.0', 'minor', ['v1.0.0'])).toBe('v1.1.0');
    expect(nextVersion('v1.0.0', 'minor', ['v1.0.0', 'v1.1.0', 'v1.2.0'])).toBe('v1.3.0');
    expect(nextVersion('v1.2.0', 'patch', ['v1.2.0', 'v1.2.1'])).toBe('v1.2.2');
  });

  it('orders numerically and refuses malformed names', () => {
    expect(['v1.10.0', 'v1.9.0', 'v1.2.3'].sort(compareVersions)).toEqual(['v1.2.3', 'v1.9.0', 'v1.10.0']);
    expect(() => parseVersion('1.0')).toThrow(/not a prompt version/);
  });
});

describe('word diff', () => {
  it('marks removed and added words between two prompts', () => {
    expect(wordDiff('sharp focus, natural lighting, depth', 'sharp focus, soft daylight, depth, bokeh')).toEqual([
      { op: 'same', text: 'sharp focus,' },
      { op: 'removed', text: 'natural lighting,' },
      { op: 'added', text: 'soft daylight,' },
      { op: 'same', text: 'depth,' },
      { op: 'added', text: 'bokeh' },
    ]);
    expect(wordDiff('a b', 'a b')).toEqual([{ op: 'same', text: 'a b' }]);
  });
});
