import { useEffect, useState } from 'react';
import type { ProviderView } from '../../../core/api';
import { priceUnit, providerStateText, type ProvidersStore } from '../../stores/providersStore';

// What each adapter reads from the Model and ControlNet fields (core/generation/factories.ts).
const MODEL_HINTS: Partial<Record<ProviderView['id'], string>> = {
  leonardo: 'Kino XL (aa77f04e-…) unless set',
  stablediffusion: 'fofr/sdxl-multi-controlnet-lora:<version id>',
  comfyui: 'checkpoint file, e.g. sd_xl_base_1.0.safetensors',
};
const CONTROLNET_HINTS: Partial<Record<ProviderView['id'], string>> = {
  leonardo: 'sdxl/depth (family/depth or family/edge)',
  stablediffusion: 'depth_midas, depth_leres or edge_canny',
  comfyui: 'canny: <file> (edge map drawn here) or image: <file>',
};

const usd = (value: number) => `$${value.toFixed(2)}`;

/** One provider: on/off, key (write-only), address, model, price, limits, Test connection. */
export function ProviderCard({ provider, busy, store }: { provider: ProviderView; busy: boolean; store: ProvidersStore }) {
  const s = provider.settings;
  const [baseUrl, setBaseUrl] = useState(s.base_url);
  const [model, setModel] = useState(s.model ?? '');
  const [controlnet, setControlnet] = useState(s.controlnet_model ?? '');
  const [price, setPrice] = useState(String(s.price_usd));
  const [concurrency, setConcurrency] = useState(String(s.concurrency));
  const [rate, setRate] = useState(String(s.requests_per_minute));
  const [cap, setCap] = useState(s.daily_cap_usd === null ? '' : String(s.daily_cap_usd));
  const [key, setKey] = useState('');
  // The list is reloaded whenever the queue changes (spend, pauses): the fields follow the stored
  // settings only when those really changed, so what an admin is typing is never overwritten.
  const stored = JSON.stringify(s);
  useEffect(() => {
    setBaseUrl(s.base_url);
    setModel(s.model ?? '');
    setControlnet(s.controlnet_model ?? '');
    setPrice(String(s.price_usd));
    setConcurrency(String(s.concurrency));
    setRate(String(s.requests_per_minute));
    setCap(s.daily_cap_usd === null ? '' : String(s.daily_cap_usd));
  }, [stored]);

  const save = (event: React.FormEvent) => {
    event.preventDefault();
    void store
      .getState()
      .update({
        id: provider.id,
        settings: {
          base_url: baseUrl.trim(),
          model: model.trim() === '' ? null : model.trim(),
          controlnet_model: controlnet.trim() === '' ? null : controlnet.trim(),
          price_usd: Number(price),
          concurrency: Number(concurrency),
          requests_per_minute: Number(rate),
          daily_cap_usd: cap.trim() === '' ? null : Number(cap),
        },
        ...(key ? { api_key: key } : {}),
      })
      .then((ok) => ok && setKey(''));
  };
  const name = provider.label;
  const disabled = busy || !provider.installed;

  return (
    <section className="provider-card" aria-label={`${name} provider`}>
      <h2>{name}</h2>
      <p role="status" aria-label={`${name} state`}>
        {providerStateText(provider)}
      </p>
      <p className="muted" aria-label={`${name} spend`}>
        Spent today {usd(provider.spent_today_usd)}
        {s.daily_cap_usd !== null ? ` of ${usd(s.daily_cap_usd)}` : ' (no daily cap)'}
        {provider.remote && s.price_usd === 0 && provider.id !== 'local' ? ' — set the price, or the cap cannot count what it spends.' : ''}
      </p>
      <form className="form-grid" aria-label={`${name} settings`} onSubmit={save}>
        <label>
          <input
            type="checkbox"
            checked={provider.enabled}
            disabled={disabled}
            onChange={(e) => void store.getState().update({ id: provider.id, enabled: e.target.checked })}
          />
          <span>Enabled</span>
        </label>
        {provider.remote && (
          <label>
            <span>API key {provider.has_key ? '(stored; leave empty to keep)' : '(none stored)'}</span>
            <input value={key} onChange={(e) => setKey(e.target.value)} type="password" autoComplete="new-password" disabled={disabled} />
          </label>
        )}
        <label>
          <span>Base URL</span>
          <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} autoComplete="off" disabled={disabled} />
        </label>
        <label>
          <span>Model</span>
          <input value={model} onChange={(e) => setModel(e.target.value)} placeholder={MODEL_HINTS[provider.id] ?? "the adapter's default"} autoComplete="off" disabled={disabled} />
        </label>
        {provider.remote && (
          <label>
            <span>ControlNet</span>
            <input value={controlnet} onChange={(e) => setControlnet(e.target.value)} placeholder={CONTROLNET_HINTS[provider.id] ?? "the adapter's default"} autoComplete="off" disabled={disabled} />
          </label>
        )}
        <label>
          <span>Price ({priceUnit(provider.id)})</span>
          <input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" disabled={disabled} />
        </label>
        <label>
          <span>Concurrent jobs</span>
          <input value={concurrency} onChange={(e) => setConcurrency(e.target.value)} inputMode="numeric" disabled={disabled} />
        </label>
        <label>
          <span>Requests per minute</span>
          <input value={rate} onChange={(e) => setRate(e.target.value)} inputMode="numeric" disabled={disabled} />
        </label>
        <label>
          <span>Daily cap in USD (empty for none)</span>
          <input value={cap} onChange={(e) => setCap(e.target.value)} inputMode="decimal" disabled={disabled} />
        </label>
        {provider.test && (
          <p role="status" aria-label={`${name} connection test`}>
            {provider.test.ok ? `Connection OK: ${provider.test.message}` : `Connection failed: ${provider.test.message}`}
            {provider.test.balance !== null ? ` Balance: ${provider.test.balance}.` : ''}
          </p>
        )}
        <div className="dialog-buttons">
          <button type="submit" disabled={disabled} aria-label={`Save ${name}`}>
            Save
          </button>
          <button type="button" disabled={disabled} aria-label={`Test connection to ${name}`} onClick={() => void store.getState().test(provider.id)}>
            Test connection
          </button>
          {provider.has_key && (
            <button type="button" disabled={disabled} aria-label={`Remove the ${name} key`} onClick={() => void store.getState().update({ id: provider.id, api_key: null })}>
              Remove key
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
