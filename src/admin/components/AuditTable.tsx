/** Audit records as a table: when, what, who, on which target, and the details. */
import { Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { AuditRecord } from '../../contracts/portal';
import { usePortal } from '../app/context';
import { formatDateTime } from '../app/format';

const useStyles = makeStyles({
  table: { tableLayout: 'fixed', width: '100%', backgroundColor: tokens.colorNeutralBackground1 },
  when: { width: '160px' },
  action: { width: '200px' },
  actor: { width: '200px' },
  target: { width: '180px' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3, display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  detail: { color: tokens.colorNeutralForeground2, display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' },
  targetType: { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis' },
});

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);

/**
 * A record's details in a few words for the table: the entry's value, the result, the message,
 * or the method; the whole record is in the tooltip and in the CSV export.
 */
export function detailSummary(detail: Record<string, unknown>): string {
  const entry = detail['entry'] ?? field(detail['after'], 'entry');
  const parts = [
    text(field(entry, 'displayValue')) ?? text(field(entry, 'value')),
    text(field(entry, 'action')),
    text(field(detail['after'], 'result')) ?? text(detail['result']),
    text(field(detail['after'], 'message')) ?? text(detail['message']),
    text(detail['method']),
    text(detail['value']),
  ].filter((p): p is string => p !== undefined);
  if (parts.length > 0) return parts.join(' · ');
  return JSON.stringify(detail);
}

/** The action in words: by its own name (`submission.marked`), or by target and verb (`allowBlockEntry.create`). */
export function actionLabel(actions: Readonly<Record<string, string | undefined>>, record: Pick<AuditRecord, 'action' | 'targetType'>): string {
  return actions[record.action] ?? actions[`${record.targetType}.${record.action}`] ?? record.action;
}

export function AuditTable({ items, showTarget = true }: { items: readonly AuditRecord[]; showTarget?: boolean }) {
  const styles = useStyles();
  const { t, locale } = usePortal();
  return (
    <Table className={styles.table} size="small" aria-label={t.audit.title} data-testid="audit-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.when}>{t.common.dateTime}</TableHeaderCell>
          <TableHeaderCell className={styles.action}>{t.audit.action}</TableHeaderCell>
          <TableHeaderCell className={styles.actor}>{t.audit.actor}</TableHeaderCell>
          {showTarget ? <TableHeaderCell className={styles.target}>{t.audit.target}</TableHeaderCell> : null}
          <TableHeaderCell>{t.audit.detail}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((record) => (
          <TableRow key={record.id} data-testid="audit-row" data-action={record.action}>
            <TableCell>
              <Caption1>{formatDateTime(locale, record.at)}</Caption1>
            </TableCell>
            <TableCell>
              <Text weight="semibold">{actionLabel(t.audit.actions, record)}</Text>
            </TableCell>
            <TableCell className={styles.cell}>
              <Text title={record.actor}>{record.actor}</Text>
            </TableCell>
            {showTarget ? (
              <TableCell className={styles.cell}>
                <span className={styles.targetType} title={`${record.targetType} ${record.targetId}`}>
                  {(t.audit.targetTypes as Readonly<Record<string, string | undefined>>)[record.targetType] ?? record.targetType}
                </span>
                <span className={styles.mono}>{record.targetId.length > 24 ? `${record.targetId.slice(0, 8)}…` : record.targetId}</span>
              </TableCell>
            ) : null}
            <TableCell>
              <span className={styles.detail} title={JSON.stringify(record.detail, null, 1)}>
                {detailSummary(record.detail)}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
