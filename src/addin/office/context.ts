/**
 * The host around the message: who the user is, which language Outlook speaks, what the
 * client supports, and the runtime hooks (onReady, associate).
 */
import type { UserIdentity } from './types';

export function getDisplayLanguage(): string {
  return Office.context?.displayLanguage ?? '';
}

export function getUserIdentity(): UserIdentity {
  const profile = Office.context.mailbox?.userProfile;
  return { address: profile?.emailAddress ?? '', displayName: profile?.displayName ?? '' };
}

/** Whether the client implements `requirementSet` at `minVersion` or later. */
export function isSetSupported(requirementSet: string, minVersion: string): boolean {
  const requirements = Office.context?.requirements;
  if (typeof requirements?.isSetSupported !== 'function') return false;
  try {
    return requirements.isSetSupported(requirementSet, minVersion);
  } catch {
    return false;
  }
}

/** Resolves once Office.js has initialised. Call it at the top level of every entry point. */
export function officeReady(): Promise<void> {
  return Office.onReady().then(() => undefined);
}

/**
 * Resolves once Office.js has initialised, with whether the page runs inside Outlook (a
 * mailbox is there). A page opened in a plain browser (the "My quarantine" link) resolves
 * false, as it does when office.js could not be loaded at all.
 */
export function outlookReady(): Promise<boolean> {
  if (typeof Office === 'undefined') return Promise.resolve(false);
  return Office.onReady().then(
    () => Office.context?.mailbox !== undefined && Office.context.mailbox !== null,
    () => false,
  );
}

/**
 * Binds a manifest FunctionName to its handler. Outlook passes the event untyped; the
 * handler declares the event shape it expects (CommandEvent or SpamReportingEvent).
 */
export function associateAction<E>(name: string, handler: (event: E) => unknown): void {
  // The handler's promise is passed back: Outlook ignores it, tests await it.
  Office.actions.associate(name, (event?: unknown) => handler(event as E));
}
