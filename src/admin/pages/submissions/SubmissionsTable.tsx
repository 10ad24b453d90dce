/**
 * The reports as rows: what was reported, by whom, as what, and the result so far. An
 * unreviewed report carries its most common answer as one button ("No threats"): the common
 * case, a harmless newsletter reported as Not junk, is one look and one click.
 */
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  TableSelectionCell,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { BranchFork20Regular, Checkmark20Regular, Comment20Regular, MoreHorizontal20Regular } from '@fluentui/react-icons';
import type { ReviewResult } from '../../../contracts/portal';
import type { Submission } from '../../../contracts/submissions';
import { usePortal } from '../../app/context';
import { formatDateTime, formatShort } from '../../app/format';
import { CategoryBadge, ReviewBadge } from '../../components/badges';
import { onLinkClick } from '../../routing/router';
import { hrefOf } from '../../routing/routes';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%', backgroundColor: tokens.colorNeutralBackground1 },
  select: { width: '44px' },
  subjectCol: { width: '58%' },
  categoryCol: { width: '112px' },
  reporterCol: { width: '42%' },
  resultCol: { width: '148px' },
  actionsCol: { width: '152px' },
  twoLines: { display: 'flex', flexDirection: 'column', minWidth: 0, paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  cellText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' },
  secondLine: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  subject: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minWidth: 0,
  },
  subjectLink: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: 'none',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
    ':hover': { textDecorationLine: 'underline', color: tokens.colorBrandForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  reviewed: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  icon: { color: tokens.colorNeutralForeground3, flexShrink: 0, display: 'inline-flex' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, justifyContent: 'flex-end' },
});

export interface SubmissionsTableProps {
  items: readonly Submission[];
  selected: ReadonlySet<string>;
  busy: ReadonlySet<string>;
  /** Checkboxes for a selection (the User reported list); off where the page marks in other ways. */
  selectable?: boolean;
  onToggle(id: string): void;
  onToggleAll(): void;
  /** One click: mark with this result and notify. */
  onQuickMark(submission: Submission, result: ReviewResult): void;
  onMarkWithMessage(submission: Submission): void;
}

