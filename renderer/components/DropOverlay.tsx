/** Shown while a file is dragged over the window. */
export function DropOverlay() {
  return (
    <div className="drop-overlay" aria-hidden="true">
      <p>Drop the render to enhance it</p>
    </div>
  );
}
