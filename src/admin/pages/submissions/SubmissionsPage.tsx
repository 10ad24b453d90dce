/**
 * User reported: the security team's work queue. The server filters and pages (a million rows
 * read as fast as fifty); the page keeps the filters in the address, marks one report with one
 * click, and marks a selection with "Mark as and notify".
 */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, BranchFork20Regular, Dismiss20Regular, MailCheckmark20Regular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import type { MarkRequest, MarkResponse, ReviewResult } from '../../../contracts/portal';
import type { Submission, SubmissionPage } from '../../../contracts/submissions';
import { usePortal } from '../../app/context';
import { describeError } from '../../api/errors';
import { EmptyState, ErrorBar, Loading, PageHeader } from '../../components/layout';
import { MarkDialog } from '../../components/MarkDialog';
import { Pager, useCursorStack } from '../../components/Pager';
import { useAsync } from '../../hooks/useAsync';
import { onLinkClick, useQueryState } from '../../routing/router';
import { hrefOf } from '../../routing/routes';
import { FilterBar } from './FilterBar';
import { filtersFrom, isFiltered, queryOf } from './filters';
import { SubmissionsTable } from './SubmissionsTable';

const useStyles = makeStyles({
  selectionBar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    minHeight: '40px',
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalS,
    marginBottom: tokens.spacingVerticalS,
    backgroundColor: tokens.colorBrandBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  tableFrame: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

type MarkTarget = { ids: string[]; title: string; initial: ReviewResult } | null;

export function SubmissionsPage() {
  const styles = useStyles();
  const { api, t, can, notify } = usePortal();
  const [params, set] = useQueryState();
  const filters = filtersFrom(params);
  const query = queryOf(filters);
  const queryKey = JSON.stringify(query);
  const { cursor, ...withoutCursor } = query;
  const cursors = useCursorStack(cursor, JSON.stringify(withoutCursor));
  const page = useAsync<SubmissionPage>(() => api.listSubmissions(query), [queryKey]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<MarkTarget>(null);

  // A new page or new filters start with nothing selected.
  const [selectionKey, setSelectionKey] = useState(queryKey);
  if (selectionKey !== queryKey) {
    setSelectionKey(queryKey);
    setSelected(new Set());
  }

  const items = useMemo(() => page.data?.items ?? [], [page.data]);

  const apply = useCallback(
    (response: MarkResponse) => {
      const reviews = new Map(response.items.map((o) => [o.id, o.review]));
      page.set((current) => current && { ...current, items: current.items.map((s) => (reviews.has(s.id) ? { ...s, review: reviews.get(s.id) ?? s.review } : s)) });
    },
    [page],
  );

  const mark = useCallback(
    async (ids: string[], request: MarkRequest) => {
      setBusy((b) => new Set([...b, ...ids]));
      try {
        const [only] = ids;
        const response = ids.length === 1 && only ? await api.mark(only, request) : await api.markMany({ ...request, ids });
        apply(response);
        const result = t.reviewResults[request.result];
        notify('success', request.notify === false ? t.submissions.markedQuiet(ids.length, result) : t.submissions.marked(ids.length, result));
        setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
        setDialog(null);
      } catch (error) {
        notify('error', describeError(t, error));
      } finally {
        setBusy((b) => new Set([...b].filter((id) => !ids.includes(id))));
      }
    },
    [api, apply, notify, t],
  );

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () => setSelected((s) => (items.every((i) => s.has(i.id)) ? new Set() : new Set(items.map((i) => i.id))));

  const emptyText = isFiltered(filters) ? t.submissions.emptyFiltered : filters.review === 'unreviewed' ? t.submissions.emptyUnreviewed : t.submissions.empty;
  const clustersHref = hrefOf({ name: 'clusters' });

  return (
    <>
      <PageHeader
        title={t.submissions.title}
        subtitle={t.submissions.subtitle}
        actions={
          <>
            <Button as="a" href={clustersHref} onClick={onLinkClick(clustersHref)} icon={<BranchFork20Regular />} data-testid="clusters-view">
              {t.submissions.viewClusters}
            </Button>
            <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={page.reload} aria-label={t.common.refresh} />
          </>
        }
      />
      <FilterBar filters={filters} set={set} />
      {can.change && selected.size > 0 ? (
        <div className={styles.selectionBar} role="region" aria-label={t.submissions.selected(selected.size)} data-testid="selection-bar">
          <Text weight="semibold">{t.submissions.selected(selected.size)}</Text>
          <Button
            appearance="primary"
            icon={<MailCheckmark20Regular />}
            onClick={() => setDialog({ ids: [...selected], title: t.mark.titleCount(selected.size), initial: 'noThreatsFound' })}
            data-testid="bulk-mark"
          >
            {t.submissions.markSelected}
          </Button>
          <Button appearance="subtle" icon={<Dismiss20Regular />} onClick={() => setSelected(new Set())}>
            {t.submissions.clearSelection}
          </Button>
        </div>
      ) : null}
      {page.error ? <ErrorBar error={page.error} onRetry={page.reload} /> : null}
      {page.loading && !page.data ? (
        <Loading />
      ) : page.data ? (
        items.length === 0 ? (
          <div className={styles.tableFrame}>
            <EmptyState icon={<MailCheckmark20Regular />} text={emptyText} />
          </div>
        ) : (
          <div className={styles.tableFrame} aria-busy={page.loading}>
            <SubmissionsTable
              items={items}
              selected={selected}
              busy={busy}
              onToggle={toggle}
              onToggleAll={toggleAll}
              onQuickMark={(s: Submission, result) => void mark([s.id], { result, notify: true })}
              onMarkWithMessage={(s) => setDialog({ ids: [s.id], title: t.mark.title, initial: 'noThreatsFound' })}
            />
          </div>
        )
      ) : null}
      <Pager
        page={cursors.page}
        hasPrevious={cursors.hasPrevious}
        nextCursor={page.data?.nextCursor}
        onPrevious={() => set({ cursor: cursors.previous() ?? null }, { push: true })}
        onNext={(next) => set({ cursor: cursors.next(next) }, { push: true })}
      />
      <MarkDialog
        open={dialog !== null}
        title={dialog?.title ?? ''}
        initialResult={dialog?.initial ?? 'noThreatsFound'}
        busy={dialog ? dialog.ids.some((id) => busy.has(id)) : false}
        onCancel={() => setDialog(null)}
        onSubmit={(request) => dialog && void mark(dialog.ids, request)}
      />
    </>
  );
}
