import { useEffect, useState } from 'react';
import type { SyncConfigView } from '../stores/syncStore';
import { stores, useSync } from '../app';
import { Modal } from './Modal';
import { AlertLine } from './Small';

interface Form {
  pgConnection: string;
  pgPassword: string;
  s3Endpoint: string;
  s3Region: string;
  s3Bucket: string;
  s3PathStyle: boolean;
  s3AccessKey: string;
  s3Secret: string;
}

const EMPTY: Form = { pgConnection: '', pgPassword: '', s3Endpoint: '', s3Region: '', s3Bucket: '', s3PathStyle: true, s3AccessKey: '', s3Secret: '' };

function formFrom(config: SyncConfigView | null): Form {
  if (config === null) return EMPTY;
  return {
    ...EMPTY,
    pgConnection: config.postgres?.connection_string ?? '',
    s3Endpoint: config.s3?.endpoint ?? '',
    s3Region: config.s3?.region ?? '',
    s3Bucket: config.s3?.bucket ?? '',
    s3PathStyle: config.s3?.force_path_style ?? true,
    s3AccessKey: config.s3?.access_key_id ?? '',
  };
}

/** Where the studio's PostgreSQL and S3 are. Passwords go to the OS keychain and are never shown. */
export function SyncDialog() {
  const config = useSync((s) => s.config);
  const test = useSync((s) => s.test);
  const busy = useSync((s) => s.busy);
  const error = useSync((s) => s.error);
  // The stored settings were loaded before the dialog opened (see SyncIndicator), so the form
  // starts from them and nothing arriving later can overwrite what the user types.
  const [form, setForm] = useState<Form>(() => formFrom(config));
  const [saved, setSaved] = useState(false);
  const close = () => stores.ui.getState().closeDialog();

  const field = (name: keyof Form) => ({
    value: form[name] as string,
    // A functional update: two inputs before the next render must not overwrite each other.
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.target.value;
      setForm((current) => ({ ...current, [name]: value }));
    },
  });

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await stores.sync.getState().configure({
      postgres: form.pgConnection.trim()
        ? { connection_string: form.pgConnection.trim(), ...(form.pgPassword ? { password: form.pgPassword } : {}) }
        : null,
      s3: form.s3Bucket.trim()
        ? {
            endpoint: form.s3Endpoint.trim() || null,
            region: form.s3Region,
            bucket: form.s3Bucket,
            force_path_style: form.s3PathStyle,
            access_key_id: form.s3AccessKey,
            ...(form.s3Secret ? { secret_access_key: form.s3Secret } : {}),
          }
        : null,
    });
    setSaved(ok);
  };

  // On the window, not the dialog: a button that turns disabled while busy drops the focus to the
  // page, and Escape must close the dialog all the same.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') stores.ui.getState().closeDialog();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Modal title="Sync settings" className="sync-dialog">
      <form onSubmit={(event) => void save(event)} className="form-grid">
        <label>
          <span>PostgreSQL connection string</span>
          <input {...field('pgConnection')} placeholder="postgres://trainer@db.example:5432/latina" autoComplete="off" />
        </label>
        <label>
          <span>PostgreSQL password {config?.postgres?.has_password ? '(stored; leave empty to keep)' : ''}</span>
          <input {...field('pgPassword')} type="password" autoComplete="new-password" />
        </label>
        <label>
          <span>S3 endpoint (empty for AWS)</span>
          <input {...field('s3Endpoint')} placeholder="https://minio.example:9000" autoComplete="off" />
        </label>
        <label>
          <span>S3 region</span>
          <input {...field('s3Region')} placeholder="eu-central-1" autoComplete="off" />
        </label>
        <label>
          <span>S3 bucket</span>
          <input {...field('s3Bucket')} autoComplete="off" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={form.s3PathStyle} onChange={(event) => {
              const checked = event.target.checked;
              setForm((current) => ({ ...current, s3PathStyle: checked }));
            }} />
          <span>Path-style addressing (MinIO, Ceph, most self-hosted stores)</span>
        </label>
        <label>
          <span>S3 access key id</span>
          <input {...field('s3AccessKey')} autoComplete="off" />
        </label>
        <label>
          <span>S3 secret access key {config?.s3?.has_secret ? '(stored; leave empty to keep)' : ''}</span>
          <input {...field('s3Secret')} type="password" autoComplete="new-password" />
        </label>
        <AlertLine error={error} />
        {saved && <p className="muted">Saved. Passwords are kept in the system keychain.</p>}
        {test !== null && (
          <ul className="test-results" aria-label="Connection test">
            {test.postgres && <li>PostgreSQL: {test.postgres.ok ? 'OK' : `${test.postgres.message} ${test.postgres.action ?? ''}`}</li>}
            {test.s3 && <li>S3: {test.s3.ok ? 'OK' : `${test.s3.message} ${test.s3.action ?? ''}`}</li>}
            {!test.postgres && !test.s3 && <li>Nothing is set up to test.</li>}
          </ul>
        )}
        <div className="dialog-buttons">
          <button type="button" onClick={close}>
            Close <kbd aria-hidden="true">Esc</kbd>
          </button>
          <button type="button" disabled={busy} onClick={() => void stores.sync.getState().testConnection()}>
            Test connection
          </button>
          <button type="submit" disabled={busy}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
