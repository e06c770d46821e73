import { net, protocol } from 'electron';
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Service } from '../core/service';
import { APP_SCHEME, contentTypeOf, IMAGE_SCHEME, parseImageUrl, resolveAppFile } from './urls';

/**
 * Must run before `app.whenReady`. Standard and secure: the renderer gets a real origin
 * (app://latina) instead of file://, so 'self' in its CSP means our files only, and images come
 * from a scheme of their own.
 */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
    { scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } });

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The built renderer, from its folder only. */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file || !isFile(file)) return notFound();
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, {
      headers: { 'Content-Type': contentTypeOf(file), 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
    });
  });
}

/** Images are served only by sha256 from the workstation's store, never by path. */
export function handleImageProtocol(service: Pick<Service, 'imageFile'>): void {
  protocol.handle(IMAGE_SCHEME, async (request) => {
    const image = parseImageUrl(request.url);
    const file = image && (await service.imageFile(image.sha256, image.variant));
    if (!file) return notFound();
    const response = await net.fetch(pathToFileURL(file.path).toString());
    return new Response(response.body, {
      headers: { 'Content-Type': file.mime, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'max-age=31536000, immutable' },
    });
  });
}
