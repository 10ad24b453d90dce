/**
 * The portal's page addresses below /admin, shared by the portal (which reads them into its
 * pages) and the server (which answers each with the portal's page, so a deep link, a reload
 * or a provider's redirect lands on the right page instead of a 404). `:id` is one path part.
 */
export const PORTAL_PAGE_PATHS = [
  '',
  '/submissions',
  '/submissions/:id',
  '/clusters',
  '/clusters/:id',
  '/allow-block',
  '/audit',
  '/settings',
  '/mail-queue',
  '/quarantine',
  '/quarantine/:id',
  '/sign-in',
  '/signed-out',
] as const;
