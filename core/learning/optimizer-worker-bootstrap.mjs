// Starts the TypeScript worker from source (npm run serve, tests, benchmarks). A worker does not
// inherit the parent's tsx loader, so the loader is registered here first. The Electron build
// uses the bundle.
import { register } from 'tsx/esm/api';

register();
await import('./optimizer-worker.ts');
