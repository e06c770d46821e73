import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build for the three bundles. The renderer bundle is also what the browser host serves.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The reward model's worker thread is its own bundle beside index.js (core/reward/worker-host.ts).
        // So is the optimizer's hyperparameter fit (core/learning/optimizer-worker-host.ts).
        input: { index: resolve(__dirname, 'electron/main.ts'), 'reward-worker': resolve(__dirname, 'core/reward/worker.ts'), 'optimizer-worker': resolve(__dirname, 'core/learning/optimizer-worker.ts') },
        external: ['better-sqlite3', 'sharp', 'onnxruntime-node'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
