import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import type { Service } from '../core/service';

export const IMAGE_SCHEME = 'app-image';

/** Must run before `app.whenReady`: the scheme is standard and secure so the CSP can allow it. */
export function registerImageScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Images are served only by sha256 from the workstation's store, never by path. */
export function handleImageProtocol(service: Service): void {
  protocol.handle(IMAGE_SCHEME, async (request) => {
    const url = new URL(request.url);
    const variant = url.searchParams.get('variant') === 'thumb' ? 'thumb' : 'full';
    const file = await service.imageFile(url.hostname, variant);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file.path).toString());
    return new Response(response.body, { headers: { 'Content-Type': file.mime, 'Cache-Control': 'max-age=31536000, immutable' } });
  });
}
