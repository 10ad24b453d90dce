/**
 * What every page needs, from one context: the API client, who is signed in and what they may
 * do, the language and its catalog, and a way to tell the admin that something happened.
 */
import { createContext, useContext } from 'react';
import type { PortalCatalog, PortalLocale } from '../../i18n/portal';
import type { PortalApi } from '../api/client';
import type { Auth, Permissions, PortalUser } from '../auth/auth';

export type NoticeIntent = 'success' | 'error' | 'info' | 'warning';

export interface PortalContextValue {
  api: PortalApi;
  auth: Auth;
  user: PortalUser;
  can: Permissions;
  locale: PortalLocale;
  t: PortalCatalog;
  setLocale(locale: PortalLocale): void;
  notify(intent: NoticeIntent, text: string): void;
  signOut(): void;
}

export const PortalContext = createContext<PortalContextValue | null>(null);

export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal outside PortalContext');
  return value;
}
