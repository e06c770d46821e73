import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/service';

// The two packaging configurations, loaded and validated by electron-builder's own code (the part
// that needs no Electron binary), so `extends` and the merge are what electron-builder will see.
async function load(file: string) {
  const config = await getConfig(repoRoot, join(repoRoot, file), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('electron-builder configuration', () => {
  it('release: the inspector, ELECTRON_RUN_AS_NODE and NODE_OPTIONS are off, and only app.asar loads', async () => {
    const config = await load('electron-builder.yml');
    expect(config.electronFuses).toMatchObject({
      enableNodeCliInspectArguments: false,
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.directories?.output).toBe('dist');
  });

  it('test build: the release build with only the inspector fuse on, so Playwright can attach, kept apart', async () => {
    const release = await load('electron-builder.yml');
    const test = await load('electron-builder.test.yml');
    expect(test.electronFuses).toEqual({ ...release.electronFuses, enableNodeCliInspectArguments: true });
    expect(test.directories).toEqual({ ...release.directories, output: 'dist-test' });
    expect(test.appId).not.toBe(release.appId);
    expect(test.asarUnpack).toEqual(release.asarUnpack);
    expect(test.npmRebuild).toBe(true);
  });

  it('rebuilds native modules for Electrons ABI before packaging', async () => {
    const config = await load('electron-builder.yml');
    expect(config.npmRebuild).toBe(true);
  });

  it('unpacks every native library of sharp, @img and onnxruntime-node, and better-sqlite3, from app.asar', async () => {
    const patterns = (await load('electron-builder.yml')).asarUnpack as string[];
    const unpacked = (path: string) => patterns.some((pattern) => minimatch(path, pattern, { dot: true }));
    const native = ['sharp', '@img', 'onnxruntime-node', 'better-sqlite3']
      .flatMap((pkg) => files(join(repoRoot, 'node_modules', pkg)))
      .map((file) => relative(repoRoot, file).split(sep).join('/'))
      .filter((path) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(path));
    expect(native.some((path) => path.includes('libonnxruntime'))).toBe(true);
    expect(native.some((path) => path.includes('libvips'))).toBe(true);
    expect(native.filter((path) => !unpacked(path))).toEqual([]);
    expect(unpacked('node_modules/zod/index.js')).toBe(false);
  });
});
