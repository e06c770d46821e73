// `npm run db:migrate -- <connection string>`: brings the studio's PostgreSQL schema up to date
// (server/migrations/NNNN-*.sql). Run it with an admin's credentials; it is safe to run again.
import { fileURLToPath } from 'node:url';
import { migrateServer } from '../core/sync';

const connectionString = process.argv[2] ?? process.env.LATINA_DATABASE_URL;
if (!connectionString || connectionString === '--help') {
  console.error(
    'Usage: npm run db:migrate -- postgres://admin:password@host:5432/database\n' +
      '(or set LATINA_DATABASE_URL). Use an admin role that may create tables and roles.',
  );
  process.exit(2);
}

try {
  const result = await migrateServer({
    connectionString,
    migrationsDir: fileURLToPath(new URL('../server/migrations', import.meta.url)),
    log: (message) => console.log(message),
  });
  if (result.applied.length) console.log(`applied ${result.applied.join(', ')}`);
} catch (error) {
  console.error(`db:migrate failed: ${(error as Error).message}`);
  process.exit(1);
}
