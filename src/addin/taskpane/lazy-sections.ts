/**
 * Parts of the pane that load as their own chunk once the report buttons are on screen,
 * so the initial bundle stays small. The import names the emitted `.js` file, as Node's
 * module resolution (which tsc checks with) requires; webpack maps `.js` back to the
 * `.tsx` source through `resolve.extensionAlias`.
 */

/** Fluent's Dialog and RadioGroup come with this section: about 28 KB gzipped. */
export function loadSenderListsSection() {
  return import('./components/SenderListsSection.js');
}

export type SenderListsModule = Awaited<ReturnType<typeof loadSenderListsSection>>;
