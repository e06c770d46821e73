import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { externalUrlAllowed, isTrustedSender, parseImageUrl, resolveAppFile } from '../../../electron/urls';

const root = resolve('/srv/latina/out/renderer');
const app = (path: string) => `app://latina${path}`;
const sha = 'ab'.repeat(32);

describe('app:// serves the built renderer and nothing else', () => {
  it.each([
    ['/', 'index.html'],
    ['', 'index.html'],
    ['/index.html', 'index.html'],
    ['/assets/index-3f2a.js', join('assets', 'index-3f2a.js')],
    ['/assets/index.css?v=1#top', join('assets', 'index.css')],
    ['/assets/Inter%20Var.woff2', join('assets', 'Inter Var.woff2')],
  ])('%s -> %s', (path, file) => {
    expect(resolveAppFile(root, app(path))).toBe(join(root, file));
  });

  it.each([
    ['encoded slash', '/..%2f..%2fetc%2fpasswd'],
    ['encoded slash, upper case', '/assets%2Findex.js'],
    ['encoded backslash', '/..%5c..%5cWindows%5cwin.ini'],
    ['backslash', '/assets\\..\\..\\secrets.json'],
    ['NUL', '/index.html%00.png'],
    ['control character', '/index%0a.html'],
    ['empty segment (absolute path)', '//etc/passwd'],
    ['drive letter', '/C:/Windows/win.ini'],
    ['drive letter, encoded', '/C%3A/Windows/win.ini'],
    ['encoded dot segment', '/assets/%2e%2e%2f%2e%2e%2fsecrets.json'],
    ['malformed escape', '/%E0%A4%A'],
    ['bracket after an empty segment', '//['],
    ['lone percent sign', '/%'],
    ['encoded NUL alone', '/%00'],
    ['overlong name', `/${'a'.repeat(256)}.js`],
    ['overlong name in bytes', `/${'%C3%A9'.repeat(128)}.js`],
    ['overlong path', `/${'a/'.repeat(600)}x.js`],
  ])('refuses %s', (_what, path) => {
    expect(resolveAppFile(root, app(path))).toBeNull();
  });

  it.each([
    'app://evil/index.html',
    'app://LATINA/index.html',
    'app://latina:8080/index.html',
    'app://user:pw@latina/index.html',
    'file:///etc/passwd',
    'https://latina/index.html',
    '/etc/passwd',
    '../index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('dot segments are resolved by the URL parser before the path is read, so they stay inside the folder', () => {
    expect(resolveAppFile(root, app('/../../etc/passwd'))).toBe(join(root, 'etc', 'passwd'));
    expect(resolveAppFile(root, app('/%2e%2e/%2e%2e/etc/passwd'))).toBe(join(root, 'etc', 'passwd'));
  });

  it('whatever the path, the answer is null or a file inside the renderer folder', () => {
    const segment = fc.oneof(
      fc.string(),
      fc.constantFrom('..', '.', '%2e%2e', '%2f', '%5c', '%00', '\\', 'C:', '', '%', '%ff', '..\\..', '/'),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const file = resolveAppFile(root, app(`/${segments.join('/')}`));
        return file === null || file.startsWith(root + sep);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('app-image:// names an image by sha256 only', () => {
  it('accepts the two URLs the preload makes', () => {
    expect(parseImageUrl(`app-image://${sha}/`)).toEqual({ sha256: sha, variant: 'full' });
    expect(parseImageUrl(`app-image://${sha}/?variant=thumb`)).toEqual({ sha256: sha, variant: 'thumb' });
    expect(parseImageUrl(`app-image://${sha}`)).toEqual({ sha256: sha, variant: 'full' });
  });

  it.each([
    ['a path after the hash', `app-image://${sha}/../../etc/passwd`],
    ['a file path', `app-image://${sha}/etc/passwd`],
    ['traversal as host', 'app-image://../etc/passwd'],
    ['encoded slash', `app-image://${sha}%2f..%2fsecrets/`],
    ['NUL', `app-image://${sha}%00/`],
    ['backslash', `app-image://${sha}/\\..\\x`],
    ['upper-case hash', `app-image://${sha.toUpperCase()}/`],
    ['short hash', `app-image://${sha.slice(1)}/`],
    ['long hash', `app-image://${sha}0/`],
    ['port', `app-image://${sha}:80/`],
    ['credentials', `app-image://u:p@${sha}/`],
    ['unknown variant', `app-image://${sha}/?variant=../../x`],
    ['two variants', `app-image://${sha}/?variant=thumb&variant=full`],
    ['unknown parameter', `app-image://${sha}/?path=/etc/passwd`],
    ['another scheme', `app://${sha}/`],
    ['absolute file path', '/etc/passwd'],
  ])('refuses %s', (_what, url) => {
    expect(parseImageUrl(url)).toBeNull();
  });
});

describe('only our page may call the contract', () => {
  it('accepts the top frame of app://latina', () => {
    expect(isTrustedSender({ url: 'app://latina/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://latina/index.html#/history', parent: null })).toBe(true);
  });

  it.each([
    ['no frame (destroyed or navigated away)', null],
    ['a child frame of our page', { url: 'app://latina/index.html', parent: { url: 'app://latina/index.html' } }],
    ['another host of our scheme', { url: 'app://evil/index.html', parent: null }],
    ['a file:// page', { url: 'file:///srv/latina/out/renderer/index.html', parent: null }],
    ['a web page', { url: 'https://latina/index.html', parent: null }],
    ['our host with a port', { url: 'app://latina:1/index.html', parent: null }],
    ['credentials', { url: 'app://x@latina/index.html', parent: null }],
    ['the image scheme', { url: `app-image://${sha}/`, parent: null }],
    ['about:blank', { url: 'about:blank', parent: null }],
    ['an empty URL', { url: '', parent: null }],
  ])('refuses %s', (_what, frame) => {
    expect(isTrustedSender(frame)).toBe(false);
  });
});

describe('external links', () => {
  it('open only https pages of the listed documentation sites', () => {
    expect(externalUrlAllowed('https://platform.openai.com/docs/api-reference')).toBe(true);
    expect(externalUrlAllowed('https://docs.leonardo.ai/reference')).toBe(true);
    for (const url of [
      'http://platform.openai.com/docs',
      'https://platform.openai.com.evil.example/',
      'https://evil.example/?platform.openai.com',
      'https://user@platform.openai.com/',
      'https://platform.openai.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'not a url',
    ]) {
      expect(externalUrlAllowed(url), url).toBe(false);
    }
    expect(externalUrlAllowed('https://platform.openai.com/', [])).toBe(false);
  });
});
