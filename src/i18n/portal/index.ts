/**
 * The admin portal's catalogs, and the choice between them: the language the admin picked in
 * the portal, else the browser's preferred languages (an exact tag, then the language prefix:
 * "fr-CA" reads French), else en-US.
 */
import { portalDaDK } from './da-DK';
import { portalEnUS, type PortalCatalog } from './en-US';
import { portalFrFR } from './fr-FR';

export type { PortalCatalog } from './en-US';

export const PORTAL_LOCALES = ['en-US', 'da-DK', 'fr-FR'] as const;
export type PortalLocale = (typeof PORTAL_LOCALES)[number];

export const PORTAL_CATALOGS: Readonly<Record<PortalLocale, PortalCatalog>> = {
  'en-US': portalEnUS,
  'da-DK': portalDaDK,
  'fr-FR': portalFrFR,
};

export function isPortalLocale(value: unknown): value is PortalLocale {
  return typeof value === 'string' && (PORTAL_LOCALES as readonly string[]).includes(value);
}

/** The supported locale that best fits one BCP 47 tag, or undefined. */
function fit(tag: string): PortalLocale | undefined {
  const wanted = tag.trim().toLowerCase();
  if (wanted === '') return undefined;
  const exact = PORTAL_LOCALES.find((locale) => locale.toLowerCase() === wanted);
  if (exact) return exact;
  const language = wanted.split(/[-_]/)[0];
  return PORTAL_LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === language);
}

/** The first of the browser's languages (navigator.languages order) that the portal speaks. */
export function pickPortalLocale(preferred: readonly string[]): PortalLocale {
  for (const tag of preferred) {
    const locale = fit(tag);
    if (locale) return locale;
  }
  return 'en-US';
}

/** The catalog text for a server error code, or undefined when the code is not known. */
export function errorText(catalog: PortalCatalog, code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  return (catalog.errors.codes as Readonly<Record<string, string | undefined>>)[code];
}
