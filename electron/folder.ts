import type { FileManager } from '../core/service';

/** The part of Electron's shell the file manager needs; tests pass a recorder. */
export interface ShellLike {
  showItemInFolder(fullPath: string): void;
}

/** "Show in folder" for the service: the system's file manager with the dataset's folder selected. */
export function shellFileManager(shell: ShellLike): FileManager {
  return { show: (target) => shell.showItemInFolder(target) };
}
