import { useEffect } from 'react';
import type { ViewStore } from '../../stores/viewStore';

/**
 * Follows the view store's full screen with the window's, where the host allows it (a browser may
 * refuse without a click; the app's own full-screen layout works either way). Leaving the window's
 * full screen by the browser's own key leaves ours too.
 */
export function useFullscreen(view: ViewStore): void {
  useEffect(() => {
    const apply = (on: boolean) => {
      const active = document.fullscreenElement !== null;
      if (on && !active) document.documentElement.requestFullscreen?.().catch(() => undefined);
      if (!on && active) void document.exitFullscreen?.().catch(() => undefined);
    };
    const off = view.subscribe((s, before) => {
      if (s.fullscreen !== before.fullscreen) apply(s.fullscreen);
    });
    const onChange = () => {
      if (document.fullscreenElement === null) view.getState().exitFullscreen();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      off();
      document.removeEventListener('fullscreenchange', onChange);
    };
  }, [view]);
}
