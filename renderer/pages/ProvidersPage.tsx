import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { api, useSession, useStatus } from '../app';
import { ProviderCard } from '../components/providers/ProviderCard';
import { AlertLine } from '../components/Small';
import { createProvidersStore } from '../stores/providersStore';
import '../components/providers/providers.css';

// The page's store lives as long as the app: its state survives switching pages.
const providers = createProvidersStore(api);

/** For admins: which image providers generate, their keys, models, prices, limits and budgets, and offline packs. */
export function ProvidersPage() {
  const list = useStore(providers, (s) => s.providers);
  const busy = useStore(providers, (s) => s.busy);
  const error = useStore(providers, (s) => s.error);
  const notice = useStore(providers, (s) => s.notice);
  const mode = useSession((s) => s.settings?.mode ?? 'structure');
  const packSetting = useSession((s) => s.settings?.pack_size ?? 200);
  const queue = useStatus((s) => s.queue);
  const [packSize, setPackSize] = useState(String(packSetting));

  useEffect(() => {
    void providers.getState().load();
    // Spend, pauses and caps change as pairs are generated: follow the queue while the page is open.
    return api.on('queueChanged', () => void providers.getState().load());
  }, []);

  return (
    <div className="providers-page">
      <h1>Providers</h1>
      <AlertLine error={error} />
      <p role="status" aria-label="Providers notice" className="muted">
        {notice ?? ''}
      </p>
      <section aria-label="Offline pack" className="provider-card">
        <h2>Pack for offline rating</h2>
        <p className="muted">
          Generates pairs ahead while online, within every provider's limits and budget, so trainers can rate them offline. Pairs in a
          pack are all proposed before any of them is rated, so none learns from ratings made inside the pack.
        </p>
        <p role="status" aria-label="Offline pack status">
          {queue?.pack ? `Building: ${queue.pack.ready} of ${queue.pack.size} ready, ${queue.pack.generating} generating.` : `${queue?.ready ?? 0} pairs ready offline.`}
        </p>
        {queue && queue.indistinct.dropped + queue.indistinct.replaced > 0 && (
          <p role="status" aria-label="Pairs set aside" className="muted">
            {`${queue.indistinct.dropped} pairs set aside unseen and ${queue.indistinct.replaced} proposals replaced: their two pictures could not be told apart.`}
          </p>
        )}
        <form
          className="form-grid"
          aria-label="Offline pack settings"
          onSubmit={(e) => {
            e.preventDefault();
            void providers.getState().buildPack(mode, Number(packSize));
          }}
        >
          <label>
            <span>Pairs in the pack</span>
            <input value={packSize} onChange={(e) => setPackSize(e.target.value)} inputMode="numeric" />
          </label>
          <div className="dialog-buttons">
            <button type="submit" disabled={busy}>
              Build pack
            </button>
            <button type="button" disabled={busy || !queue?.pack} onClick={() => void providers.getState().buildPack(mode, 0)}>
              Stop building
            </button>
          </div>
        </form>
      </section>
      {list.map((p) => (
        <ProviderCard key={p.id} provider={p} busy={busy} store={providers} />
      ))}
    </div>
  );
}
