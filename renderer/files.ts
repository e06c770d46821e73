import { MAX_UPLOAD_BYTES } from '../core/api';

// Turning a dropped, pasted or chosen file into the upload the contract expects.

export interface Upload {
  name: string;
  data_base64: string;
}

const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const ACCEPT_ATTRIBUTE = ACCEPTED_TYPES.join(',');

/** Base64 of raw bytes, in chunks: String.fromCharCode(...all) overflows the stack on big renders. */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Why a file cannot be uploaded, in words for the trainer; null when it looks fine. */
export function uploadProblem(file: { name: string; size: number; type: string }): string | null {
  if (file.size === 0) return `${file.name} is empty (0 bytes): choose a JPEG, PNG or WebP image.`;
  if (file.size > MAX_UPLOAD_BYTES) {
    return `${file.name} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: export a smaller JPEG or PNG.`;
  }
  // The host sniffs the bytes anyway; this only catches the obvious case early. An empty type
  // (some file managers) is left for the host to judge.
  if (file.type !== '' && !file.type.startsWith('image/')) {
    return `${file.name} is not an image: choose a JPEG, PNG or WebP render.`;
  }
  return null;
}

export async function readUpload(file: Blob & { name: string }): Promise<Upload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name || 'pasted-image', data_base64: bytesToBase64(bytes) };
}

/** The first image among dropped or pasted items, if any (text pastes are left alone). */
export function firstImageFile(files: ArrayLike<File> | null | undefined): File | null {
  if (!files) return null;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    if (file !== undefined && file.type.startsWith('image/')) return file;
  }
  return null;
}
