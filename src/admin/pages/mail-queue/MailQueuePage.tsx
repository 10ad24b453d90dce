/**
 * The outgoing mail queue: how many notices wait, went or failed (each count filters), each
 * mail's attempts and last error, and "Send again" for a failed or unconfirmed one.
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
  makeStyles,
  mergeClasses,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular, MailArrowUp20Regular, Send20Regular } from '@fluentui/react-icons';
import type { ListMailQuery, MailQueuePage as MailQueueData, MailState } from '../../../contracts/portal';
import { usePortal } from '../../app/context';
import { formatDateTime, formatNumber, formatShort } from '../../app/format';
import { describeError } from '../../api/errors';
import { EmptyState, ErrorBar, Loading, PageHeader } from '../../components/layout';
import { Pager, useCursorStack } from '../../components/Pager';
import { useAsync } from '../../hooks/useAsync';
import { useQueryState } from '../../routing/router';

const STATES: readonly MailState[] = ['queued', 'sending', 'sent', 'failed', 'unconfirmed'];
const STATE_COLOR: Record<MailState, NonNullable<BadgeProps['color']>> = { queued: 'informative', sending: 'brand', sent: 'success', failed: 'danger', unconfirmed: 'warning' };

const useStyles = makeStyles({
  counts: { display: 'grid', gridTemplateColumns: 'repeat(5, minmax(0, 1fr))', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalL },
  count: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    cursor: 'pointer',
    textAlign: 'start',
    fontFamily: tokens.fontFamilyBase,
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  countOn: { border: `1px solid ${tokens.colorBrandStroke1}`, boxShadow: `inset 0 -3px 0 ${tokens.colorBrandStroke1}` },
  number: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  help: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  frame: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, overflow: 'hidden', backgroundColor: tokens.colorNeutralBackground1 },
  table: { tableLayout: 'fixed', width: '100%' },
  toCol: { width: '22%' },
  stateCol: { width: '120px' },
  numCol: { width: '80px' },
  dateCol: { width: '130px' },
  actionCol: { width: '128px' },
  twoLines: { display: 'flex', flexDirection: 'column', minWidth: 0, paddingTop: tokens.spacingVerticalS, paddingBottom: tokens.spacingVerticalS },
  ellipsis: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  second: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  error: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100, color: tokens.colorPaletteRedForeground1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

export function MailQueuePage() {
  const styles = useStyles();
  const { api, t, locale, can, notify } = usePortal();
  const [params, set] = useQueryState();
  const state = STATES.find((s) => s === params.get('state'));
  const cursor = params.get('cursor') ?? undefined;
  const query: ListMailQuery = { limit: 50, ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) };
  const cursors = useCursorStack(cursor, state ?? '');
  const page = useAsync<MailQueueData>(() => api.mailQueue(query), [JSON.stringify(query)]);

  const resend = async (id: string) => {
    try {
      await api.resendMail(id);
      notify('success', t.mailQueue.resent);
      page.reload();
    } catch (error) {
      notify('error', describeError(t, error));
    }
  };

  return (
    <>
      <PageHeader
        title={t.mailQueue.title}
        subtitle={t.mailQueue.subtitle}
        actions={<Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={page.reload} aria-label={t.common.refresh} />}
      />
      {page.error ? <ErrorBar error={page.error} onRetry={page.reload} unavailable={t.mailQueue.unavailable} /> : null}
      {!page.data && !page.error ? <Loading /> : null}
      {page.data ? (
        <>
          <div className={styles.counts} role="group" aria-label={t.common.filters}>
            {STATES.map((s) => (
              <button
                key={s}
                type="button"
                className={mergeClasses(styles.count, state === s && styles.countOn)}
                aria-pressed={state === s}
                onClick={() => set({ state: state === s ? null : s, cursor: null })}
                data-testid={`mail-count-${s}`}
              >
                <Text weight="semibold">{t.mailQueue.states[s]}</Text>
                <span className={styles.number}>{formatNumber(locale, page.data?.counts[s] ?? 0)}</span>
                <span className={styles.help}>{t.mailQueue.stateHelp[s]}</span>
              </button>
            ))}
          </div>
          <div className={styles.frame}>
            {page.data.items.length === 0 ? (
              <EmptyState icon={<MailArrowUp20Regular />} text={t.mailQueue.empty} />
            ) : (
              <Table className={styles.table} aria-label={t.mailQueue.title} data-testid="mail-table">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell className={styles.toCol}>{t.mailQueue.columns.to}</TableHeaderCell>
                    <TableHeaderCell>{t.mailQueue.columns.subject}</TableHeaderCell>
                    <TableHeaderCell className={styles.stateCol}>{t.mailQueue.columns.state}</TableHeaderCell>
                    <TableHeaderCell className={styles.numCol}>{t.mailQueue.columns.attempts}</TableHeaderCell>
                    <TableHeaderCell className={styles.dateCol}>{t.mailQueue.columns.created}</TableHeaderCell>
                    {can.change ? <TableHeaderCell className={styles.actionCol}>{t.submissions.columns.actions}</TableHeaderCell> : null}
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {page.data.items.map((mail) => (
                    <TableRow key={mail.id} data-testid="mail-row" data-state={mail.state}>
                      <TableCell>
                        <span className={styles.ellipsis} title={mail.to}>
                          {mail.to}
                        </span>
                      </TableCell>
                      <TableCell>
                        <div className={styles.twoLines}>
                          <span className={styles.ellipsis} title={mail.subject}>
                            {mail.subject}
                          </span>
                          {mail.lastError ? (
                            <span className={styles.error} title={mail.lastError}>
                              {mail.lastError}
                            </span>
                          ) : (
                            <span className={styles.second}>{t.mailQueue.kinds[mail.kind]}</span>
                          )}
                        </div>
                      </TableCell>
                      <TableCell>
                        <Badge appearance="tint" color={STATE_COLOR[mail.state]} shape="rounded">
                          {t.mailQueue.states[mail.state]}
                        </Badge>
                      </TableCell>
                      <TableCell>{formatNumber(locale, mail.attempts)}</TableCell>
                      <TableCell>
                        <Caption1 title={formatDateTime(locale, mail.createdDateTime)}>{formatShort(locale, mail.sentDateTime ?? mail.createdDateTime)}</Caption1>
                      </TableCell>
                      {can.change ? (
                        <TableCell>
                          {mail.state === 'failed' || mail.state === 'unconfirmed' ? (
                            <Button size="small" icon={<Send20Regular />} onClick={() => void resend(mail.id)}>
                              {t.mailQueue.resend}
                            </Button>
                          ) : null}
                        </TableCell>
                      ) : null}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </div>
        </>
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
