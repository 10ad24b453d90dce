/**
 * The frame around every page: a header with the product, the language switch and the
 * signed-in admin; the navigation on the left; the page in <main>. A skip link goes straight
 * to the page for keyboard and screen-reader users.
 */
import { Button, Caption1, Select, Text, Tooltip, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  BranchFork20Regular,
  DataBarVertical20Regular,
  History20Regular,
  MailArrowUp20Regular,
  MailInbox20Regular,
  MailWarning20Regular,
  Settings20Regular,
  ShieldCheckmark20Regular,
  SignOut20Regular,
} from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { PORTAL_CATALOGS, PORTAL_LOCALES, isPortalLocale } from '../../i18n/portal';
import { onLinkClick, useLocation } from '../routing/router';
import { hrefOf, sectionOf, type Route } from '../routing/routes';
import { usePortal } from './context';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateRows: '48px 1fr',
    gridTemplateColumns: '232px minmax(0, 1fr)',
    gridTemplateAreas: '"header header" "nav main"',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': { left: tokens.spacingHorizontalM, top: tokens.spacingVerticalS, zIndex: 10, padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground1 },
  },
  header: {
    gridArea: 'header',
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  brand: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexGrow: 1, minWidth: 0 },
  brandName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, color: tokens.colorNeutralForegroundOnBrand },
  brandPortal: { color: tokens.colorNeutralForegroundOnBrand, opacity: 0.9 },
  user: { color: tokens.colorNeutralForegroundOnBrand, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: '260px' },
  language: { minWidth: '120px' },
  headerButton: {
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundHover },
    ':hover:active': { color: tokens.colorNeutralForegroundOnBrand, backgroundColor: tokens.colorBrandBackgroundPressed },
  },
  nav: {
    gridArea: 'nav',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
  },
  navList: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  navLink: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    // At least 40 px, and taller when a label wraps (French and Danish labels can be long).
    minHeight: '40px',
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    lineHeight: tokens.lineHeightBase300,
    boxSizing: 'border-box',
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalM,
    marginLeft: tokens.spacingHorizontalS,
    marginRight: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    fontSize: tokens.fontSizeBase300,
    ':hover': { backgroundColor: tokens.colorNeutralBackground3Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  navCurrent: {
    backgroundColor: tokens.colorNeutralBackground1,
    fontWeight: tokens.fontWeightSemibold,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandForeground1}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1 },
  },
  navIcon: { display: 'inline-flex', color: tokens.colorBrandForeground1 },
  readOnly: { margin: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3, display: 'block' },
  main: {
    gridArea: 'main',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    minWidth: 0,
    outlineStyle: 'none',
  },
});

interface NavItem {
  route: Route;
  label: (t: ReturnType<typeof usePortal>['t']) => string;
  icon: ReactNode;
  /** Who sees it: the quarantine is also a quarantine administrator's; the rest the security team's. */
  needs?: 'quarantineRead';
}

const NAV: readonly NavItem[] = [
  { route: { name: 'overview' }, label: (t) => t.nav.overview, icon: <DataBarVertical20Regular /> },
  { route: { name: 'submissions' }, label: (t) => t.nav.submissions, icon: <MailInbox20Regular /> },
  { route: { name: 'clusters' }, label: (t) => t.nav.clusters, icon: <BranchFork20Regular /> },
  { route: { name: 'quarantine' }, label: (t) => t.nav.quarantine, icon: <MailWarning20Regular />, needs: 'quarantineRead' },
  { route: { name: 'allowBlock' }, label: (t) => t.nav.allowBlock, icon: <ShieldCheckmark20Regular /> },
  { route: { name: 'audit' }, label: (t) => t.nav.audit, icon: <History20Regular /> },
  { route: { name: 'mailQueue' }, label: (t) => t.nav.mailQueue, icon: <MailArrowUp20Regular /> },
  { route: { name: 'settings' }, label: (t) => t.nav.settings, icon: <Settings20Regular /> },
];

export function Shell({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const { t, locale, setLocale, user, can, signOut } = usePortal();
  const { route } = useLocation();
  const section = sectionOf(route);

  return (
    <div className={styles.root}>
      <a className={styles.skip} href="#main">
        {t.app.skipToContent}
      </a>
      <header className={styles.header}>
        <div className={styles.brand}>
          <Text className={styles.brandName}>{t.app.name}</Text>
          <Caption1 className={styles.brandPortal}>{t.app.portal}</Caption1>
        </div>
        <Select
          className={styles.language}
          size="small"
          aria-label={t.app.language}
          value={locale}
          onChange={(_e, data) => {
            if (isPortalLocale(data.value)) setLocale(data.value);
          }}
          data-testid="language"
        >
          {PORTAL_LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {PORTAL_CATALOGS[l].languageName}
            </option>
          ))}
        </Select>
        <Tooltip content={t.app.signedInAs(user.email)} relationship="description">
          <Caption1 className={styles.user} data-testid="signed-in-user">
            {user.email}
          </Caption1>
        </Tooltip>
        <Button appearance="transparent" className={styles.headerButton} icon={<SignOut20Regular />} onClick={signOut}>
          {t.app.signOut}
        </Button>
      </header>
      <nav className={styles.nav} aria-label={t.app.mainNav}>
        <ul className={styles.navList}>
          {NAV.filter((item) => (item.needs === 'quarantineRead' ? can.quarantineRead : can.read)).map((item) => {
            const href = hrefOf(item.route);
            const current = section === item.route.name;
            return (
              <li key={item.route.name}>
                <a
                  href={href}
                  onClick={onLinkClick(href)}
                  className={mergeClasses(styles.navLink, current && styles.navCurrent)}
                  aria-current={current ? 'page' : undefined}
                >
                  <span className={styles.navIcon} aria-hidden>
                    {item.icon}
                  </span>
                  {item.label(t)}
                </a>
              </li>
            );
          })}
        </ul>
        {!can.read ? (
          <Caption1 className={styles.readOnly} data-testid="quarantine-only">
            {t.app.quarantineOnly}: {t.app.quarantineOnlyHelp}
          </Caption1>
        ) : !can.change ? (
          <Caption1 className={styles.readOnly} data-testid="read-only">
            {t.app.readOnly}: {t.app.readOnlyHelp}
          </Caption1>
        ) : null}
      </nav>
      <main id="main" className={styles.main} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
