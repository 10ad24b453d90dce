/**
 * Task pane entry: waits for Office.js, wires the services, and renders the App inside
 * Fluent's provider. Only this file (through the Office layer) knows Outlook is there.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { pickCatalog } from '../../i18n';
import { createOfficeMailbox, officeReady } from '../office';
import { browserTimer } from '../outbox/retry-loop';
import { createAddinServices } from '../services/create-services';
import { officeEnvironment } from '../services/office-environment';
import { App } from './App';
import { PaneProvider } from './context';
import { createPaneServices } from './pane-services';

function mount(): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('taskpane.html has no #root element');
  const root = createRoot(container);
  try {
    const pane = createPaneServices(createAddinServices(officeEnvironment()), browserTimer);
    document.documentElement.lang = pane.locale;
    root.render(
      <FluentProvider theme={webLightTheme}>
        <PaneProvider services={pane}>
          <App />
        </PaneProvider>
      </FluentProvider>,
    );
  } catch (error) {
    console.error('[second-look] the task pane could not start', error);
    const strings = pickCatalog(createOfficeMailbox().displayLanguage());
    root.render(
      <FluentProvider theme={webLightTheme}>
        <p data-testid="status" data-state="error" role="status">
          {strings.errors.unexpected}
        </p>
      </FluentProvider>,
    );
  }
}

void officeReady().then(mount);
