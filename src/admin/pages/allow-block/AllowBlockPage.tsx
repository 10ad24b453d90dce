/**
 * The Tenant Allow/Block List: every entry with when it was last used and when it goes away,
 * filters and search (server-side), add, edit, delete, paste a list, and the health report.
 */
import {
  Badge,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  SearchBox,
  Select,
  Tab,
  TabList,
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
import { Add20Regular, ClipboardPaste20Regular, Delete20Regular, Edit20Regular, ShieldCheckmark20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { AllowBlockEntry, ListAllowBlockEntriesQuery } from '../../../contracts/lists';
import { usePortal } from '../../app/context';
import { formatDateTime, formatShort } from '../../app/format';
import { describeError } from '../../api/errors';
import { EmptyState, ErrorBar, Loading, PageHeader, Toolbar } from '../../components/layout';
import { Pager, useCursorStack } from '../../components/Pager';
import { useAsync } from '../../hooks/useAsync';
import { RouteLink, useQueryState } from '../../routing/router';
import { BulkDialog, EntryDialog } from './EntryDialogs';
import { HealthPanel } from './HealthPanel';

const useStyles = makeStyles({
  tabs: { marginBottom: tokens.spacingVerticalM },
  frame: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, overflow: 'hidden', backgroundColor: tokens.colorNeutralBackground1 },
  table: { tableLayout: 'fixed', width: '100%' },
  valueCol: {},
  actionCol: { width: '96px' },
  dateCol: { width: '130px' },
  expiresCol: { width: '210px' },
  modifiedCol: { width: '210px' },
  buttonsCol: { width: '96px' },
  twoLines: { display: 'flex', flexDirection: 'column', minWidth: 0, paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  value: { fontWeight: tokens.fontWeightSemibold, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  second: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  search: { minWidth: '240px' },
  chipOn: { backgroundColor: tokens.colorBrandBackground2, color: tokens.colorBrandForeground2, border: `1px solid ${tokens.colorBrandStroke2}` },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalXXS, justifyContent: 'flex-end' },
});

export function entriesQuery(params: URLSearchParams): ListAllowBlockEntriesQuery {
  const query: ListAllowBlockEntriesQuery = { limit: 50 };
  const action = params.get('action');
  const type = params.get('type');
  if (action === 'allow' || action === 'block') query.action = action;
  if (type === 'address' || type === 'domain') query.type = type;
  const search = (params.get('search') ?? '').trim();
  if (search) query.search = search;
  if (params.get('neverUsed') === '1') query.neverUsed = true;
  if (params.get('expiring') === '1') query.expiringWithinDays = 7;
  const cursor = params.get('cursor');
  if (cursor) query.cursor = cursor;
  return query;
}

function Expires({ entry }: { entry: AllowBlockEntry }) {
  const { t, locale } = usePortal();
  if (entry.expirationDateTime === null) return <Caption1>{t.allowBlock.expiresNever}</Caption1>;
  const date = formatShort(locale, entry.expirationDateTime);
  return (
    <Caption1 title={formatDateTime(locale, entry.expirationDateTime)}>
      {entry.expiration.type === 'afterLastUsed' ? t.allowBlock.expiresAfterLastUsed(entry.expiration.days, date) : date}
    </Caption1>
  );
}

export function AllowBlockPage() {
  const styles = useStyles();
  const { api, t, locale, can, notify } = usePortal();
  const [params, set] = useQueryState();
  const tab = params.get('tab') === 'health' ? 'health' : 'entries';
  const query = entriesQuery(params);
  const { cursor, ...filters } = query;
  const cursors = useCursorStack(cursor, JSON.stringify(filters));
  const entries = useAsync(() => api.listEntries(query), [JSON.stringify(query)]);
  const [editing, setEditing] = useState<AllowBlockEntry | null | 'new'>(null);
  const [deleting, setDeleting] = useState<AllowBlockEntry | null>(null);
  const [bulkOpen, setBulkOpen] = useState(false);
  const [searchDraft, setSearchDraft] = useState(params.get('search') ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const remove = async (entry: AllowBlockEntry) => {
    try {
      await api.deleteEntry(entry.id);
      notify('success', t.allowBlock.deleted(entry.displayValue));
      setDeleting(null);
      entries.reload();
    } catch (error) {
      notify('error', describeError(t, error));
    }
  };

  const chip = (on: boolean) => (on ? styles.chipOn : undefined);
  const filtered = Object.keys(filters).some((k) => k !== 'limit');

  return (
    <>
      <PageHeader
        title={t.allowBlock.title}
        subtitle={t.allowBlock.subtitle}
        actions={
          can.change ? (
            <>
              <Button appearance="primary" icon={<Add20Regular />} onClick={() => setEditing('new')} data-testid="add-entry">
                {t.allowBlock.add}
              </Button>
              <Button icon={<ClipboardPaste20Regular />} onClick={() => setBulkOpen(true)} data-testid="bulk-add">
                {t.allowBlock.bulkAdd}
              </Button>
            </>
          ) : undefined
        }
      />
      <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_e, data) => set({ tab: data.value === 'health' ? 'health' : null })}>
        <Tab value="entries">{t.allowBlock.tabs.entries}</Tab>
        <Tab value="health" data-testid="health-tab">
          {t.allowBlock.tabs.health}
        </Tab>
      </TabList>
      {tab === 'health' ? (
        <HealthPanel />
      ) : (
        <>
          <Toolbar label={t.common.filters}>
            <Field label={t.allowBlock.searchLabel}>
              <SearchBox
                className={styles.search}
                value={searchDraft}
                onChange={(_e, data) => {
                  setSearchDraft(data.value);
                  clearTimeout(timer.current);
                  timer.current = setTimeout(() => set({ search: data.value, cursor: null }), 350);
                }}
              />
            </Field>
            <Field label={t.allowBlock.actionFilter}>
              <Select value={query.action ?? ''} onChange={(_e, data) => set({ action: data.value, cursor: null })}>
                <option value="">{t.common.all}</option>
                <option value="allow">{t.allowBlock.allow}</option>
                <option value="block">{t.allowBlock.block}</option>
              </Select>
            </Field>
            <Field label={t.allowBlock.typeFilter}>
              <Select value={query.type ?? ''} onChange={(_e, data) => set({ type: data.value, cursor: null })}>
                <option value="">{t.common.all}</option>
                <option value="address">{t.allowBlock.address}</option>
                <option value="domain">{t.allowBlock.domain}</option>
              </Select>
            </Field>
            <ToggleButton shape="circular" checked={query.neverUsed === true} className={chip(query.neverUsed === true)} onClick={() => set({ neverUsed: query.neverUsed ? null : '1', cursor: null })}>
              {t.allowBlock.neverUsed}
            </ToggleButton>
            <ToggleButton shape="circular" checked={query.expiringWithinDays !== undefined} className={chip(query.expiringWithinDays !== undefined)} onClick={() => set({ expiring: query.expiringWithinDays !== undefined ? null : '1', cursor: null })}>
              {t.allowBlock.expiringWithin}
            </ToggleButton>
          </Toolbar>
          {entries.error ? <ErrorBar error={entries.error} onRetry={entries.reload} /> : null}
          {!entries.data && !entries.error ? <Loading /> : null}
          {entries.data ? (
            <div className={styles.frame}>
              {entries.data.items.length === 0 ? (
                <EmptyState icon={<ShieldCheckmark20Regular />} text={filtered ? t.allowBlock.emptyFiltered : t.allowBlock.empty} />
              ) : (
                <Table className={styles.table} aria-label={t.allowBlock.title} data-testid="entries-table">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell className={styles.valueCol}>{t.allowBlock.columns.value}</TableHeaderCell>
                      <TableHeaderCell className={styles.actionCol}>{t.allowBlock.columns.action}</TableHeaderCell>
                      <TableHeaderCell className={styles.dateCol}>{t.allowBlock.columns.lastUsed}</TableHeaderCell>
                      <TableHeaderCell className={styles.expiresCol}>{t.allowBlock.columns.expires}</TableHeaderCell>
                      <TableHeaderCell className={styles.modifiedCol}>{t.allowBlock.columns.modified}</TableHeaderCell>
                      {can.change ? <TableHeaderCell className={styles.buttonsCol}>{t.submissions.columns.actions}</TableHeaderCell> : null}
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {entries.data.items.map((entry) => (
                      <TableRow key={entry.id} data-testid="entry-row" data-value={entry.value}>
                        <TableCell>
                          <div className={styles.twoLines}>
                            <span className={styles.value} title={entry.displayValue}>
                              {entry.displayValue}
                            </span>
                            <span className={styles.second} title={entry.note}>
                              {entry.valueType === 'domain' ? t.allowBlock.domain : t.allowBlock.address}
                              {entry.source === 'submission' && entry.submissionId ? ' · ' : ''}
                              {entry.source === 'submission' && entry.submissionId ? <RouteLink to={{ name: 'submission', id: entry.submissionId }}>{t.allowBlock.fromSubmission}</RouteLink> : null}
                              {entry.note ? ` · ${entry.note}` : ''}
                            </span>
                          </div>
                        </TableCell>
                        <TableCell>
                          <Badge appearance="tint" color={entry.action === 'allow' ? 'success' : 'danger'} shape="rounded">
                            {entry.action === 'allow' ? t.allowBlock.allow : t.allowBlock.block}
                          </Badge>
                        </TableCell>
                        <TableCell>
                          <Caption1 title={entry.lastUsedDateTime ? formatDateTime(locale, entry.lastUsedDateTime) : undefined}>
                            {entry.lastUsedDateTime ? formatShort(locale, entry.lastUsedDateTime) : t.common.never}
                          </Caption1>
                        </TableCell>
                        <TableCell>
                          <Expires entry={entry} />
                        </TableCell>
                        <TableCell>
                          <div className={styles.twoLines}>
                            <span className={styles.second} title={entry.modifiedBy}>
                              {entry.modifiedBy}
                            </span>
                            <span className={styles.second}>{formatShort(locale, entry.modifiedDateTime)}</span>
                          </div>
                        </TableCell>
                        {can.change ? (
                          <TableCell>
                            <div className={styles.buttons}>
                              <Button size="small" appearance="subtle" icon={<Edit20Regular />} aria-label={t.allowBlock.editTitle(entry.displayValue)} onClick={() => setEditing(entry)} />
                              <Button size="small" appearance="subtle" icon={<Delete20Regular />} aria-label={t.allowBlock.deleteConfirmTitle(entry.displayValue)} onClick={() => setDeleting(entry)} />
                            </div>
                          </TableCell>
                        ) : null}
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </div>
          ) : null}
          <Pager
            page={cursors.page}
            hasPrevious={cursors.hasPrevious}
            nextCursor={entries.data?.nextCursor}
            onPrevious={() => set({ cursor: cursors.previous() ?? null }, { push: true })}
            onNext={(next) => set({ cursor: cursors.next(next) }, { push: true })}
          />
        </>
      )}
      <EntryDialog
        open={editing !== null}
        entry={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          notify('success', t.common.saved);
          entries.reload();
        }}
      />
      <BulkDialog open={bulkOpen} onClose={() => setBulkOpen(false)} onDone={entries.reload} />
      <Dialog open={deleting !== null} onOpenChange={(_e, data) => (data.open ? undefined : setDeleting(null))}>
        <DialogSurface aria-describedby={undefined}>
          <DialogBody>
            <DialogTitle>{deleting ? t.allowBlock.deleteConfirmTitle(deleting.displayValue) : ''}</DialogTitle>
            <DialogContent>
              <Text>{t.allowBlock.deleteConfirmBody}</Text>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setDeleting(null)}>{t.common.cancel}</Button>
              <Button appearance="primary" onClick={() => deleting && void remove(deleting)} data-testid="confirm-delete">
                {t.common.delete}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
