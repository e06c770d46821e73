import { useEffect } from 'react';
import { firstImageFile, readUpload, uploadProblem } from './files';
import type { AppStores } from './stores';

// Every way a render gets in: the Upload button's file input, a drop anywhere on the window, and
// pasting an image (Ctrl/Cmd+V). All end in train.create and show the new pair at once.

export async function submitFile(file: File, stores: AppStores): Promise<void> {
  const train = stores.train.getState();
  const problem = uploadProblem(file);
  if (problem !== null) return train.showUploadError(problem);
  stores.ui.getState().setPage('train');
  await train.createFromUpload(await readUpload(file));
}

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;

export function useFileIntake(stores: AppStores): void {
  useEffect(() => {
    const ui = () => stores.ui.getState();
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // without this the browser would open the file instead of dropping it
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      if (!ui().dragging) ui().setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      // relatedTarget is null only when the pointer left the window, not when it crossed children.
      if (event.relatedTarget === null) ui().setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      ui().setDragging(false);
      const file = firstImageFile(event.dataTransfer?.files);
      if (file === null) return stores.train.getState().showUploadError('Drop a JPEG, PNG or WebP image.');
      void submitFile(file, stores);
    };
    const onPaste = (event: ClipboardEvent) => {
      const file = firstImageFile(event.clipboardData?.files);
      if (file === null) return; // plain text: let it paste into the comment box
      event.preventDefault();
      void submitFile(file, stores);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, [stores]);
}
