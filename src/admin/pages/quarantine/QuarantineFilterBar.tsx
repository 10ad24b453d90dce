/**
 * The quarantine's filters: quick filters (Requested release, Phishing, Malware, Not released),
 * a subject search, and the full set behind "Filters". Every change lands in the address bar,
 * and the server filters over all rows.
 */
import { Button, Field, SearchBox, Select, ToggleButton, makeStyles, tokens } from '@fluentui/react-components';
import { Dismiss20Regular, Filter20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { usePortal } from '../../app/context';
import { TextFilter, useDebounced, type Set } from '../submissions/FilterBar';
import { QUARANTINE_FILTER_KEYS, QUARANTINE_REASONS, QUICK_FILTERS, RELEASE_STATUSES, isQuarantineFiltered, isQuickOn, toggleQuick, type QuarantineFilters } from './filters';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM },
  quick: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  search: { minWidth: '240px', flexGrow: 1, maxWidth: '360px' },
  chipOn: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    border: `1px solid ${tokens.colorBrandStroke2}`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover, color: tokens.colorBrandForeground2Hover },
    ':hover:active': { backgroundColor: tokens.colorBrandBackground2Pressed, color: tokens.colorBrandForeground2Pressed },
  },
  panel: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

export function QuarantineFilterBar({ filters, set }: { filters: QuarantineFilters; set: Set }) {
  const styles = useStyles();
  const { t } = usePortal();
  const q = t.quarantine;
  const [open, setOpen] = useState(() =>
    [filters.recipient, filters.sender, filters.senderDomain, filters.policy, filters.receivedAfter, filters.receivedBefore, filters.expiresAfter, filters.expiresBefore].some(Boolean),
  );
  const search = useDebounced(filters.subject, (subject) => set({ subject, cursor: null }));

  return (
    <>
      <div className={styles.bar}>
        <div className={styles.quick} role="group" aria-label={q.quickFilters}>
          {QUICK_FILTERS.map(({ name }) => {
            const on = isQuickOn(filters, name);
            return (
              <ToggleButton key={name} shape="circular" checked={on} className={on ? styles.chipOn : undefined} onClick={() => set(toggleQuick(filters, name))} data-testid={`quick-${name}`}>
                {q.quick[name]}
              </ToggleButton>
            );
          })}
        </div>
        <SearchBox
          className={styles.search}
          aria-label={q.searchLabel}
          placeholder={q.searchPlaceholder}
          value={search.draft}
          onChange={(_e, data) => search.change(data.value)}
          onKeyDown={(e) => e.key === 'Enter' && search.flush()}
          data-testid="subject-search"
        />
        <Button appearance={open ? 'primary' : 'secondary'} icon={<Filter20Regular />} aria-expanded={open} onClick={() => setOpen(!open)} data-testid="filters-toggle">
          {t.common.filters}
        </Button>
        {isQuarantineFiltered(filters) ? (
          <Button appearance="subtle" icon={<Dismiss20Regular />} onClick={() => set(Object.fromEntries(QUARANTINE_FILTER_KEYS.map((k) => [k, null])))}>
            {t.common.clearFilters}
          </Button>
        ) : null}
      </div>
      {open ? (
        <div className={styles.panel} data-testid="filter-panel">
          <TextFilter label={q.filterRecipient} name="recipient" value={filters.recipient} set={set} />
          <TextFilter label={q.filterSender} name="sender" value={filters.sender} set={set} />
          <TextFilter label={q.filterSenderDomain} name="senderDomain" value={filters.senderDomain} set={set} />
          <Field label={q.filterReason}>
            <Select value={filters.reason ?? ''} onChange={(_e, data) => set({ reason: data.value || null, cursor: null })}>
              <option value="">{t.common.all}</option>
              {QUARANTINE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {q.reasons[r]}
                </option>
              ))}
            </Select>
          </Field>
          <TextFilter label={q.filterPolicy} name="policy" value={filters.policy} set={set} />
          <Field label={q.filterStatus}>
            <Select value={filters.status ?? ''} onChange={(_e, data) => set({ status: data.value || null, cursor: null })}>
              <option value="">{t.common.all}</option>
              {RELEASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {q.statuses[s]}
                </option>
              ))}
            </Select>
          </Field>
          <TextFilter label={q.filterReceivedAfter} name="receivedAfter" type="date" value={filters.receivedAfter} set={set} />
          <TextFilter label={q.filterReceivedBefore} name="receivedBefore" type="date" value={filters.receivedBefore} set={set} />
          <TextFilter label={q.filterExpiresAfter} name="expiresAfter" type="date" value={filters.expiresAfter} set={set} />
          <TextFilter label={q.filterExpiresBefore} name="expiresBefore" type="date" value={filters.expiresBefore} set={set} />
          <Field label={q.order}>
            <Select value={filters.order} onChange={(_e, data) => set({ order: data.value === 'oldest' ? 'oldest' : null, cursor: null })}>
              <option value="newest">{q.orderNewest}</option>
              <option value="oldest">{q.orderOldest}</option>
            </Select>
          </Field>
        </div>
      ) : null}
    </>
  );
}
