import { describe, expect, it } from 'vitest';
import { ApiError, type ExportStatus } from '../../../core/api';
import { DEFAULT_DRAFT, requestFromDraft } from '../../../renderer/stores/exportForm';
import { createExportStore } from '../../../renderer/stores/exportStore';
import { pairsLine, progressOf, serverSourceReason } from '../../../renderer/stores/exportText';
import { fakeApi } from './fixtures';

const status = (change: Partial<ExportStatus> = {}): ExportStatus => ({
  revision: 1,
  state: 'idle',
  cancelling: false,
  request: null,
  started_at: null,
  finished_at: null,
  progress: null,
  summary: null,
  error: null,
  can_show_in_folder: false,
  server_source: 'sync_not_set_up',
  ...change,
});
const request = { format: 'pairwise' as const, out: '/datasets/june', source: 'local' as const };
const summary = { format: 'pairwise' as const, out: '/datasets/june', pairs: { train: 8, test: 1, ties: 1 }, rows: { train: 8, test: 1, ties: 1 }, excluded: [{ reason: 'skipped_pair' as const, pairs: 2 }], raters: 2, firstAnswer: null, lastAnswer: null, files: 6, bytes: 4200 };

describe('export form', () => {
  it('sends only the filters that were set, and the pairwise options only for pairwise', () => {
    const made = requestFromDraft({ ...DEFAULT_DRAFT, out: ' /datasets/june ', raters: 'ana@studio, , bo@studio', providers: ['local'], minRating: '2', seed: '7', includeSkipped: true });
    expect(made).toEqual({
      request: {
        format: 'pairwise',
        out: '/datasets/june',
        source: 'local',
        filters: { raters: ['ana@studio', 'bo@studio'], withoutFlaggedRaters: false, withoutExcludedRaters: true, providers: ['local'], minRating: 2, includeSkipped: true },
        seed: 7,
        splits: { train: 0.8, validation: 0.1, test: 0.1 },
        ties: 'split',
      },
    });
    const csv = requestFromDraft({ ...DEFAULT_DRAFT, format: 'csv', out: '/d', includeSkipped: true, ties: 'drop' });
    expect(csv).toMatchObject({ request: { format: 'csv' } });
    expect('request' in csv && (csv.request.ties ?? csv.request.filters?.includeSkipped)).toBeUndefined();
  });

  it('sends the chosen source, this workstation unless the studio server was chosen', () => {
    expect(requestFromDraft({ ...DEFAULT_DRAFT, out: '/d' })).toMatchObject({ request: { source: 'local' } });
    expect(requestFromDraft({ ...DEFAULT_DRAFT, out: '/d', source: 'server' })).toMatchObject({ request: { source: 'server' } });
  });

  it('says why the studio server cannot be the source, and what to open, until sync reaches it', () => {
    expect(serverSourceReason('ready')).toBeNull();
    expect(serverSourceReason('sync_not_set_up')).toMatch(/^Sync is not set up on this workstation\. .*open Sync settings/);
    expect(serverSourceReason('postgres_not_set_up')).toMatch(/PostgreSQL is not set up for sync\. Open Sync settings/);
    expect(serverSourceReason('s3_not_set_up')).toMatch(/S3 is not set up for sync.*Open Sync settings/);
  });

  it('names a number that is not one, and split shares given only in part', () => {
    expect(requestFromDraft({ ...DEFAULT_DRAFT, seed: 'seven', validation: '' })).toEqual({
      problems: [
        'The seed must be a number such as 7, not "seven".',
        'Give all three split shares (train, validation, test), or leave all three empty for 0.8 / 0.1 / 0.1.',
      ],
    });
  });
});

