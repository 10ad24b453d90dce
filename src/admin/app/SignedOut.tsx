/**
 * The page a signed-out browser sees: how to sign in (the one-time link, or the provider's
 * button), why the session ended when it did, and the language switch.
 */
import { Body1, Button, Card, MessageBar, MessageBarBody, Select, Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { PORTAL_CATALOGS, PORTAL_LOCALES, isPortalLocale, type PortalCatalog, type PortalLocale } from '../../i18n/portal';
import { describeError } from '../api/errors';
import type { Auth, PortalUser } from '../auth/auth';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
    padding: tokens.spacingHorizontalL,
  },
  card: { maxWidth: '520px', width: '100%', padding: tokens.spacingHorizontalXXL, gap: tokens.spacingVerticalL },
  brand: { color: tokens.colorBrandForeground1, fontWeight: tokens.fontWeightSemibold },
  title: { margin: 0 },
  footer: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

export type SignedOutReason = 'none' | 'signedOut' | 'ended' | 'failure' | 'noRole' | 'redeeming';

export interface SignedOutProps {
  auth: Auth;
  reason: SignedOutReason;
  failure?: unknown;
  user?: PortalUser | null;
  t: PortalCatalog;
  locale: PortalLocale;
  setLocale(locale: PortalLocale): void;
}

export function SignedOut({ auth, reason, failure, user, t, locale, setLocale }: SignedOutProps) {
  const styles = useStyles();
  const [redirecting, setRedirecting] = useState(false);
  const title =
    reason === 'signedOut'
      ? t.signIn.signedOutTitle
      : reason === 'ended'
        ? t.signIn.sessionEndedTitle
        : reason === 'failure'
          ? t.signIn.failedTitle
          : reason === 'noRole'
            ? t.signIn.noRoleTitle
            : t.signIn.title;
  const help = auth.kind === 'oidc' ? t.signIn.providerHelp : t.signIn.oneTimeLinkHelp;

  return (
    <main className={styles.root} data-testid="signed-out" data-reason={reason}>
      <Card className={styles.card}>
        <Body1 className={styles.brand}>
          {t.app.name} · {t.app.portal}
        </Body1>
        <Title2 as="h1" className={styles.title}>
          {title}
        </Title2>
        {reason === 'redeeming' ? <Spinner size="small" label={t.signIn.redeeming} /> : null}
        {reason === 'signedOut' ? <Body1>{t.signIn.signedOutBody}</Body1> : null}
        {reason === 'ended' ? <Body1>{t.signIn.sessionEndedBody}</Body1> : null}
        {reason === 'noRole' && user ? <Body1>{t.signIn.noRoleBody(user.email)}</Body1> : null}
        {reason === 'failure' ? (
          <MessageBar intent="error">
            <MessageBarBody>{describeError(t, failure)}</MessageBarBody>
          </MessageBar>
        ) : null}
        {reason !== 'redeeming' && reason !== 'noRole' ? <Body1>{help}</Body1> : null}
        <div className={styles.footer}>
          <Select
            size="small"
            aria-label={t.app.language}
            value={locale}
            onChange={(_e, data) => {
              if (isPortalLocale(data.value)) setLocale(data.value);
            }}
          >
            {PORTAL_LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {PORTAL_CATALOGS[l].languageName}
              </option>
            ))}
          </Select>
          {auth.kind === 'oidc' && reason !== 'redeeming' ? (
            <Button
              appearance="primary"
              disabled={redirecting}
              onClick={() => {
                setRedirecting(true);
                void auth.signIn('/admin').catch(() => setRedirecting(false));
              }}
            >
              {redirecting ? t.signIn.signingIn : t.signIn.signInButton}
            </Button>
          ) : null}
        </div>
      </Card>
    </main>
  );
}
