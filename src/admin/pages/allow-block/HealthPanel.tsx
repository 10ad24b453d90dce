/** The list's health report: what to look at now (expiring, unused, overridden, near limits). */
import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { HealthReport } from '../../../contracts/lists';
import { usePortal } from '../../app/context';
import { formatDateTime, formatShort } from '../../app/format';
import { ErrorBar, Loading, Section } from '../../components/layout';
import { useAsync } from '../../hooks/useAsync';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalL },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalM, minWidth: 0 },
  value: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  generated: { color: tokens.colorNeutralForeground3, display: 'block', marginBottom: tokens.spacingVerticalM },
});

function Group({ title, items, testId }: { title: string; items: Array<{ key: string; value: string; detail: ReactNode }>; testId: string }) {
  const styles = useStyles();
  const { t } = usePortal();
  return (
    <Section title={`${title} (${items.length})`} testId={testId}>
      {items.length === 0 ? (
        <Body1 className={styles.muted}>{t.allowBlock.health.empty}</Body1>
      ) : (
        <ul className={styles.list}>
          {items.map((i) => (
            <li key={i.key} className={styles.item}>
              <span className={styles.value} title={i.value}>
                {i.value}
              </span>
              <Caption1 className={styles.muted}>{i.detail}</Caption1>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function HealthPanel() {
  const styles = useStyles();
  const { api, t, locale } = usePortal();
  const report = useAsync<HealthReport>(() => api.listHealth(), []);
  if (report.error) return <ErrorBar error={report.error} onRetry={report.reload} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  return (
    <>
      <Caption1 className={styles.generated}>{t.allowBlock.health.generated(formatDateTime(locale, r.generatedDateTime))}</Caption1>
      <div className={styles.grid} data-testid="health">
        <Group testId="health-expiring" title={t.allowBlock.health.expiringSoon} items={r.expiringSoon.map((e) => ({ key: e.id, value: e.value, detail: formatShort(locale, e.expirationDateTime) }))} />
        <Group testId="health-unused" title={t.allowBlock.health.unused} items={r.unused.map((e) => ({ key: e.id, value: e.value, detail: e.lastUsedDateTime ? formatShort(locale, e.lastUsedDateTime) : t.common.never }))} />
        <Group testId="health-shadowed" title={t.allowBlock.health.shadowed} items={r.shadowedAllows.map((s) => ({ key: s.allow.id, value: s.allow.value, detail: t.allowBlock.health.shadowedBy(s.block.value) }))} />
        <Group testId="health-limits" title={t.allowBlock.health.nearLimit} items={r.usersNearSafeSendersLimit.map((u) => ({ key: u.user, value: u.user, detail: t.allowBlock.health.usedOf(u.used, u.limit) }))} />
        <Group testId="health-suggestions" title={t.allowBlock.health.suggestions} items={r.domainSuggestions.map((d) => ({ key: d.domain, value: d.domain, detail: t.allowBlock.health.suggestion(d.domain, d.addressCount) }))} />
      </div>
    </>
  );
}
