import { errorText } from './errorText';

interface BusyState {
  busy: boolean;
  error: string | null;
  notice: string | null;
}

/**
 * An admin page's call with the busy flag: it clears the last error and notice, and a failure
 * lands in `error` (null is returned), never thrown at the UI.
 */
export function busyCaller(set: (patch: Partial<BusyState>) => void) {
  return async <T>(call: () => Promise<T>): Promise<T | null> => {
    set({ busy: true, error: null, notice: null });
    try {
      return await call();
    } catch (error) {
      set({ error: errorText(error) });
      return null;
    } finally {
      set({ busy: false });
    }
  };
}
