import { stores, useSession, useTrain, useUi, useView } from './app';
import { useFullscreen } from './components/compare/useFullscreen';
import { AdminDialog } from './components/AdminDialog';
import { AdminOnly } from './components/AdminOnly';
import { DropOverlay } from './components/DropOverlay';
import { Header } from './components/Header';
import { HelpDialog } from './components/HelpDialog';
import { KeysDialog } from './components/KeysDialog';
import { RaterDialog } from './components/RaterDialog';
import { SkipDialog } from './components/SkipDialog';
import { SyncDialog } from './components/SyncDialog';
import { useFileIntake } from './intake';
import { useKeyboard } from './keyboard';
import { HistoryPage } from './pages/HistoryPage';
import { ModelPage } from './pages/ModelPage';
import { PromptsPage } from './pages/PromptsPage';
import { ProvidersPage } from './pages/ProvidersPage';
import { TrainPage } from './pages/TrainPage';
import { loadFirstScreen } from './stores';
import { isAdminPage } from './keymap';
import { selectIsAdmin, selectNeedsRater } from './stores/sessionStore';
import { effectiveDialog } from './stores/uiStore';

const PAGE_TITLES = { train: 'Train', history: 'History', prompts: 'The Prompts page', model: 'The Model page', providers: 'The Providers page' } as const;

export function App() {
  useKeyboard(stores);
  useFileIntake(stores);
  useFullscreen(stores.view);
  const page = useUi((s) => s.page);
  const needsRater = useSession(selectNeedsRater);
  const dialog = useUi((s) => effectiveDialog(s.dialog, needsRater));
  const dragging = useUi((s) => s.dragging);
  const loadError = useSession((s) => s.loadError);
  const admin = useSession(selectIsAdmin);
  // Full screen belongs to the Train page: the other pages keep their header.
  const fullscreen = useView((s) => s.fullscreen) && page === 'train';
  // The pair on screen, for QA's specs and the UI benchmark to tell one pair from the next.
  const experimentId = useTrain((s) => s.experiment?.experiment_id);

  return (
    <div className="app" data-fullscreen={fullscreen}>
      <Header />
      {loadError !== null && (
        <div className="load-error" role="alert">
          {loadError}{' '}
          <button type="button" onClick={() => void loadFirstScreen(stores)}>
            Try again
          </button>
        </div>
      )}
      <main className="page" data-experiment-id={page === 'train' ? experimentId : undefined}>
        {isAdminPage(page) && !admin ? <AdminOnly title={PAGE_TITLES[page]} /> : page === 'train' ? <TrainPage /> : page === 'prompts' ? <PromptsPage /> : page === 'model' ? <ModelPage /> : page === 'providers' ? <ProvidersPage /> : <HistoryPage />}
      </main>
      {dialog === 'rater' && <RaterDialog required={needsRater} />}
      {dialog === 'skip' && <SkipDialog />}
      {dialog === 'help' && <HelpDialog />}
      {dialog === 'sync' && <SyncDialog />}
      {dialog === 'keys' && <KeysDialog />}
      {dialog === 'admin' && <AdminDialog />}
      {dragging && <DropOverlay />}
    </div>
  );
}
