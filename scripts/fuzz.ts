// `npm run fuzz [-- --runs N --seed S]`: the contract and the browser host with generated inputs,
// many more cases than the test suite's bounded run. Prints how many cases were tried and how they
// were answered; exits 1 with fast-check's counterexample when a case finds a fault.
import { parseArgs } from 'node:util';
import { fuzzContract } from '../tests/fuzz/contract';
import { fuzzHttp } from '../tests/fuzz/http';
import { plausibleStrings, validCalls } from '../tests/fuzz/plausible';
import { startHost } from '../tests/helpers/host';
import { startService } from '../tests/helpers/service';
import { tempDir } from '../tests/helpers/temp';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3000' }, seed: { type: 'string' } } });
const runs = Number(values.runs);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
console.log(`fuzz: ${runs} cases per target, seed ${seed} (repeat with --seed ${seed})`);

const dirs = [tempDir('latina-fuzz-'), tempDir('latina-fuzz-')];
try {
  const service = await startService(dirs[0]!.path);
  try {
    const started = performance.now();
    const report = await fuzzContract(service, { runs, seed, plausible: await plausibleStrings(service), examples: await validCalls(service) });
    console.log(`\ncontract: ${report.cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s, ${report.refused} refused with a typed error, no fault`);
    console.table(report.calls);
  } finally {
    await service.close();
  }
  const host = await startHost(dirs[1]!.path);
  try {
    const started = performance.now();
    const report = await fuzzHttp(host, { runs, seed });
    if (host.child.exitCode !== null) throw new Error(`the host exited with ${host.child.exitCode}`);
    console.log(`\nhttp: ${report.cases} raw requests in ${((performance.now() - started) / 1000).toFixed(1)} s, no 500, host still running`);
    console.table(report.statuses);
  } finally {
    await host.stop();
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  for (const dir of dirs) dir.remove();
}
