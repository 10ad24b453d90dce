/**
 * One cluster: how many reports, from whom, to whom, since when; what people called it; the
 * latest verdict (analyse the representative report); mark every open report at once; and
 * auto-resolve, which gives new reports of the cluster its decision and notice at once.
 */
import { Body1, Button, Caption1, Switch, Tag, TagGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowLeft20Regular, Beaker20Regular, MailCheckmark20Regular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import type { ClusterDetail, MarkRequest, ReviewResult } from '../../../contracts/portal';
import type { PageProps } from '../../app/pages';
import { usePortal } from '../../app/context';
import { formatDateTime, formatNumber } from '../../app/format';
import { describeError } from '../../api/errors';
import { ErrorBar, Loading, PageHeader, Section, Toolbar } from '../../components/layout';
import { MarkDialog } from '../../components/MarkDialog';
import { useAsync } from '../../hooks/useAsync';
import { RouteLink } from '../../routing/router';
import { SubmissionsTable } from '../submissions/SubmissionsTable';
import { CategoryCountsView } from './CategoryCounts';

const useStyles = makeStyles({
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalS },
  grid: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalL, alignItems: 'start' },
  list: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, paddingTop: '2px' },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  people: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalL },
  switchRow: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  frame: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, overflow: 'hidden' },
});

const SHOWN = 24;

function People({ title, people }: { title: string; people: readonly string[] }) {
  const styles = useStyles();
  const { t } = usePortal();
  return (
    <Section title={`${title} (${people.length})`}>
      <TagGroup aria-label={title}>
        {people.slice(0, SHOWN).map((p) => (
          <Tag key={p} size="small" appearance="outline">
            {p}
          </Tag>
        ))}
      </TagGroup>
      {people.length > SHOWN ? <Caption1 className={styles.muted}>{t.clusters.showMore(people.length - SHOWN)}</Caption1> : null}
    </Section>
  );
}

