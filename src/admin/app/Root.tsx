/**
 * The portal once it knows how to sign in: the signed-out page, or the shell with the page
 * the address names. Holds the language (the admin's choice, kept in localStorage; else the
 * browser's) and the toasts.
 */
import {
  FluentProvider,
  Toast,
  ToastTitle,
  Toaster,
  useId,
  useToastController,
  webLightTheme,
} from '@fluentui/react-components';
import { Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { PORTAL_CATALOGS, type PortalLocale } from '../../i18n/portal';
import { createApi } from '../api/client';
import { permissionsOf, type Auth } from '../auth/auth';
import { EmptyState, Loading } from '../components/layout';
import { navigate, useLocation, RouteLink } from '../routing/router';
import { hrefOf, sectionOf } from '../routing/routes';
import { PortalContext, usePortal, type NoticeIntent, type PortalContextValue } from './context';
import { PAGES } from './pages';
import { Shell } from './Shell';
import { SignedOut } from './SignedOut';

export const LOCALE_KEY = 'second-look.portal.locale';

export interface RootProps {
  auth: Auth;
  failure: unknown;
  initialLocale: PortalLocale;
}

function NotFound() {
  const { t } = usePortal();
  return <EmptyState text={`${t.app.notFoundTitle}. ${t.app.notFoundBody}`} action={<RouteLink to={{ name: 'overview' }}>{t.app.backToOverview}</RouteLink>} />;
}

export function Root({ auth, failure, initialLocale }: RootProps) {
  const [locale, setLocaleState] = useState<PortalLocale>(initialLocale);
  const [user, setUser] = useState(() => auth.user());
  const [ended, setEnded] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);
  const { route } = useLocation();
  const t = PORTAL_CATALOGS[locale];

  const setLocale = useCallback((next: PortalLocale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(LOCALE_KEY, next);
    } catch {
      // A browser that keeps nothing simply asks again next time.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(
    () =>
      auth.onEnded(() => {
        setEnded(true);
        setUser(null);
      }),
    [auth],
  );

  const api = useMemo(
    () =>
      createApi({
        token: () => auth.token(),
        onUnauthorized: () => {
          void auth.signOut().then(() => {
            setEnded(true);
            setUser(null);
          });
        },
      }),
    [auth],
  );

  const notify = useCallback(
    (intent: NoticeIntent, text: string) =>
      dispatchToast(
        <Toast data-testid="toast" data-intent={intent}>
          <ToastTitle>{text}</ToastTitle>
        </Toast>,
        { intent, timeout: intent === 'error' ? 8000 : 4000 },
      ),
    [dispatchToast],
  );

  const signOut = useCallback(() => {
    void auth.signOut().then((how) => {
      setUser(null);
      setSignedOut(true);
      if (how === 'local') navigate('/admin/signed-out', { replace: true });
    });
  }, [auth]);

  const context: PortalContextValue | null = useMemo(
    () => (user ? { api, auth, user, can: permissionsOf(user), locale, t, setLocale, notify, signOut } : null),
    [api, auth, user, locale, t, setLocale, notify, signOut],
  );

  useEffect(() => {
    const name = route.name === 'notFound' || route.name === 'signIn' || route.name === 'signedOut' ? null : route.name;
    const titles: Record<string, string> = {
      overview: t.nav.overview,
      submissions: t.nav.submissions,
      submission: t.nav.submissions,
      clusters: t.nav.clusters,
      cluster: t.nav.clusters,
      allowBlock: t.nav.allowBlock,
      audit: t.nav.audit,
      settings: t.nav.settings,
      mailQueue: t.nav.mailQueue,
      quarantine: t.nav.quarantine,
      quarantineItem: t.nav.quarantine,
    };
    document.title = name ? `${titles[name] ?? ''} · ${t.app.name}` : `${t.app.name} · ${t.app.portal}`;
  }, [route.name, t]);

  // A quarantine administrator sees only the quarantine: any other page opens it instead.
  const quarantineOnly = context !== null && !context.can.read && context.can.quarantineRead;
  const elsewhere = quarantineOnly && route.name !== 'signedOut' && sectionOf(route) !== 'quarantine';
  useEffect(() => {
    if (elsewhere) navigate(hrefOf({ name: 'quarantine' }), { replace: true });
  }, [elsewhere]);

  let body;
  if (!context || route.name === 'signedOut') {
    const reason = signedOut || route.name === 'signedOut' ? 'signedOut' : ended ? 'ended' : failure ? 'failure' : 'none';
    body = <SignedOut auth={auth} reason={reason} failure={failure} t={t} locale={locale} setLocale={setLocale} />;
  } else if (!context.can.any) {
    body = <SignedOut auth={auth} reason="noRole" user={context.user} t={t} locale={locale} setLocale={setLocale} />;
  } else if (elsewhere) {
    body = (
      <PortalContext.Provider value={context}>
        <Loading />
      </PortalContext.Provider>
    );
  } else {
    const Page = route.name === 'signIn' ? PAGES.overview : PAGES[route.name];
    body = (
      <PortalContext.Provider value={context}>
        <Shell>
          <Suspense fallback={<Loading />}>{Page ? <Page route={route.name === 'signIn' ? { name: 'overview' } : route} /> : <NotFound />}</Suspense>
        </Shell>
      </PortalContext.Provider>
    );
  }

  return (
    <FluentProvider theme={webLightTheme} dir="ltr">
      {body}
      <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover />
    </FluentProvider>
  );
}
