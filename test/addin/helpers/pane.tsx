/**
 * The task pane as Outlook shows it, for Testing Library: the real App inside Fluent's
 * provider (as taskpane/index.tsx mounts it), over the real services (API client, tokens,
 * outbox, report use case) talking to the real server. Only Outlook (the mailbox), the
 * retry timer and the clock are the test's.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { configure, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryStorage, type KeyValueStorage, type OfficeMailbox } from '../../../src/addin/office';
import type { FetchLike } from '../../../src/addin/api';
import type { RandomSource } from '../../../src/addin/outbox';
import { createAddinServices } from '../../../src/addin/services';
import { App } from '../../../src/addin/taskpane/App';
import { PaneProvider } from '../../../src/addin/taskpane/context';
import { createPaneServices } from '../../../src/addin/taskpane/pane-services';
import type { AddinServer } from './addin-server';
import { manualTimer } from './manual-timer';
import { seededRandom } from './seeded-random';

// The pane's first loads go through the real server (a token minted, SQLite read): on a machine
// busy with other suites that can take longer than Testing Library's default of one second.
// findBy* and waitFor still return the moment what they wait for is on screen.
configure({ asyncUtilTimeout: 10_000 });

/** Renders inside Fluent's provider, as the pane's entry does. */
export function renderInFluent(element: ReactElement) {
  return render(<FluentProvider theme={webLightTheme}>{element}</FluentProvider>);
}

/**
 * Pane services over `server` for `mailbox`. `fetch` stands in for the connection when a test
 * needs to hold a request back; it must end at `server.fetch`. `storage` is the outbox's (a
 * fresh one unless given).
 */
export function paneOver(
  server: AddinServer,
  mailbox: OfficeMailbox,
  options: { random?: RandomSource; fetch?: FetchLike; storage?: KeyValueStorage } = {},
) {
  // The add-in's clock starts where the server's does; the test moves it on for the retry timer.
  const clock = { now: server.test.clock.now().getTime() };
  const timer = manualTimer();
  const services = createAddinServices({
    mailbox,
    storage: options.storage ?? createMemoryStorage(),
    fetch: options.fetch ?? server.fetch,
    baseUrl: server.origin,
    now: () => clock.now,
    random: options.random ?? seededRandom(1),
  });
  const pane = createPaneServices(services, timer.timer);
  return {
    clock,
    timer,
    services,
    pane,
    render: () =>
      renderInFluent(
        <PaneProvider services={pane}>
          <App />
        </PaneProvider>,
      ),
  };
}