describe('export store', () => {
  it('starts the export from the form and shows the running status, then the events that follow', async () => {
    const fake = fakeApi({ 'export.start': () => status({ revision: 2, state: 'running', request }) });
    const store = createExportStore(fake.api);
    store.getState().edit({ out: '/datasets/june' });
    expect(await store.getState().start()).toBe(true);
    expect(fake.callsOf('export.start')[0]).toMatchObject({ format: 'pairwise', out: '/datasets/june' });
    expect(store.getState()).toMatchObject({ status: { state: 'running' }, notice: 'Export started: writing /datasets/june.', error: null });
    store.getState().statusChanged(status({ revision: 3, state: 'running', request, progress: { phase: 'rows', done: 40, total: 80 } }));
    expect(progressOf(store.getState().status!)).toEqual({ text: 'Reading pairs: 40 of 80', percent: 50 });
  });

  it('says a server export reads the whole team\'s ratings when it starts', async () => {
    const fake = fakeApi({ 'export.start': () => status({ revision: 2, state: 'running', request: { ...request, source: 'server' }, server_source: 'ready' }) });
    const store = createExportStore(fake.api);
    store.getState().edit({ out: '/datasets/june', source: 'server' });
    expect(await store.getState().start()).toBe(true);
    expect(fake.callsOf('export.start')[0]).toMatchObject({ source: 'server' });
    expect(store.getState().notice).toBe("Export started: writing /datasets/june from the studio server (the whole team's ratings).");
  });

  it('never lets a start answer that arrives late put back "running" over the event that said it ended', async () => {
    let answer: (s: ExportStatus) => void = () => {};
    const fake = fakeApi({ 'export.start': () => new Promise<ExportStatus>((resolve) => (answer = resolve)) });
    const store = createExportStore(fake.api);
    store.getState().edit({ out: '/datasets/june' });
    const started = store.getState().start();
    store.getState().statusChanged(status({ revision: 5, state: 'done', request, summary }));
    answer(status({ revision: 2, state: 'running', request }));
    expect(await started).toBe(true);
    expect(store.getState().status).toMatchObject({ state: 'done', revision: 5 });
    expect(pairsLine(store.getState().status!.summary!)).toBe('10 pairs: train 8, test 1, ties 1');
  });

  it('keeps a refused start in the form with the host\'s message, and a form problem without calling the host', async () => {
    const fake = fakeApi({
      'export.start': () => {
        throw new ApiError('conflict', 'The folder /datasets/june is not empty. Choose a new or empty folder; nothing in it was changed.');
      },
    });
    const store = createExportStore(fake.api);
    store.getState().edit({ out: '/datasets/june' });
    expect(await store.getState().start()).toBe(false);
    expect(store.getState()).toMatchObject({ status: null, busy: false, error: expect.stringMatching(/not empty\. Choose a new or empty folder/) });
    expect(store.getState().draft.out).toBe('/datasets/june');

    store.getState().edit({ seed: 'x' });
    expect(await store.getState().start()).toBe(false);
    expect(store.getState().error).toBe('The seed must be a number such as 7, not "x".');
    expect(fake.callsOf('export.start')).toHaveLength(1);
  });

  it('says what "Show in folder" did, in the desktop app and in the browser', async () => {
    let shown = false;
    const fake = fakeApi({ 'export.showInFolder': () => ({ shown, path: '/datasets/june', reason: shown ? null : ('no_file_manager' as const) }) });
    const store = createExportStore(fake.api);
    await store.getState().showInFolder();
    expect(store.getState().notice).toMatch(/^This browser cannot open folders on this computer: copy the path/);
    shown = true;
    await store.getState().showInFolder();
    expect(store.getState().notice).toBe('Opened the dataset folder in the file manager.');
  });

  it('asks for a cancel and says the partial dataset goes', async () => {
    const fake = fakeApi({ 'export.cancel': () => status({ revision: 4, state: 'running', cancelling: true, request }) });
    const store = createExportStore(fake.api);
    await store.getState().cancel();
    expect(store.getState()).toMatchObject({ status: { cancelling: true }, notice: 'Cancelling: the partial dataset is removed.' });
  });
});
