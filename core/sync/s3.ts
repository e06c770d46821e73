import { createReadStream } from 'node:fs';
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { classifyS3Error } from './errors';
import type { S3Config } from './types';

export interface S3Link {
  where: { bucket: string; endpoint: string };
  /** Uploads unless the key exists (HEAD first, then If-None-Match): objects here are immutable. */
  putOnce(key: string, body: string | Buffer | { file: string }, contentType: string): Promise<'uploaded' | 'existed'>;
  /** Writes the key; used only for objects whose content a retry reproduces byte for byte. */
  put(key: string, body: string | Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when there is no such key. */
  get(key: string): Promise<Buffer | null>;
  checkBucket(): Promise<void>;
  close(): void;
}

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

export function connectS3(config: S3Config): S3Link {
  const where = { bucket: config.bucket, endpoint: config.endpoint ?? `AWS ${config.region}` };
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    maxAttempts: config.maxAttempts ?? 3,
  });
  const Bucket = config.bucket;

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw classifyS3Error(error, where);
    }
  }

  async function exists(key: string): Promise<boolean> {
    try {
      await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  return {
    where,
    putOnce: (key, body, contentType) =>
      guarded(async () => {
        if (await exists(key)) return 'existed';
        // lib-storage buffers the stream in parts, so the SDK can retry a part after a 5xx, and
        // switches to a multipart upload for big renders.
        const upload = new Upload({
          client,
          params: {
            Bucket,
            Key: key,
            Body: typeof body === 'object' && 'file' in body ? createReadStream(body.file) : body,
            ContentType: contentType,
            IfNoneMatch: '*',
          },
        });
        try {
          await upload.done();
        } catch (error) {
          // Another workstation uploaded the same content-addressed object in the meantime.
          if (statusOf(error) === 412) return 'existed';
          throw error;
        }
        return 'uploaded';
      }),
    put: (key, body, contentType) =>
      guarded(async () => {
        await client.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
      }),
    get: (key) =>
      guarded(async () => {
        try {
          const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
          return Buffer.from(await object.Body!.transformToByteArray());
        } catch (error) {
          if (statusOf(error) === 404 || (error as { name?: string }).name === 'NoSuchKey') return null;
          throw error;
        }
      }),
    checkBucket: () =>
      guarded(async () => {
        try {
          await client.send(new HeadBucketCommand({ Bucket }));
        } catch (error) {
          // HEAD answers carry no body, so the SDK cannot name a missing bucket by itself.
          if (statusOf(error) === 404) throw Object.assign(new Error('NoSuchBucket'), { name: 'NoSuchBucket' });
          throw error;
        }
      }),
    close: () => client.destroy(),
  };
}
