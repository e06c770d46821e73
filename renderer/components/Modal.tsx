import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  className?: string;
  onKeyDown?: (event: React.KeyboardEvent<HTMLDivElement>) => void;
}

/**
 * A modal dialog named by its title. It takes focus when it opens (unless a child already did with
 * autoFocus), so keys reach it and not the page behind.
 */
const FOCUSABLE = 'button:not([disabled]):not([tabindex="-1"]), input:not([disabled]), select, textarea, [tabindex="0"]';

/** Keeps Tab inside the dialog: aria-modal promises that the page behind is out of reach. */
function trapTab(event: React.KeyboardEvent<HTMLDivElement>): void {
  if (event.key !== 'Tab') return;
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = items[0];
  const last = items[items.length - 1];
  if (first === undefined || last === undefined) return event.preventDefault();
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === event.currentTarget)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

export function Modal({ title, children, className, onKeyDown }: Props) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el !== null && !el.contains(document.activeElement)) el.focus();
  }, []);
  return (
    <div className="backdrop">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={['dialog', className ?? ''].join(' ')}
        onKeyDown={(event) => {
          trapTab(event);
          onKeyDown?.(event);
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
