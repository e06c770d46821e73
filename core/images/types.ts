export interface StoredImage {
  sha256: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  /** Size of the stored (normalised) file. */
  bytes: number;
}

export interface ImageStoreOptions {
  dataDir: string;
  /** Largest upload accepted, in bytes; defaults to the contract's MAX_UPLOAD_BYTES (40 MiB). */
  maxBytes?: number;
  /** Largest decoded size accepted, in pixels; defaults to 40 000 000. */
  maxPixels?: number;
}

export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
}
