/**
 * Quarantined rows: subject and sender, recipient, reason and release state, received and
 * expiry; and, for quarantine administrators, the row's actions in one menu.
 *
 * Pairs share a column, one above the other (as subject and sender do), so that on a laptop's
 * 1280 px the subject keeps most of the width: seven columns side by side left it ~180 px.
 */
import {
  Menu,
  MenuDivider,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, CheckmarkCircle20Regular, Delete20Regular, DismissCircle20Regular, Eye20Regular, MailArrowForward20Regular, MoreHorizontal20Regular } from '@fluentui/react-icons';
import type { QuarantineItem } from '../../../contracts/quarantine';
import { usePortal } from '../../app/context';
import { formatDate, formatDateTime, formatShort } from '../../app/format';
import { navigate, onLinkClick } from '../../routing/router';
import { hrefOf } from '../../routing/routes';
import { ReasonBadge, ReleaseBadge } from './badges';
import type { RowAction } from './ConfirmDialog';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%', backgroundColor: tokens.colorNeutralBackground1 },
  // The subject's column has no width: with a fixed layout it takes what the others leave.
  recipientCol: { width: '24%' },
  reasonStatusCol: { width: '168px' },
  datesCol: { width: '144px' },
  actionsCol: { width: '48px' },
  badges: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS, paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  twoLines: { display: 'flex', flexDirection: 'column', minWidth: 0, paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  cellText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' },
  secondLine: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  subjectLink: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    textDecorationLine: 'none',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    display: 'block',
    ':hover': { textDecorationLine: 'underline', color: tokens.colorBrandForeground1 },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

export interface QuarantineTableProps {
  items: readonly QuarantineItem[];
  busy: ReadonlySet<string>;
  onAction(action: RowAction, item: QuarantineItem): void;
  onDownload(item: QuarantineItem): void;
}

export function QuarantineTable({ items, busy, onAction, onDownload }: QuarantineTableProps) {
  const styles = useStyles();
  const { t, locale, can } = usePortal();
  const q = t.quarantine;
  return (
    <Table className={styles.table} aria-label={q.title} data-testid="quarantine-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{q.columns.message}</TableHeaderCell>
          <TableHeaderCell className={styles.recipientCol}>{q.columns.recipient}</TableHeaderCell>
          <TableHeaderCell className={styles.reasonStatusCol}>{q.columns.reasonStatus}</TableHeaderCell>
          <TableHeaderCell className={styles.datesCol}>{q.columns.dates}</TableHeaderCell>
          <TableHeaderCell className={styles.actionsCol}>
            <span className={styles.srOnly}>{q.columns.actions}</span>
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => {
          const href = hrefOf({ name: 'quarantineItem', id: item.id });
          const subject = item.subject || q.noSubject;
          const sender = item.senderName ? `${item.senderName} <${item.sender}>` : item.sender;
          return (
            <TableRow key={item.id} data-testid="quarantine-row" data-id={item.id} data-status={item.releaseStatus} data-reason={item.reason}>
              <TableCell>
                <div className={styles.twoLines}>
                  <a href={href} onClick={onLinkClick(href)} className={styles.subjectLink} title={subject}>
                    {subject}
                  </a>
                  <span className={styles.secondLine} title={sender}>
                    {sender}
                  </span>
                </div>
              </TableCell>
              <TableCell>
                <span className={styles.cellText} title={item.recipient}>
                  {item.recipient}
                </span>
              </TableCell>
              <TableCell>
                <div className={styles.badges}>
                  <ReasonBadge reason={item.reason} />
                  <ReleaseBadge status={item.releaseStatus} />
                </div>
              </TableCell>
              <TableCell>
                <div className={styles.twoLines}>
                  <span className={styles.cellText} title={formatDateTime(locale, item.receivedDateTime)}>
                    {formatShort(locale, item.receivedDateTime)}
                  </span>
                  <span className={styles.secondLine} title={formatDateTime(locale, item.expiresDateTime)}>
                    {q.expiresShort(formatDate(locale, item.expiresDateTime))}
                  </span>
                </div>
              </TableCell>
              <TableCell>
                <Menu positioning="below-end">
                  <MenuTrigger disableButtonEnhancement>
                    <Button size="small" appearance="subtle" icon={<MoreHorizontal20Regular />} aria-label={q.actionsFor(subject)} disabled={busy.has(item.id)} data-testid="row-actions" />
                  </MenuTrigger>
                  <MenuPopover>
                    <MenuList>
                      <MenuItem icon={<Eye20Regular />} onClick={() => navigate(href)}>
                        {q.preview}
                      </MenuItem>
                      <MenuItem icon={<ArrowDownload20Regular />} onClick={() => onDownload(item)}>
                        {q.downloadEml}
                      </MenuItem>
                      {can.quarantine ? (
                        <>
                          <MenuDivider />
                          {item.releaseStatus !== 'released' ? (
                            <MenuItem icon={<MailArrowForward20Regular />} onClick={() => onAction('release', item)} data-testid="action-release">
                              {q.releaseAll}
                            </MenuItem>
                          ) : null}
                          {item.releaseStatus === 'requested' ? (
                            <>
                              <MenuItem icon={<CheckmarkCircle20Regular />} onClick={() => onAction('approve', item)} data-testid="action-approve">
                                {q.approve}
                              </MenuItem>
                              <MenuItem icon={<DismissCircle20Regular />} onClick={() => onAction('deny', item)} data-testid="action-deny">
                                {q.deny}
                              </MenuItem>
                            </>
                          ) : null}
                          <MenuItem icon={<Delete20Regular />} onClick={() => onAction('delete', item)} data-testid="action-delete">
                            {q.delete}
                          </MenuItem>
                        </>
                      ) : null}
                    </MenuList>
                  </MenuPopover>
                </Menu>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
