/** The pieces every page is built from: its header, a toolbar row, cards, and the states between. */
import {
  Body1,
  Button,
  Card,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Title2,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { usePortal } from '../app/context';
import { describeError, isMissingRoute } from '../api/errors';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
    flexWrap: 'wrap',
  },
  headings: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0, maxWidth: '72ch' },
  title: { margin: 0 },
  subtitle: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  toolbar: {
    display: 'flex',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    marginBottom: tokens.spacingVerticalM,
  },
  card: { padding: tokens.spacingHorizontalL, gap: tokens.spacingVerticalM },
  cardTitle: { margin: 0 },
  center: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalL}`,
    color: tokens.colorNeutralForeground3,
    textAlign: 'center',
  },
  emptyIcon: { fontSize: '32px', color: tokens.colorNeutralForeground4 },
});

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.header}>
      <div className={styles.headings}>
        <Title2 as="h1" className={styles.title}>
          {title}
        </Title2>
        {subtitle ? <Body1 className={styles.subtitle}>{subtitle}</Body1> : null}
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </div>
  );
}

export function Toolbar({ children, className, label }: { children: ReactNode; className?: string; label?: string }) {
  const styles = useStyles();
  return (
    <div role="group" aria-label={label} className={mergeClasses(styles.toolbar, className)}>
      {children}
    </div>
  );
}

export function Section({ title, children, actions, className, testId }: { title?: string; children: ReactNode; actions?: ReactNode; className?: string; testId?: string }) {
  const styles = useStyles();
  return (
    <Card className={mergeClasses(styles.card, className)} data-testid={testId}>
      {title || actions ? (
        <div className={styles.header} style={{ marginBottom: 0 }}>
          {title ? (
            <Subtitle2 as="h2" className={styles.cardTitle}>
              {title}
            </Subtitle2>
          ) : (
            <span />
          )}
          {actions ? <div className={styles.actions}>{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </Card>
  );
}

export function Loading({ label }: { label?: string }) {
  const styles = useStyles();
  const { t } = usePortal();
  return (
    <div className={styles.center}>
      <Spinner size="small" label={label ?? t.common.loading} />
    </div>
  );
}

export function EmptyState({ icon, text, action }: { icon?: ReactNode; text: string; action?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.center} data-testid="empty-state">
      {icon ? <span className={styles.emptyIcon}>{icon}</span> : null}
      <Body1>{text}</Body1>
      {action}
    </div>
  );
}

/** An error in the page's language, with a retry; a route the server lacks says so instead. */
export function ErrorBar({ error, onRetry, unavailable }: { error: unknown; onRetry?: () => void; unavailable?: string }) {
  const { t } = usePortal();
  if (unavailable && isMissingRoute(error)) {
    return (
      <MessageBar intent="info" data-testid="unavailable">
        <MessageBarBody>{unavailable}</MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent="error" data-testid="error">
      <MessageBarBody>{describeError(t, error)}</MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button size="small" onClick={onRetry}>
            {t.common.retry}
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
