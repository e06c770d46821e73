import { useEffect, useState } from 'react';
import { useStatus, useTrain } from '../app';
import { sessionText } from '../stores/sessionBar';

/**
 * The trainer's own day: pairs rated today against the admin's daily goal, the pace over the last
 * hour, and how long the pair on screen has been shown. Never anyone else's figures.
 */
export function SessionBar() {
  const session = useStatus((s) => s.status?.session ?? null);
  const shownAt = useTrain((s) => s.shownAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (shownAt === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [shownAt]);
  if (session === null || session.rater_id === null) return null;
  const text = sessionText(session, shownAt === null ? null : now - Date.parse(shownAt));
  return (
    <span className="session-bar muted" role="status" aria-label="Your session" title={text.full}>
      {text.short}
    </span>
  );
}
