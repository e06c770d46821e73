import type { CallName } from '../../core/api';
import type { Service } from '../../core/service';

/** Strings that name real records of this workstation, so generated calls also reach real rows. */
export async function plausibleStrings(service: Service): Promise<string[]> {
  const next = (await service.call('queue.next', { wait_ms: 60_000 })) as { experiment: { experiment_id: string } | null };
  const samples = (await service.call('samples.list', {})) as { id: string }[];
  const prompts = (await service.call('prompts.list', {})) as { versions: { version: string }[] };
  return [
    ...(next.experiment ? [next.experiment.experiment_id] : []),
    ...samples.slice(0, 1).map((s) => s.id),
    ...prompts.versions.map((v) => v.version),
    'ana@studio',
    'A',
    'structure',
    'local',
    'https://127.0.0.1:9/v1',
    'http://localhost:9/v1',
    'postgres://latina@127.0.0.1:9/latina',
    'http://127.0.0.1:9',
    'eu-central-1',
    'latina-bucket',
    'dGVzdA==',
  ];
}

/** Well-formed calls that act on this workstation's records, tried first: the generated cases then start from real state. */
export async function validCalls(service: Service): Promise<[CallName, unknown][]> {
  const next = (await service.call('queue.next', { wait_ms: 60_000 })) as { experiment: { experiment_id: string } | null };
  const samples = (await service.call('samples.list', {})) as { id: string }[];
  const prompts = (await service.call('prompts.list', {})) as { versions: { version: string }[] };
  const id = next.experiment?.experiment_id ?? 'exp_none';
  const [first, second] = [prompts.versions[0]?.version ?? 'v1.0.0', prompts.versions.at(-1)?.version ?? 'v1.0.0'];
  const rating = { experiment_id: id, ratings: [{ option: 'A', rating: 4, comments: 'warm\nlight' }, { option: 'B', rating: 2 }], outcome: 'A', rated_by: 'ana@studio' };
  return [
    ['train.rate', rating],
    ['train.undo', { rated_by: 'ana@studio' }],
    ['train.skip', { experiment_id: id, reason: 'source is blurry', rated_by: 'ana@studio' }],
    ['train.create', { sample_id: samples[0]?.id ?? 'none', mode: 'structure' }],
    ['train.create', { image: { name: 'x.png', data_base64: 'iVBORw0KGgo=' }, mode: 'surfaces' }],
    ['prompts.diff', { from: first, to: second }],
    ['prompts.edit', { prompt: 'bright, airy room', negative_prompt: 'blur', edited_by: 'ana@studio', note: 'try\tthis' }],
    ['prompts.rollback', { version: first, decided_by: 'ana@studio' }],
    ['prompts.configureLlm', { llm: { base_url: 'http://127.0.0.1:9/v1', model: 'stub' } }],
    ['prompts.testLlm', {}],
    ['sync.configure', { postgres: { connection_string: 'postgres://latina@127.0.0.1:9/latina', password: 'pw' }, s3: null }],
    ['sync.test', {}],
    ['sync.configure', { postgres: null, s3: null }],
    ['settings.update', { prefetch: 2, mode: 'surfaces' }],
  ];
}
