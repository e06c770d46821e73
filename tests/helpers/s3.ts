import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { S3Config } from '../../core/sync';

export interface TestS3 {
  endpoint: string;
  /** A new empty bucket. */
  createBucket(): Promise<string>;
  /** Sync settings for a bucket, through `endpoint` (e.g. a fault proxy) when given. */
  config(bucket: string, endpoint?: string): S3Config;
  keys(bucket: string, prefix?: string): Promise<string[]>;
  text(bucket: string, key: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

// The SDK warns once per process that its 2027 releases need Node 22; the app runs on Electron's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** A real S3-compatible server (s3rver) on a free port and a throwaway folder. */
export async function startS3(): Promise<TestS3> {
  const dir = mkdtempSync(join(tmpdir(), 'latina-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory: dir, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const config = (bucket: string, through = endpoint): S3Config => ({
    endpoint: through,
    region: 'us-east-1',
    bucket,
    forcePathStyle: true,
    // s3rver's fixed credentials.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
  });
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  return {
    endpoint,
    config,
    async createBucket() {
      const bucket = `latina-${process.pid}-${++counter}`;
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      return bucket;
    },
    async keys(bucket, prefix) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((c) => c.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return keys.sort();
    },
    async text(bucket, key) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return object.Body!.transformToString();
    },
    async close() {
      client.destroy();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ProxiedRequest {
  method: string;
  path: string;
  status: number;
}

export interface FaultProxy {
  endpoint: string;
  /** Every request seen, with the status the client got. */
  requests: ProxiedRequest[];
  /** Answers the next `count` requests (matching `when`) with `status` instead of forwarding them. */
  fail(count: number, status: number, when?: (method: string, path: string) => boolean): void;
  close(): Promise<void>;
}

/**
 * A small real HTTP proxy in front of s3rver that answers chosen requests with an S3-style error
 * (500 InternalError, 503 SlowDown …) and forwards the rest untouched, Host header included, so
 * request signatures stay valid.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  let failing: { count: number; status: number; when: (method: string, path: string) => boolean } | null = null;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    if (failing && failing.count > 0 && failing.when(method, path)) {
      failing.count--;
      const status = failing.status;
      requests.push({ method, path, status });
      const code = status === 503 ? 'SlowDown' : 'InternalError';
      req.resume();
      req.on('end', () => {
        res.writeHead(status, { 'Content-Type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected ${status}</Message></Error>`);
      });
      return;
    }
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method, path, headers: req.headers },
      (answer) => {
        requests.push({ method, path, status: answer.statusCode ?? 0 });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    fail(count, status, when = () => true) {
      failing = { count, status, when };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
