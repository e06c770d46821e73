import { describe, expect, it } from 'vitest';
import { shellFileManager } from '../../../electron/folder';

describe("the desktop app's file manager", () => {
  it("shows the dataset with Electron's shell.showItemInFolder, given the full path", async () => {
    const shown: string[] = [];
    const files = shellFileManager({ showItemInFolder: (fullPath) => void shown.push(fullPath) });
    await files.show('/datasets/june');
    expect(shown).toEqual(['/datasets/june']);
  });
});
