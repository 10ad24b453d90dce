/**
 * Quarantine: every quarantined row, for every recipient. The server filters and pages; the
 * filters live in the address (a filtered view is a link). Quarantine administrators act on a
 * row from its menu, each action confirmed; a Security Reader sees the rows and no actions.
 */
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, MailCheckmark20Regular } from '@fluentui/react-icons';
import { useCallback, useMemo } from 'react';
import type { QuarantinePage as Page } from '../../../contracts/quarantine';
import { usePortal } from '../../app/context';
import { EmptyState, ErrorBar, Loading, PageHeader } from '../../components/layout';
import { Pager, useCursorStack } from '../../components/Pager';
import { useAsync } from '../../hooks/useAsync';
import { useQueryState } from '../../routing/router';
import { ConfirmDialog } from './ConfirmDialog';
import { isQuarantineFiltered, quarantineFiltersFrom, quarantineQueryOf } from './filters';
import { QuarantineFilterBar } from './QuarantineFilterBar';
import { QuarantineTable } from './QuarantineTable';
import { useQuarantineActions, type ActionOutcome } from './useQuarantineActions';

const useStyles = makeStyles({
  tableFrame: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

export function QuarantinePage() {
  const styles = useStyles();
  const { api, t } = usePortal();
  const [params, set] = useQueryState();
  const filters = quarantineFiltersFrom(params);
  const query = quarantineQueryOf(filters);
  const queryKey = JSON.stringify(query);
  const { cursor, ...withoutCursor } = query;
  const cursors = useCursorStack(cursor, JSON.stringify(withoutCursor));
  const page = useAsync<Page>(() => api.listQuarantine(query), [queryKey]);
  const items = useMemo(() => page.data?.items ?? [], [page.data]);

  const onDone = useCallback(
    ({ item, updated }: ActionOutcome) => {
      page.set((current) => current && { ...current, items: updated ? current.items.map((i) => (i.id === item.id ? updated : i)) : current.items.filter((i) => i.id !== item.id) });
    },
    [page],
  );
  const actions = useQuarantineActions(onDone);
  const busy = useMemo(() => new Set(actions.busy && actions.target ? [actions.target.item.id] : []), [actions.busy, actions.target]);

  return (
    <>
      <PageHeader
        title={t.quarantine.title}
        subtitle={t.quarantine.subtitle}
        actions={<Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={page.reload} aria-label={t.common.refresh} />}
      />
      <QuarantineFilterBar filters={filters} set={set} />
      {page.error ? <ErrorBar error={page.error} onRetry={page.reload} /> : null}
      {page.loading && !page.data ? (
        <Loading />
      ) : page.data ? (
        items.length === 0 ? (
          <div className={styles.tableFrame}>
            <EmptyState icon={<MailCheckmark20Regular />} text={isQuarantineFiltered(filters) ? t.quarantine.emptyFiltered : t.quarantine.empty} />
          </div>
        ) : (
          <div className={styles.tableFrame} aria-busy={page.loading}>
            <QuarantineTable items={items} busy={busy} onAction={actions.ask} onDownload={(item) => void actions.download(item.id)} />
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
      <ConfirmDialog target={actions.target} busy={actions.busy} onCancel={actions.cancel} onConfirm={(comment) => void actions.confirm(comment)} />
    </>
  );
}
