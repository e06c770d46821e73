import { useEffect } from 'react';
import { stores, useSession } from '../app';

/** "Admin" and Lock while an admin is signed in; "Admin sign-in" otherwise. */
export function AdminMarker() {
  const access = useSession((s) => s.access);
  const locksAt = access?.admin?.locks_at ?? null;
  // The service locks an idle session when next asked; ask at the time it said, so the marker goes away then.
  useEffect(() => {
    if (locksAt === null) return;
    const timer = setTimeout(() => void stores.session.getState().refreshAccess(), Math.max(0, Date.parse(locksAt) - Date.now()) + 1000);
    return () => clearTimeout(timer);
  }, [locksAt]);
  if (access === null) return null;
  if (access.admin === null) {
    return (
      <button type="button" className="ghost" onClick={() => stores.ui.getState().openDialog('admin')}>
        Admin sign-in
      </button>
    );
  }
  return (
    <>
      <span className="admin-marker" role="status" aria-label="Admin session" title={`Signed in as ${access.admin.name}; locks after 30 idle minutes`}>
        Admin<span className="wide-only"> · {access.admin.name}</span>
      </span>
      <button type="button" className="ghost" onClick={() => void stores.session.getState().lock()}>
        Lock
      </button>
    </>
  );
}
