/**
 * Clusters: similar reports grouped, so an admin decides once for a newsletter twenty people
 * reported. An open cluster carries its common answer as one button, like a single report.
 */
import {
  Badge,
  Button,
  Caption1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular, BranchFork20Regular, Checkmark20Regular, TextBulletListSquare20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Cluster, ClusterPage, ListClustersQuery, MarkRequest } from '../../../contracts/portal';
import { usePortal } from '../../app/context';
import { formatDateTime, formatNumber, formatShort } from '../../app/format';
import { describeError } from '../../api/errors';
import { EmptyState, ErrorBar, Loading, PageHeader } from '../../components/layout';
import { Pager, useCursorStack } from '../../components/Pager';
import { useAsync } from '../../hooks/useAsync';
import { onLinkClick, useQueryState } from '../../routing/router';
import { hrefOf } from '../../routing/routes';
import { CategoryCountsView } from './CategoryCounts';

const useStyles = makeStyles({
  bar: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center', flexWrap: 'wrap', marginBottom: tokens.spacingVerticalM },
  divider: { width: '1px', height: '20px', backgroundColor: tokens.colorNeutralStroke2, marginLeft: tokens.spacingHorizontalXS, marginRight: tokens.spacingHorizontalXS },
  chipOn: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    border: `1px solid ${tokens.colorBrandStroke2}`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover, color: tokens.colorBrandForeground2Hover },
  },
  frame: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, overflow: 'hidden', backgroundColor: tokens.colorNeutralBackground1 },
  table: { tableLayout: 'fixed', width: '100%' },
  subjectCol: { width: '34%' },
  categoriesCol: { width: '22%' },
  numCol: { width: '96px' },
  seenCol: { width: '120px' },
  statusCol: { width: '120px' },
  actionsCol: { width: '132px' },
  twoLines: { display: 'flex', flexDirection: 'column', minWidth: 0, paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  link: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: 'none',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    ':hover': { textDecorationLine: 'underline', color: tokens.colorBrandForeground1 },
  },
  second: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function ClustersPage() {
  const styles = useStyles();
  const { api, t, locale, can, notify } = usePortal();
  const [params, set] = useQueryState();
  const status = params.get('status') === 'decided' ? 'decided' : params.get('status') === 'all' ? undefined : 'open';
  const sort = params.get('sort') === 'size' ? 'size' : 'lastSeen';
  const cursor = params.get('cursor') ?? undefined;
  const query: ListClustersQuery = { sort, limit: 50, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) };
  const cursors = useCursorStack(cursor, `${status}-${sort}`);
  const page = useAsync<ClusterPage>(() => api.listClusters(query), [JSON.stringify(query)]);
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());

  const markAll = async (cluster: Cluster, request: MarkRequest) => {
    setBusy((b) => new Set([...b, cluster.id]));
    try {
      const response = await api.markCluster(cluster.id, request);
      notify('success', t.submissions.marked(response.items.length, t.reviewResults[request.result]));
      page.reload();
    } catch (error) {
      notify('error', describeError(t, error));
    } finally {
      setBusy((b) => new Set([...b].filter((id) => id !== cluster.id)));
    }
  };

  const listHref = hrefOf({ name: 'submissions' });
  const chip = (active: boolean) => (active ? styles.chipOn : undefined);

  return (
    <>
      <PageHeader
        title={t.clusters.title}
        subtitle={t.clusters.subtitle}
        actions={
          <>
            <Button as="a" href={listHref} onClick={onLinkClick(listHref)} icon={<TextBulletListSquare20Regular />}>
              {t.clusters.listView}
            </Button>
            <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={page.reload} aria-label={t.common.refresh} />
          </>
        }
      />
      <div className={styles.bar} role="group" aria-label={t.common.filters}>
        <ToggleButton shape="circular" checked={status === 'open'} className={chip(status === 'open')} onClick={() => set({ status: null, cursor: null })}>
          {t.clusters.statusOpen}
        </ToggleButton>
        <ToggleButton shape="circular" checked={status === 'decided'} className={chip(status === 'decided')} onClick={() => set({ status: 'decided', cursor: null })}>
          {t.clusters.statusDecided}
        </ToggleButton>
        <ToggleButton shape="circular" checked={status === undefined} className={chip(status === undefined)} onClick={() => set({ status: 'all', cursor: null })}>
          {t.common.all}
        </ToggleButton>
        <span className={styles.divider} aria-hidden />
        <ToggleButton shape="circular" checked={sort === 'lastSeen'} className={chip(sort === 'lastSeen')} onClick={() => set({ sort: null, cursor: null })}>
          {t.clusters.sortLastSeen}
        </ToggleButton>
        <ToggleButton shape="circular" checked={sort === 'size'} className={chip(sort === 'size')} onClick={() => set({ sort: 'size', cursor: null })}>
          {t.clusters.sortSize}
        </ToggleButton>
      </div>
      {page.error ? <ErrorBar error={page.error} onRetry={page.reload} unavailable={t.clusters.unavailable} /> : null}
      {!page.data && !page.error ? <Loading /> : null}
      {page.data ? (
        <div className={styles.frame}>
          {page.data.items.length === 0 ? (
            <EmptyState icon={<BranchFork20Regular />} text={t.clusters.empty} />
          ) : (
            <Table className={styles.table} aria-label={t.clusters.title} data-testid="clusters-table">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.subjectCol}>{t.clusters.columns.subject}</TableHeaderCell>
                  <TableHeaderCell className={styles.categoriesCol}>{t.clusters.columns.categories}</TableHeaderCell>
                  <TableHeaderCell className={styles.numCol}>{t.clusters.columns.reports}</TableHeaderCell>
                  <TableHeaderCell className={styles.seenCol}>{t.clusters.columns.lastSeen}</TableHeaderCell>
                  <TableHeaderCell className={styles.statusCol}>{t.clusters.columns.status}</TableHeaderCell>
                  {can.change ? <TableHeaderCell className={styles.actionsCol}>{t.submissions.columns.actions}</TableHeaderCell> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.data.items.map((c) => {
                  const href = hrefOf({ name: 'cluster', id: c.id });
                  return (
                    <TableRow key={c.id} data-testid="cluster-row" data-id={c.id} data-report-count={c.reportCount}>
                      <TableCell>
                        <div className={styles.twoLines}>
                          <a href={href} onClick={onLinkClick(href)} className={styles.link} title={c.subject}>
                            {c.subject || t.submissions.noSubject}
                          </a>
                          <span className={styles.second}>
                            {c.senderDomain} · {t.clusters.columns.reporters}: {formatNumber(locale, c.reporterCount)}
                          </span>
                        </div>
                      </TableCell>
                      <TableCell>
                        <CategoryCountsView counts={c.categories} />
                      </TableCell>
                      <TableCell>
                        <div className={styles.twoLines}>
                          <Text weight="semibold">{formatNumber(locale, c.reportCount)}</Text>
                          <span className={styles.second}>
                            {t.clusters.columns.open}: {formatNumber(locale, c.openCount)}
                          </span>
                        </div>
                      </TableCell>
                      <TableCell>
                        <Caption1 className={styles.muted} title={formatDateTime(locale, c.lastSeenDateTime)}>
                          {formatShort(locale, c.lastSeenDateTime)}
                        </Caption1>
                      </TableCell>
                      <TableCell>
                        {c.decision ? (
                          <Badge appearance="filled" color={c.decision.result === 'noThreatsFound' ? 'success' : c.decision.result === 'phishing' ? 'danger' : 'warning'} shape="rounded">
                            {t.reviewResults[c.decision.result]}
                          </Badge>
                        ) : (
                          <Badge appearance="outline" color="informative" shape="rounded">
                            {t.clusters.statusOpen}
                          </Badge>
                        )}
                      </TableCell>
                      {can.change ? (
                        <TableCell>
                          {c.openCount > 0 ? (
                            <Button
                              size="small"
                              icon={<Checkmark20Regular />}
                              disabled={busy.has(c.id)}
                              aria-label={`${t.clusters.markAllCount(c.openCount)}: ${t.reviewResults.noThreatsFound}`}
                              onClick={() => void markAll(c, { result: 'noThreatsFound', notify: true })}
                              data-testid="cluster-quick-no-threats"
                            >
                              {t.submissions.quickNoThreats}
                            </Button>
                          ) : null}
                        </TableCell>
                      ) : null}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          )}
        </div>
      ) : null}
      <Pager
        page={cursors.page}
        hasPrevious={cursors.hasPrevious}
        nextCursor={page.data?.nextCursor}
        onPrevious={() => set({ cursor: cursors.previous() ?? null }, { push: true })}
        onNext={(next) => set({ cursor: cursors.next(next) }, { push: true })}
      />
    </>
  );
}
