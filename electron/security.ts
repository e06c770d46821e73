import { app, session, shell, type WebContents } from 'electron';
import { externalUrlAllowed } from './urls';

/** Navigation and new windows are denied; links to the allowed documentation sites open in the user's browser. */
export function lockDownWebContents(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (externalUrlAllowed(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (url !== appUrl) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function lockDownNewContents(appUrl: string): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, appUrl));
}
