import { stores } from '../app';

/** What a trainer sees on a page that is for admins: why, and how to sign in. */
export function AdminOnly({ title }: { title: string }) {
  return (
    <section className="admin-only" aria-label="Admins only">
      <h1>{title} is for admins</h1>
      <p>Only an admin can open this page. Sign in as an admin, or press T to go back to rating.</p>
      <button type="button" className="primary" autoFocus onClick={() => stores.ui.getState().openDialog('admin')}>
        Admin sign-in
      </button>
    </section>
  );
}
