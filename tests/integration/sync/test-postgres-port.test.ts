import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startPostgres, type TestPostgres } from '../../helpers/pg';

// The test PostgreSQL asks the OS for a free port, closes the probe, then starts postgres on it:
// someone else may take the port in between. The start must then go on with another port.

let holder: Server;
let takenPort: number;
beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  takenPort = (holder.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => holder.close(() => resolve())));

describe('the test PostgreSQL', () => {
  it('starts on another port when the one it picked was taken before postgres bound it', { timeout: 120_000 }, async () => {
    const picked: number[] = [];
    const pickPort = async () => {
      const port = picked.length === 0 ? takenPort : await freePort();
      picked.push(port);
      return port;
    };
    let server: TestPostgres | null = null;
    try {
      server = await startPostgres({ pickPort });
      expect(picked[0]).toBe(takenPort);
      expect(picked).toHaveLength(2);
      expect(server.port).toBe(picked[1]);
      expect(await server.query<{ one: number }>('postgres', 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await server?.close();
    }
  });
});
