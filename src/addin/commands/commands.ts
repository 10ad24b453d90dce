/**
 * Entry point of the command runtime: emitted as addin/commands.js (the manifest's
 * JavaScript-only Override and commands.html both load it). Registers the FunctionName
 * handlers named in manifest.xml.
 */
import { associateAction, createOfficeMailbox, officeReady } from '../office';
import { createAddinServices, type AddinServices } from '../services/create-services';
import { officeEnvironment } from '../services/office-environment';
import { createCommandHandlers } from './handlers';

// Web and new Outlook need Office.onReady() called at the top level before a handler runs.
void officeReady();

let services: AddinServices | null = null;

const handlers = createCommandHandlers({
  mailbox: createOfficeMailbox(),
  services: () => (services ??= createAddinServices(officeEnvironment())),
});

// The FunctionName values manifest.xml must use.
associateAction('reportNotJunk', handlers.reportNotJunk);
associateAction('reportJunk', handlers.reportJunk);
associateAction('reportPhishing', handlers.reportPhishing);
associateAction('addSafeSender', handlers.addSafeSender);
associateAction('onSpamReport', handlers.onSpamReport);