export function ClusterPage({ route }: PageProps) {
  const styles = useStyles();
  const { api, t, locale, can, notify } = usePortal();
  const id = route.name === 'cluster' ? route.id : '';
  const cluster = useAsync<ClusterDetail>(() => api.cluster(id), [id]);
  const [markOpen, setMarkOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [analyzing, setAnalyzing] = useState(false);

  if (cluster.error) return <ErrorBar error={cluster.error} onRetry={cluster.reload} unavailable={t.clusters.unavailable} />;
  if (!cluster.data) return <Loading />;
  const c = cluster.data;

  const mark = async (request: MarkRequest) => {
    setBusy(true);
    try {
      const response = await api.markCluster(c.id, request);
      notify('success', t.submissions.marked(response.items.length, t.reviewResults[request.result]));
      setMarkOpen(false);
      cluster.reload();
    } catch (error) {
      notify('error', describeError(t, error));
    } finally {
      setBusy(false);
    }
  };

  const analyze = async () => {
    setAnalyzing(true);
    try {
      await api.analyze(c.representativeId, locale);
      cluster.reload();
    } catch (error) {
      notify('error', describeError(t, error));
    } finally {
      setAnalyzing(false);
    }
  };

  const toggleAutoResolve = async (on: boolean) => {
    try {
      await api.patchCluster(c.id, { autoResolve: on });
      cluster.set((current) => current && { ...current, autoResolve: on });
    } catch (error) {
      notify('error', describeError(t, error));
    }
  };

  const facts: Array<[string, ReactNode]> = [
    [t.clusters.columns.senderDomain, c.senderDomain],
    [t.clusters.firstSeen, formatDateTime(locale, c.firstSeenDateTime)],
    [t.clusters.lastSeen, formatDateTime(locale, c.lastSeenDateTime)],
    [t.clusters.reports, formatNumber(locale, c.reportCount)],
    [t.clusters.openReports, formatNumber(locale, c.openCount)],
    [t.clusters.reporters, formatNumber(locale, c.reporterCount)],
    [t.clusters.recipients, formatNumber(locale, c.recipientCount)],
    [t.clusters.columns.categories, <CategoryCountsView key="cats" counts={c.categories} />],
    [
      t.clusters.decision,
      c.decision ? t.clusters.decidedBy(t.reviewResults[c.decision.result], c.decision.decidedBy, formatDateTime(locale, c.decision.decidedDateTime)) : t.clusters.statusOpen,
    ],
  ];

  return (
    <>
      <RouteLink to={{ name: 'clusters' }} className={styles.back}>
        <ArrowLeft20Regular aria-hidden /> {t.clusters.back}
      </RouteLink>
      <PageHeader title={c.subject || t.submissions.noSubject} subtitle={c.senderDomain} />
      <Toolbar label={t.detail.actions}>
        {can.change ? (
          <Button appearance="primary" icon={<MailCheckmark20Regular />} disabled={c.openCount === 0} onClick={() => setMarkOpen(true)} data-testid="cluster-mark">
            {t.clusters.markAll}
          </Button>
        ) : null}
        {can.change ? (
          <Button icon={<Beaker20Regular />} disabled={analyzing} onClick={() => void analyze()} data-testid="cluster-analyze">
            {analyzing ? t.detail.analyzing : t.clusters.analyzeRepresentative}
          </Button>
        ) : null}
        <div className={styles.switchRow}>
          <Switch
            checked={c.autoResolve}
            disabled={!can.change || (!c.decision && !c.autoResolve)}
            label={t.clusters.autoResolve}
            onChange={(_e, data) => void toggleAutoResolve(data.checked)}
            data-testid="auto-resolve"
          />
          <Caption1 className={styles.muted}>{c.decision || c.autoResolve ? t.clusters.autoResolveHelp : t.clusters.autoResolveNeedsDecision}</Caption1>
        </div>
      </Toolbar>
      <div className={styles.grid}>
        <Section title={t.clusters.facts}>
          <dl className={styles.list}>
            {facts.map(([term, value]) => (
              <div key={term} style={{ display: 'contents' }}>
                <dt className={styles.term}>{term}</dt>
                <dd className={styles.value}>{typeof value === 'string' ? <Body1>{value}</Body1> : value}</dd>
              </div>
            ))}
          </dl>
        </Section>
        <Section title={t.clusters.latestVerdict}>
          {c.latestVerdict ? (
            <>
              <Text weight="semibold">{(t.verdict.categories as Record<string, string | undefined>)[c.latestVerdict.category] ?? c.latestVerdict.category}</Text>
              <Body1>{c.latestVerdict.primaryCause}</Body1>
              <Caption1 className={styles.muted}>{formatDateTime(locale, c.latestVerdict.analyzedDateTime)}</Caption1>
              <RouteLink to={{ name: 'submission', id: c.representativeId }}>{t.clusters.representative}</RouteLink>
            </>
          ) : (
            <>
              <Body1 className={styles.muted}>{t.clusters.noVerdict}</Body1>
              <RouteLink to={{ name: 'submission', id: c.representativeId }}>{t.clusters.representative}</RouteLink>
            </>
          )}
        </Section>
      </div>
      <div className={styles.people}>
        <People title={t.clusters.reporters} people={c.reporters} />
        <People title={t.clusters.recipients} people={c.recipients} />
      </div>
      <Section title={`${t.clusters.reports} (${formatNumber(locale, c.reportCount)})`}>
        <div className={styles.frame}>
          <SubmissionsTable
            items={c.reports}
            selected={new Set()}
            busy={new Set()}
            selectable={false}
            onToggle={() => undefined}
            onToggleAll={() => undefined}
            onQuickMark={(s, result: ReviewResult) =>
              void api
                .mark(s.id, { result, notify: true })
                .then(() => {
                  notify('success', t.submissions.marked(1, t.reviewResults[result]));
                  cluster.reload();
                })
                .catch((error: unknown) => notify('error', describeError(t, error)))
            }
            onMarkWithMessage={() => setMarkOpen(true)}
          />
        </div>
      </Section>
      <MarkDialog open={markOpen} title={t.clusters.markAllCount(c.openCount)} busy={busy} onCancel={() => setMarkOpen(false)} onSubmit={(request) => void mark(request)} />
    </>
  );
}