export function SubmissionsTable({ items, selected, busy, selectable = true, onToggle, onToggleAll, onQuickMark, onMarkWithMessage }: SubmissionsTableProps) {
  const styles = useStyles();
  const { t, locale, can } = usePortal();
  const withSelection = can.change && selectable;
  const allSelected = items.length > 0 && items.every((s) => selected.has(s.id));
  const someSelected = !allSelected && items.some((s) => selected.has(s.id));

  return (
    <Table className={styles.table} aria-label={t.submissions.title} data-testid="submissions-table" size="medium">
      <TableHeader>
        <TableRow>
          {withSelection ? (
            <TableSelectionCell
              className={styles.select}
              type="checkbox"
              checked={allSelected ? true : someSelected ? 'mixed' : false}
              onClick={onToggleAll}
              checkboxIndicator={{ 'aria-label': t.submissions.selectAll }}
            />
          ) : null}
          <TableHeaderCell className={styles.subjectCol}>
            {t.submissions.columns.subject} · {t.submissions.columns.sender}
          </TableHeaderCell>
          <TableHeaderCell className={styles.categoryCol}>{t.submissions.columns.reportedAs}</TableHeaderCell>
          <TableHeaderCell className={styles.reporterCol}>{t.submissions.columns.reportedBy}</TableHeaderCell>
          <TableHeaderCell className={styles.resultCol}>{t.submissions.columns.result}</TableHeaderCell>
          {can.change ? (
            <TableHeaderCell className={styles.actionsCol}>
              <span className={styles.cellText}>{t.submissions.columns.actions}</span>
            </TableHeaderCell>
          ) : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((s) => {
          const href = hrefOf({ name: 'submission', id: s.id });
          const subject = s.subject || t.submissions.noSubject;
          const isSelected = selected.has(s.id);
          const reviewed = s.review !== null;
          return (
            <TableRow key={s.id} data-testid="submission-row" data-id={s.id} data-category={s.category} aria-selected={withSelection ? isSelected : undefined}>
              {withSelection ? (
                <TableSelectionCell
                  className={styles.select}
                  checked={isSelected}
                  onClick={() => onToggle(s.id)}
                  checkboxIndicator={{ 'aria-label': t.submissions.selectRow(subject) }}
                />
              ) : null}
              <TableCell>
                <div className={styles.twoLines}>
                  <div className={styles.subject}>
                    <a href={href} onClick={onLinkClick(href)} className={mergeClasses(styles.subjectLink, reviewed && styles.reviewed)} title={subject}>
                      {subject}
                    </a>
                    {s.comment ? (
                      <Tooltip content={`${t.submissions.comment}: ${s.comment}`} relationship="description">
                        <span className={styles.icon} tabIndex={0} role="img" aria-label={`${t.submissions.comment}: ${s.comment}`}>
                          <Comment20Regular />
                        </span>
                      </Tooltip>
                    ) : null}
                    {s.clusterId ? (
                      <Tooltip content={t.detail.openCluster} relationship="description">
                        <a
                          href={hrefOf({ name: 'cluster', id: s.clusterId })}
                          onClick={onLinkClick(hrefOf({ name: 'cluster', id: s.clusterId }))}
                          className={styles.icon}
                          aria-label={t.detail.openCluster}
                        >
                          <BranchFork20Regular />
                        </a>
                      </Tooltip>
                    ) : null}
                  </div>
                  <span className={styles.secondLine} title={s.sender}>
                    {s.sender}
                  </span>
                </div>
              </TableCell>
              <TableCell>
                <CategoryBadge category={s.category} />
              </TableCell>
              <TableCell>
                <div className={styles.twoLines}>
                  <Text className={styles.cellText} title={s.createdBy.email}>
                    {s.createdBy.displayName || s.createdBy.email}
                  </Text>
                  <span className={styles.secondLine} title={formatDateTime(locale, s.createdDateTime)}>
                    {formatShort(locale, s.createdDateTime)}
                  </span>
                </div>
              </TableCell>
              <TableCell>
                <ReviewBadge state={s.review?.result ?? 'unreviewed'} />
              </TableCell>
              {can.change ? (
                <TableCell>
                  <div className={styles.actions}>
                    {!reviewed ? (
                      <Button
                        size="small"
                        icon={<Checkmark20Regular />}
                        disabled={busy.has(s.id)}
                        aria-label={t.submissions.quickNoThreatsLabel(subject)}
                        onClick={() => onQuickMark(s, 'noThreatsFound')}
                        data-testid="quick-no-threats"
                      >
                        {t.submissions.quickNoThreats}
                      </Button>
                    ) : null}
                    <Menu positioning="below-end">
                      <MenuTrigger disableButtonEnhancement>
                        <Button size="small" appearance="subtle" icon={<MoreHorizontal20Regular />} aria-label={t.submissions.moreFor(subject)} disabled={busy.has(s.id)} />
                      </MenuTrigger>
                      <MenuPopover>
                        <MenuList>
                          <MenuItem onClick={() => onQuickMark(s, 'phishing')}>{t.reviewResults.phishing}</MenuItem>
                          <MenuItem onClick={() => onQuickMark(s, 'spam')}>{t.reviewResults.spam}</MenuItem>
                          {reviewed ? <MenuItem onClick={() => onQuickMark(s, 'noThreatsFound')}>{t.reviewResults.noThreatsFound}</MenuItem> : null}
                          <MenuItem onClick={() => onMarkWithMessage(s)}>{t.submissions.markWithMessage}</MenuItem>
                        </MenuList>
                      </MenuPopover>
                    </Menu>
                  </div>
                </TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
