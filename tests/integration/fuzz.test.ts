import { afterAll, describe, expect, it } from 'vitest';
import { fuzzContract } from '../fuzz/contract';
import { fuzzHttp } from '../fuzz/http';
import { plausibleStrings, validCalls } from '../fuzz/plausible';
import { rpc, startHost } from '../helpers/host';
import { startService } from '../helpers/service';
import { tempDir } from '../helpers/temp';

// The bounded, seeded version of `npm run fuzz`: the same properties with a few hundred cases.
const dirs = [tempDir(), tempDir()];
afterAll(() => dirs.forEach((dir) => dir.remove()));

describe('fuzz', () => {
  it('every contract call answers a result or a typed refusal, never a fault', async () => {
    const service = await startService(dirs[0]!.path);
    try {
      const report = await fuzzContract(service, { runs: 300, seed: 20261206, plausible: await plausibleStrings(service), examples: await validCalls(service) });
      expect(report.cases).toBe(300);
      expect(report.refused).toBeGreaterThan(0);
      expect(report.refused).toBeLessThan(report.cases);
    } finally {
      await service.close();
    }
  }, 240_000);

  it('the browser host answers raw malformed requests without a 500 and keeps running', async () => {
    const host = await startHost(dirs[1]!.path);
    try {
      const report = await fuzzHttp(host, { runs: 300, seed: 20261206 });
      expect(report.cases).toBe(300);
      expect(host.child.exitCode).toBeNull();
      expect(await rpc(host, 'queue.state')).toMatchObject({ target: expect.any(Number) });
    } finally {
      await host.stop();
    }
  }, 240_000);
});
