/**
 * The User reported view's filters: quick filters (Unreviewed, and one category), a subject
 * search, and the full set behind "Filters". Every change lands in the address bar (so the
 * view is a link) and the server filters; text waits until typing pauses.
 */
import {
  Button,
  Field,
  Input,
  SearchBox,
  Select,
  ToggleButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss20Regular, Filter20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { SubmissionCategory } from '../../../contracts/submissions';
import { usePortal } from '../../app/context';
import { CATEGORIES, FILTER_KEYS, REVIEW_STATES, isFiltered, type SubmissionFilters } from './filters';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalM },
  quick: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  divider: { width: '1px', height: '20px', backgroundColor: tokens.colorNeutralStroke2, marginLeft: tokens.spacingHorizontalXS, marginRight: tokens.spacingHorizontalXS },
  search: { minWidth: '240px', flexGrow: 1, maxWidth: '360px' },
  chipOn: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    border: `1px solid ${tokens.colorBrandStroke2}`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover, color: tokens.colorBrandForeground2Hover },
    ':hover:active': { backgroundColor: tokens.colorBrandBackground2Pressed, color: tokens.colorBrandForeground2Pressed },
  },
  spacer: { flexGrow: 1 },
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

export type Set = (changes: Record<string, string | null | undefined>) => void;

/** A text input that reports its value once typing pauses (or on Enter). */
export function useDebounced(value: string, commit: (value: string) => void, delay = 350) {
  const [draft, setDraft] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = (next: string) => {
    setDraft(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(next), delay);
  };
  const flush = () => {
    clearTimeout(timer.current);
    commit(draft);
  };
  return { draft, change, flush };
}

export function TextFilter({ label, value, name, set, type = 'text' }: { label: string; value: string; name: string; set: Set; type?: 'text' | 'date' }) {
  const { draft, change, flush } = useDebounced(value, (next) => set({ [name]: next, cursor: null }));
  return (
    <Field label={label}>
      <Input type={type} value={draft} onChange={(_e, data) => change(data.value)} onBlur={flush} onKeyDown={(e) => e.key === 'Enter' && flush()} />
    </Field>
  );
}

export function FilterBar({ filters, set }: { filters: SubmissionFilters; set: Set }) {
  const styles = useStyles();
  const { t } = usePortal();
  const [open, setOpen] = useState(() => [filters.reporter, filters.sender, filters.recipient, filters.after, filters.before].some(Boolean));
  const search = useDebounced(filters.q, (q) => set({ q, cursor: null }));
  const quickCategories: Array<[SubmissionCategory, string]> = [
    ['notJunk', t.submissions.quick.notJunk],
    ['phishing', t.submissions.quick.phishing],
    ['spam', t.submissions.quick.junk],
  ];

  return (
    <>
      <div className={styles.bar}>
        <div className={styles.quick} role="group" aria-label={t.submissions.quickFilters}>
          <ToggleButton
            size="medium"
            shape="circular"
            checked={filters.review === 'unreviewed'}
            className={filters.review === 'unreviewed' ? styles.chipOn : undefined}
            onClick={() => set({ review: filters.review === 'unreviewed' ? 'all' : null, cursor: null })}
            data-testid="quick-unreviewed"
          >
            {t.submissions.quick.unreviewed}
          </ToggleButton>
          <span className={styles.divider} aria-hidden />
          {quickCategories.map(([category, label]) => (
            <ToggleButton
              key={category}
              size="medium"
              shape="circular"
              checked={filters.category === category}
              className={filters.category === category ? styles.chipOn : undefined}
              onClick={() => set({ category: filters.category === category ? null : category, cursor: null })}
              data-testid={`quick-${category}`}
            >
              {label}
            </ToggleButton>
          ))}
        </div>
        <SearchBox
          className={styles.search}
          aria-label={t.submissions.searchLabel}
          placeholder={t.submissions.searchPlaceholder}
          value={search.draft}
          onChange={(_e, data) => search.change(data.value)}
          onKeyDown={(e) => e.key === 'Enter' && search.flush()}
          data-testid="subject-search"
        />
        <Button appearance={open ? 'primary' : 'secondary'} icon={<Filter20Regular />} aria-expanded={open} onClick={() => setOpen(!open)}>
          {t.common.filters}
        </Button>
        {isFiltered(filters) ? (
          <Button appearance="subtle" icon={<Dismiss20Regular />} onClick={() => set(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])))}>
            {t.common.clearFilters}
          </Button>
        ) : null}
      </div>
      {open ? (
        <div className={styles.panel} data-testid="filter-panel">
          <Field label={t.submissions.filterCategory}>
            <Select value={filters.category ?? ''} onChange={(_e, data) => set({ category: data.value || null, cursor: null })}>
              <option value="">{t.common.all}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t.categories[c]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.submissions.filterReview}>
            <Select value={filters.review} onChange={(_e, data) => set({ review: data.value === 'unreviewed' ? null : data.value, cursor: null })}>
              <option value="all">{t.common.all}</option>
              {REVIEW_STATES.map((r) => (
                <option key={r} value={r}>
                  {t.reviewStates[r]}
                </option>
              ))}
            </Select>
          </Field>
          <TextFilter label={t.submissions.filterSender} name="sender" value={filters.sender} set={set} />
          <TextFilter label={t.submissions.filterReporter} name="reporter" value={filters.reporter} set={set} />
          <TextFilter label={t.submissions.filterRecipient} name="recipient" value={filters.recipient} set={set} />
          <TextFilter label={t.submissions.filterAfter} name="after" type="date" value={filters.after} set={set} />
          <TextFilter label={t.submissions.filterBefore} name="before" type="date" value={filters.before} set={set} />
          <Field label={t.submissions.sort}>
            <Select value={filters.sort} onChange={(_e, data) => set({ sort: data.value === 'oldest' ? 'oldest' : null, cursor: null })}>
              <option value="newest">{t.submissions.sortNewest}</option>
              <option value="oldest">{t.submissions.sortOldest}</option>
            </Select>
          </Field>
        </div>
      ) : null}
    </>
  );
}
