/**
 * The first page: how many reports wait, how fast they get an answer, what people report, and
 * the biggest open clusters (decide once for many). The charts load in their own chunk.
 */
import { Button, Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { MailInbox20Regular } from '@fluentui/react-icons';
import { Suspense, lazy } from 'react';
import type { Overview } from '../../../contracts/portal';
import { usePortal } from '../../app/context';
import { formatNumber, formatShort } from '../../app/format';
import { EmptyState, ErrorBar, Loading, PageHeader, Section } from '../../components/layout';
import { useAsync } from '../../hooks/useAsync';
import { RouteLink, onLinkClick } from '../../routing/router';
import { hrefOf } from '../../routing/routes';

const loadCharts = () => import(/* webpackChunkName: "admin-charts" */ './OverviewCharts.js');
const ReportsPerDayChart = lazy(async () => ({ default: (await loadCharts()).ReportsPerDayChart }));
const OpenReviewedChart = lazy(async () => ({ default: (await loadCharts()).OpenReviewedChart }));

const useStyles = makeStyles({
  kpis: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalL },
  kpi: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  kpiValue: { fontSize: tokens.fontSizeHero800, lineHeight: tokens.lineHeightHero800, fontWeight: tokens.fontWeightSemibold },
  kpiLabel: { color: tokens.colorNeutralForeground3 },
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalL },
  half: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalL },
  chart: { minHeight: '220px' },
  table: { tableLayout: 'fixed', width: '100%' },
  count: { width: '96px', textAlign: 'end' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' },
  muted: { color: tokens.colorNeutralForeground3 },
  bars: { margin: 0, padding: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  bar: { display: 'grid', gridTemplateColumns: 'minmax(120px, 40%) minmax(0, 1fr) 48px', alignItems: 'center', gap: tokens.spacingHorizontalS },
  barLabel: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  barTrack: { height: '12px', borderRadius: tokens.borderRadiusSmall, backgroundColor: tokens.colorNeutralBackground3 },
  barFill: { height: '12px', borderRadius: tokens.borderRadiusSmall, backgroundColor: '#107c10' },
  barCount: { textAlign: 'end', fontWeight: tokens.fontWeightSemibold },
});

/** The top sender domains of Not junk reports, as plain bars: every label readable, in any length. */
function DomainBars({ rows }: { rows: Overview['notJunkBySenderDomain'] }) {
  const styles = useStyles();
  const { t, locale } = usePortal();
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ol className={styles.bars} aria-label={t.overview.notJunkByDomain} data-testid="domain-bars">
      {rows.map((r) => (
        <li key={r.domain} className={styles.bar}>
          <RouteLink to={{ name: 'submissions' }} query={{ category: 'notJunk', review: 'all', sender: r.domain }} className={styles.barLabel}>
            {r.domain}
          </RouteLink>
          <span className={styles.barTrack} aria-hidden>
            <span className={styles.barFill} style={{ width: `${(100 * r.count) / max}%`, display: 'block' }} />
          </span>
          <span className={styles.barCount}>{formatNumber(locale, r.count)}</span>
        </li>
      ))}
    </ol>
  );
}

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  const styles = useStyles();
  return (
    <Section>
      <div className={styles.kpi} data-testid={testId}>
        <Caption1 className={styles.kpiLabel}>{label}</Caption1>
        <span className={styles.kpiValue}>{value}</span>
      </div>
    </Section>
  );
}

export function OverviewPage() {
  const styles = useStyles();
  const { api, t, locale } = usePortal();
  const overview = useAsync<Overview>(() => api.overview(30), []);
  const unreviewedHref = hrefOf({ name: 'submissions' });
  const header = (
    <PageHeader
      title={t.overview.title}
      subtitle={t.overview.subtitle(overview.data?.days ?? 30)}
      actions={
        <Button as="a" appearance="primary" icon={<MailInbox20Regular />} href={unreviewedHref} onClick={onLinkClick(unreviewedHref)}>
          {t.overview.goToUnreviewed}
        </Button>
      }
    />
  );
  if (overview.error) return <>{header}<ErrorBar error={overview.error} onRetry={overview.reload} unavailable={t.overview.unavailable} /></>;
  if (!overview.data) return <>{header}<Loading /></>;
  const data = overview.data;
  const total = data.reportsPerDay.reduce((sum, d) => sum + d.notJunk + d.spam + d.phishing + d.malware, 0);
  const chartFallback = <Loading label={t.overview.chartLoading} />;

  return (
    <>
      {header}
      <div className={styles.kpis}>
        <Kpi testId="kpi-open" label={t.overview.open} value={formatNumber(locale, data.open)} />
        <Kpi testId="kpi-reviewed" label={t.overview.reviewed} value={formatNumber(locale, data.reviewed)} />
        <Kpi testId="kpi-median" label={t.overview.medianToResult} value={data.medianMinutesToResult === null ? '–' : t.overview.minutes(data.medianMinutesToResult)} />
      </div>
      <div className={styles.row}>
        <Section title={t.overview.reportsPerDay}>
          <div className={styles.chart}>
            {total === 0 ? <EmptyState text={t.overview.noData} /> : <Suspense fallback={chartFallback}><ReportsPerDayChart overview={data} t={t} locale={locale} /></Suspense>}
          </div>
        </Section>
        <Section title={t.overview.openVsReviewed}>
          <div className={styles.chart}>
            {data.open + data.reviewed === 0 ? <EmptyState text={t.overview.noData} /> : <Suspense fallback={chartFallback}><OpenReviewedChart overview={data} t={t} locale={locale} /></Suspense>}
          </div>
        </Section>
      </div>
      <div className={styles.half}>
        <Section title={t.overview.notJunkByDomain}>
          {data.notJunkBySenderDomain.length === 0 ? <EmptyState text={t.overview.noData} /> : <DomainBars rows={data.notJunkBySenderDomain} />}
        </Section>
        <Section title={t.overview.biggestClusters}>
          {data.biggestOpenClusters.length === 0 ? (
            <EmptyState text={t.clusters.empty} />
          ) : (
            <Table className={styles.table} size="small" aria-label={t.overview.biggestClusters}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t.clusters.columns.subject}</TableHeaderCell>
                  <TableHeaderCell className={styles.count}>{t.clusters.columns.open}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.biggestOpenClusters.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>
                      <RouteLink to={{ name: 'cluster', id: c.id }} className={styles.cell}>
                        {c.subject || t.submissions.noSubject}
                      </RouteLink>
                      <Caption1 className={styles.muted}>
                        {c.senderDomain} · {formatShort(locale, c.lastSeenDateTime)}
                      </Caption1>
                    </TableCell>
                    <TableCell className={styles.count}>
                      <Text weight="semibold">{formatNumber(locale, c.openCount)}</Text>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Section>
      </div>
    </>
  );
}
