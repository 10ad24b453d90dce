/**
 * Task pane entry: waits for Office.js, wires the services, and renders the App inside
 * Fluent's provider. Only this file (through the Office layer) knows Outlook is there.
 *
 * `taskpane.html?view=quarantine` (the ribbon's "My quarantine" button) shows the user's
 * quarantine instead of the report pane. Opened outside Outlook (a plain browser, where
 * add-ins cannot run) that view asks the user to sign in first.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickCatalog } from '../../i18n';
import { serverOrigin } from '../api/origin';
import { createOfficeMailbox, outlookReady } from '../office';
import { browserTimer } from '../outbox/retry-loop';
import { createBrowserQuarantine } from '../services/browser-quarantine';
import { createAddinServices } from '../services/create-services';
import { officeEnvironment } from '../services/office-environment';
import { App } from './App';
import { BrowserQuarantine } from './components/BrowserQuarantine';
import { QuarantineView } from './components/QuarantineView';
import { PaneProvider } from './context';
import { createPaneServices } from './pane-services';
import { viewOf } from './view';

function mount(inOutlook: boolean): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const root = createRoot(container);
  const show = (element: ReactNode) => root.render(<FluentProvider theme={webLightTheme}>{element}</FluentProvider>);
  const view = viewOf(window.location.search);
  try {
    if (!inOutlook && view === 'quarantine') {
      const session = createBrowserQuarantine({
        fetch: (url, init) => globalThis.fetch(url, init),
        baseUrl: serverOrigin(),
        language: navigator.language,
        now: () => Date.now(),
      });
      document.documentElement.lang = session.locale;
      show(<BrowserQuarantine session={session} />);
      return;
    }
    const pane = createPaneServices(createAddinServices(officeEnvironment()), browserTimer);
    document.documentElement.lang = pane.locale;
    show(
      <PaneProvider services={pane}>
        {view === 'quarantine' ? <QuarantineView quarantine={pane.quarantine} strings={pane.strings} locale={pane.locale} /> : <App />}
      </PaneProvider>,
    );
  } catch (error) {
    console.error('[second-look] the task pane could not start', error);
    const strings = pickCatalog(inOutlook ? createOfficeMailbox().displayLanguage() : navigator.language);
    show(
      <p data-testid="status" data-state="error" role="status">
        {strings.errors.unexpected}
      </p>,
    );
  }
}

void outlookReady().then(mount);
