/**
 * The audit log: every change, newest first, filtered by who, what, when and words in the
 * target or details (server-side), paged by cursor, exported as CSV with the same filters.
 */
import { Button, Field, Input, SearchBox, Select, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwise20Regular, ArrowDownload20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { AuditPage as AuditPageData, AuditQuery } from '../../../contracts/portal';
import { usePortal } from '../../app/context';
import { describeError } from '../../api/errors';
import { AuditTable } from '../../components/AuditTable';
import { EmptyState, ErrorBar, Loading, PageHeader, Toolbar } from '../../components/layout';
import { Pager, useCursorStack } from '../../components/Pager';
import { useAsync } from '../../hooks/useAsync';
import { useQueryState } from '../../routing/router';
import { localMidnight } from '../submissions/filters';

const useStyles = makeStyles({
  frame: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, overflow: 'hidden', backgroundColor: tokens.colorNeutralBackground1 },
  search: { minWidth: '260px' },
  field: { minWidth: '180px' },
});

/** The target types the server writes, for the filter. */
const TARGET_TYPES = ['submission', 'allowBlockEntry', 'cluster', 'settings', 'mail', 'portal', 'safeSender', 'blockedSender', 'retention'] as const;

function useDraft(value: string, commit: (value: string) => void) {
  const [draft, setDraft] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return {
    draft,
    change(next: string) {
      setDraft(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => commit(next), 350);
    },
  };
}

export function queryFromParams(params: URLSearchParams): AuditQuery {
  const query: AuditQuery = { limit: 100 };
  const text = (name: string) => (params.get(name) ?? '').trim();
  if (text('q')) query.q = text('q');
  if (text('actor')) query.actor = text('actor');
  if (text('targetType')) query.targetType = text('targetType');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text('after'))) query.after = localMidnight(text('after'));
  if (/^\d{4}-\d{2}-\d{2}$/.test(text('before'))) query.before = localMidnight(text('before'), 1);
  if (text('cursor')) query.cursor = text('cursor');
  return query;
}

export function AuditPage() {
  const styles = useStyles();
  const { api, t, notify } = usePortal();
  const [params, set] = useQueryState();
  const query = queryFromParams(params);
  const { cursor, ...filters } = query;
  const cursors = useCursorStack(cursor, JSON.stringify(filters));
  const page = useAsync<AuditPageData>(() => api.audit(query), [JSON.stringify(query)]);
  const search = useDraft(params.get('q') ?? '', (q) => set({ q, cursor: null }));
  const actor = useDraft(params.get('actor') ?? '', (value) => set({ actor: value, cursor: null }));
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const blob = await api.auditCsv(filters);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `second-look-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      notify('error', describeError(t, error));
    } finally {
      setExporting(false);
    }
  };

  const filtered = ['q', 'actor', 'targetType', 'after', 'before'].some((k) => params.get(k));

  return (
    <>
      <PageHeader
        title={t.audit.title}
        subtitle={t.audit.subtitle}
        actions={
          <>
            <Button icon={<ArrowDownload20Regular />} disabled={exporting} onClick={() => void exportCsv()} data-testid="export-csv">
              {t.audit.exportCsv}
            </Button>
            <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={page.reload} aria-label={t.common.refresh} />
          </>
        }
      />
      <Toolbar label={t.common.filters}>
        <Field label={t.audit.searchLabel}>
          <SearchBox className={styles.search} value={search.draft} onChange={(_e, data) => search.change(data.value)} />
        </Field>
        <Field label={t.audit.actor} className={styles.field}>
          <Input value={actor.draft} onChange={(_e, data) => actor.change(data.value)} />
        </Field>
        <Field label={t.audit.targetType} className={styles.field}>
          <Select value={params.get('targetType') ?? ''} onChange={(_e, data) => set({ targetType: data.value, cursor: null })}>
            <option value="">{t.common.all}</option>
            {TARGET_TYPES.map((type) => (
              <option key={type} value={type}>
                {t.audit.targetTypes[type]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t.audit.after}>
          <Input type="date" value={params.get('after') ?? ''} onChange={(_e, data) => set({ after: data.value, cursor: null })} />
        </Field>
        <Field label={t.audit.before}>
          <Input type="date" value={params.get('before') ?? ''} onChange={(_e, data) => set({ before: data.value, cursor: null })} />
        </Field>
        {filtered ? (
          <Button appearance="subtle" icon={<Dismiss20Regular />} onClick={() => set({ q: null, actor: null, targetType: null, after: null, before: null, cursor: null })}>
            {t.common.clearFilters}
          </Button>
        ) : null}
      </Toolbar>
      {page.error ? <ErrorBar error={page.error} onRetry={page.reload} /> : null}
      {!page.data && !page.error ? (
        <Loading />
      ) : page.data ? (
        <div className={styles.frame}>{page.data.items.length === 0 ? <EmptyState text={t.audit.empty} /> : <AuditTable items={page.data.items} />}</div>
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
