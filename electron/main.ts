// The Electron shell: a window, the contract over IPC, the renderer and images from custom schemes,
// nothing else. All logic lives in core/, which the browser host serves too, and the shell's own
// decisions (ipc.ts, urls.ts, secrets.ts) are plain functions, so almost everything is tested without Electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_NAMES, toApiError } from '../core/api';
import { preparePrivateDataDir } from '../core/host/data-dir';
import { acquireInstanceLock, DataFolderInUseError } from '../core/host/instance-lock';
import { remoteProviderFactories } from '../core/generation';
import { createService, type Service } from '../core/service';
import { shellFileManager } from './folder';
import { registerContract } from './ipc';
import { handleAppProtocol, handleImageProtocol, registerSchemes } from './protocol';
import { createKeychainSecretStore } from './secrets';
import { denyAllPermissions, lockDownNewContents } from './security';
import { APP_INDEX_URL } from './urls';

const appRoot = app.getAppPath();
// Packaged builds carry prompts/ and the samples as extra resources; development runs from the repo.
const resourceRoot = app.isPackaged ? process.resourcesPath : appRoot;
const rendererDir = join(__dirname, '..', 'renderer');

registerSchemes();
lockDownNewContents(APP_INDEX_URL);

function electronBinding(): string | undefined {
  // `npm start` builds better-sqlite3 for Electron's ABI into .electron-native/, leaving the
  // Node build in node_modules for `npm test`; packaged apps are rebuilt by electron-builder.
  const file = join(appRoot, '.electron-native', 'better_sqlite3.node');
  return !app.isPackaged && existsSync(file) ? file : undefined;
}

function createWindow(service: Service): BrowserWindow {
  const window = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 1024,
    minHeight: 700,
    backgroundColor: '#15171a',
    title: 'Latina Rating Workstation',
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  for (const name of EVENT_NAMES) {
    const unsubscribe = service.subscribe(name, (payload) => {
      if (!window.isDestroyed()) window.webContents.send(`app-event:${name}`, payload);
    });
    window.on('closed', unsubscribe);
  }
  void window.loadURL(APP_INDEX_URL);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = process.env.LATINA_DATA_DIR ?? app.getPath('userData');
  // Electron's own lock covers two windows of this app; the data folder's covers a browser host, or
  // another copy of the app started with the same LATINA_DATA_DIR.
  preparePrivateDataDir(dataDir);
  const lock = acquireInstanceLock(dataDir);
  process.once('exit', () => lock.release());
  denyAllPermissions();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
  const service = await createService({
    dataDir,
    secrets: createKeychainSecretStore(dataDir, safeStorage),
    // Leonardo and Stable Diffusion on Replicate, built from the Providers page's settings.
    providerFactories: remoteProviderFactories(),
    promptsDir: join(resourceRoot, 'prompts'),
    samplesDir: join(resourceRoot, 'resources', 'samples'),
    version: app.getVersion(),
    nativeBinding: electronBinding(),
    fileManager: shellFileManager(shell),
  });
  registerContract(ipcMain, service);
  handleAppProtocol(rendererDir);
  handleImageProtocol(service);
  createWindow(service);
  app.on('second-instance', () => {
    const window = BrowserWindow.getAllWindows()[0] ?? createWindow(service);
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(service);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void service.close());
}

if (!app.requestSingleInstanceLock()) {
  // The running instance gets 'second-instance' and brings its window forward.
  app.quit();
} else {
  start().catch((error: unknown) => {
    const message = error instanceof DataFolderInUseError ? error.message : toApiError(error).message;
    console.error(`The app could not start: ${message}`);
    dialog.showErrorBox('Latina Rating Workstation could not start', message);
    app.exit(1);
  });
}
