/**
 * Loads the command runtime through its real entry (commands.ts) over an office-addin-mock
 * Outlook, OfficeRuntime.storage, and the real triage server behind globalThis.fetch (see
 * addin-server.ts). Handlers are captured from the stubbed Office.actions.associate. Call
 * `unloadCommands()` after each test; the test closes its server.
 */
import { createMemoryStorage, type KeyValueStorage } from '../../../src/addin/office/storage';
import type { AddinServer } from './addin-server';
import { installOffice, uninstallOffice, type OfficeMockOptions } from './office-mock';

interface Globals {
  fetch?: unknown;
  SECOND_LOOK_ORIGIN?: string;
  OfficeRuntime?: unknown;
}
const globals = globalThis as Globals;
const realFetch = globalThis.fetch;

export function loadCommands(
  server: AddinServer,
  options: OfficeMockOptions = {},
  setup: { origin?: string | null; storage?: KeyValueStorage } = {},
) {
  const office = installOffice(options);
  const storage = setup.storage ?? createMemoryStorage();
  globals.OfficeRuntime = { storage };
  globals.fetch = server.fetch;
  if (setup.origin !== null) globals.SECOND_LOOK_ORIGIN = setup.origin ?? server.origin;
  jest.isolateModules(() => {
    // A fresh copy of the entry module per test: only require() runs inside isolateModules.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../../src/addin/commands/commands');
  });
  const handler = (name: string) => {
    const found = office.handlers.get(name);
    if (!found) throw new Error(`no handler ${name}`);
    return async (event: object) => {
      await found(event);
    };
  };
  return { office, server, storage, handler };
}

export function unloadCommands(): void {
  uninstallOffice();
  globals.fetch = realFetch;
  delete globals.SECOND_LOOK_ORIGIN;
  delete globals.OfficeRuntime;
}

export function commandEvent() {
  return { completed: jest.fn() };
}
