/**
 * One quarantined row: its facts, a safe preview of the body, every header decoded, the
 * message's recipients with their release state; and, for quarantine administrators, release
 * (to all or chosen recipients), release + submit + allow, release similar…, approve or deny
 * a request, delete. The .eml download is there for readers too.
 */
import { Body1, Button, Caption1, Tab, TabList, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  ArrowLeft20Regular,
  CheckmarkCircle20Regular,
  Delete20Regular,
  DismissCircle20Regular,
  MailArrowForward20Regular,
  ShieldCheckmark20Regular,
  Stack20Regular,
} from '@fluentui/react-icons';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { QuarantineDetail, ReleaseDelivery } from '../../../contracts/quarantine';
import type { PageProps } from '../../app/pages';
import { usePortal } from '../../app/context';
import { formatDateTime } from '../../app/format';
import { ErrorBar, Loading, PageHeader, Section, Toolbar } from '../../components/layout';
import { useAsync } from '../../hooks/useAsync';
import { headerFields } from '../../preview/headers';
import { SafePreview } from '../../preview/SafePreview';
import { RouteLink, navigate } from '../../routing/router';
import { hrefOf } from '../../routing/routes';
import { HeadersTable } from '../submission/HeadersTable';
import { ReasonBadge, ReleaseBadge } from './badges';
import { BulkReleaseDialog } from './BulkReleaseDialog';
import { ConfirmDialog } from './ConfirmDialog';
import type { RecipientRow } from './filters';
import { ReleaseDialog } from './ReleaseDialog';
import { ReleaseSubmitAllowDialog } from './ReleaseSubmitAllowDialog';
import { useQuarantineActions, type ActionOutcome } from './useQuarantineActions';

const useStyles = makeStyles({
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalS },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  grid: { display: 'grid', gridTemplateColumns: 'minmax(320px, 1fr) minmax(0, 2.2fr)', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  side: { display: 'flex', flexDirection: 'column', gap: tokens.spacingHorizontalL, minWidth: 0 },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { display: 'grid', gridTemplateColumns: 'minmax(96px, max-content) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, paddingTop: '2px' },
  value: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  block: { display: 'block' },
  note: { display: 'block', marginTop: '4px', color: tokens.colorNeutralForeground3 },
  recipients: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  recipient: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, minWidth: 0 },
  recipientName: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  recipientItem: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  delivery: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  // A release the relay refused (or may not have taken) reads as a problem at a glance: the
  // row itself still says Released, since the decision stands and a resend needs no new one.
  deliveryStuck: { color: tokens.colorPaletteRedForeground1 },
  help: { color: tokens.colorNeutralForeground3 },
});

type TabName = 'preview' | 'headers';
type DialogName = 'release' | 'rsa' | 'bulk' | null;

function Facts({ item }: { item: QuarantineDetail }) {
  const styles = useStyles();
  const { t, locale } = usePortal();
  const f = t.quarantineItem;
  const when = (iso: string | null) => formatDateTime(locale, iso);
  const statusNotes: string[] = [];
  if (item.releaseRequestedDateTime) statusNotes.push(f.requested(when(item.releaseRequestedDateTime)));
  if (item.releaseDecidedDateTime) statusNotes.push(f.decided(item.releaseDecidedBy ?? t.common.unknown, when(item.releaseDecidedDateTime)));
  if (item.releasedDateTime) statusNotes.push(f.releasedAt(when(item.releasedDateTime)));
  const rows: Array<[string, ReactNode]> = [
    [
      f.sender,
      <span key="from">
        {item.senderName ? <Body1 className={styles.block}>{item.senderName}</Body1> : null}
        <Body1 className={styles.block}>{item.sender}</Body1>
      </span>,
    ],
    [f.envelopeSender, item.envelopeSender || t.common.none],
    [f.recipient, item.recipient],
    [f.received, when(item.receivedDateTime)],
    [f.expires, when(item.expiresDateTime)],
    [
      f.reason,
      <span key="r">
        <ReasonBadge reason={item.reason} />
        <Caption1 className={styles.note}>{f.reasonBasis[item.reasonBasis]}</Caption1>
        {item.reasonEvidence ? <Caption1 className={mergeClasses(styles.note, styles.mono)}>{item.reasonEvidence}</Caption1> : null}
      </span>,
    ],
    [f.policy, item.policy],
    [
      f.status,
      <span key="s">
        <ReleaseBadge status={item.releaseStatus} />
        {statusNotes.map((n) => (
          <Caption1 key={n} className={styles.note}>
            {n}
          </Caption1>
        ))}
      </span>,
    ],
    [f.size, f.sizeKb(Math.max(1, Math.round(item.size / 1024)))],
    [f.source, item.source],
    [f.messageId, <span key="m" className={styles.mono}>{item.internetMessageId}</span>],
  ];
  return (
    <Section title={f.facts} testId="facts">
      <dl className={styles.list}>
        {rows.map(([term, value]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{typeof value === 'string' ? <Body1>{value}</Body1> : value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

/** Where a recipient's release delivery stands in the mail queue; failed and unconfirmed ones link there. */
function Delivery({ delivery }: { delivery: ReleaseDelivery }) {
  const styles = useStyles();
  const { t, locale, can } = usePortal();
  const d = t.quarantineItem.delivery;
  const stuck = delivery.state === 'failed' || delivery.state === 'unconfirmed';
  const parts = [
    `${d.label}: ${t.mailQueue.states[delivery.state]}`,
    d.attempts(delivery.attempts),
    ...(delivery.sentDateTime ? [d.sent(formatDateTime(locale, delivery.sentDateTime))] : []),
    ...(stuck && delivery.lastError ? [`${d.lastError}: ${delivery.lastError}`] : []),
  ];
  return (
    <Caption1 className={mergeClasses(styles.delivery, stuck && styles.deliveryStuck)} data-testid="release-delivery" data-state={delivery.state}>
      {parts.join(' · ')}
      {stuck && can.read ? (
        <>
          {' · '}
          <RouteLink to={{ name: 'mailQueue' }} query={{ state: delivery.state }}>
            {d.openMailQueue}
          </RouteLink>
        </>
      ) : null}
    </Caption1>
  );
}

function Recipients({ item, rows }: { item: QuarantineDetail; rows: readonly RecipientRow[] }) {
  const styles = useStyles();
  const { t } = usePortal();
  const f = t.quarantineItem;
  return (
    <Section title={f.recipients} testId="recipients">
      <Caption1 className={styles.help}>{f.recipientsHelp}</Caption1>
      <ul className={styles.recipients}>
        {rows.map((r) => (
          <li key={r.id} className={styles.recipientItem} data-testid="recipient" data-status={r.releaseStatus}>
            <div className={styles.recipient}>
              {r.id === item.id ? (
                <Body1 className={styles.recipientName} title={r.recipient}>
                  {r.recipient} ({f.thisRow})
                </Body1>
              ) : (
                <RouteLink to={{ name: 'quarantineItem', id: r.id }} className={styles.recipientName}>
                  {r.recipient}
                </RouteLink>
              )}
              <ReleaseBadge status={r.releaseStatus} />
            </div>
            {r.releaseDelivery ? <Delivery delivery={r.releaseDelivery} /> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function QuarantineItemPage({ route }: PageProps) {
  const styles = useStyles();
  const { api, t, can } = usePortal();
  const f = t.quarantineItem;
  const id = route.name === 'quarantineItem' ? route.id : '';
  const [tab, setTab] = useState<TabName>('preview');
  const [dialog, setDialog] = useState<DialogName>(null);

  const loaded = useAsync<QuarantineDetail>(() => api.quarantineItem(id), [id]);
  const body = useAsync(() => api.quarantinePreview(id), [id]);
  const headers = useMemo(() => (loaded.data ? headerFields(loaded.data.headers) : []), [loaded.data]);
  const rows = useMemo<RecipientRow[]>(() => {
    const item = loaded.data;
    if (!item) return [];
    return [{ id: item.id, recipient: item.recipient, releaseStatus: item.releaseStatus, releaseDelivery: item.releaseDelivery }, ...item.otherRecipients.filter((r) => r.id !== item.id)];
  }, [loaded.data]);

  const onDone = useCallback(
    ({ updated }: ActionOutcome) => {
      if (updated === null) navigate(hrefOf({ name: 'quarantine' }));
      else loaded.reload();
    },
    [loaded],
  );
  const actions = useQuarantineActions(onDone);

  if (loaded.error) return <ErrorBar error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const item = loaded.data;
  const anyReleasable = rows.some((r) => r.releaseStatus !== 'released');
  const closeAndReload = () => {
    setDialog(null);
    loaded.reload();
  };

  return (
    <>
      <RouteLink to={{ name: 'quarantine' }} className={styles.back}>
        <ArrowLeft20Regular aria-hidden /> {f.back}
      </RouteLink>
      <PageHeader
        title={item.subject || t.quarantine.noSubject}
        subtitle={
          <span className={styles.badges}>
            <ReasonBadge reason={item.reason} />
            <ReleaseBadge status={item.releaseStatus} />
          </span>
        }
      />
      <Toolbar label={f.actions}>
        {can.quarantine ? (
          <>
            <Button appearance="primary" icon={<MailArrowForward20Regular />} disabled={!anyReleasable} onClick={() => setDialog('release')} data-testid="release">
              {t.quarantine.release}
            </Button>
            {/* It creates an allow entry too, which is the Security Administrator's. */}
            {can.change ? (
              <Button icon={<ShieldCheckmark20Regular />} disabled={item.releaseStatus === 'released'} onClick={() => setDialog('rsa')} data-testid="release-submit-allow">
                {f.releaseSubmitAllow}
              </Button>
            ) : null}
            <Button icon={<Stack20Regular />} onClick={() => setDialog('bulk')} data-testid="release-similar">
              {f.releaseSimilar}
            </Button>
            {item.releaseStatus === 'requested' ? (
              <>
                <Button icon={<CheckmarkCircle20Regular />} onClick={() => actions.ask('approve', item)} data-testid="approve">
                  {t.quarantine.approve}
                </Button>
                <Button icon={<DismissCircle20Regular />} onClick={() => actions.ask('deny', item)} data-testid="deny">
                  {t.quarantine.deny}
                </Button>
              </>
            ) : null}
            <Button appearance="subtle" icon={<Delete20Regular />} onClick={() => actions.ask('delete', item)} data-testid="delete">
              {t.quarantine.delete}
            </Button>
          </>
        ) : null}
        <Button appearance="subtle" icon={<ArrowDownload20Regular />} onClick={() => void actions.download(item.id)} data-testid="download-eml">
          {t.quarantine.downloadEml}
        </Button>
      </Toolbar>
      <div className={styles.grid}>
        <div className={styles.side}>
          <Facts item={item} />
          <Recipients item={item} rows={rows} />
        </div>
        <Section testId="detail-tabs">
          <TabList selectedValue={tab} onTabSelect={(_e, data) => setTab(data.value as TabName)}>
            <Tab value="preview" data-testid="preview-tab">
              {f.tabs.preview}
            </Tab>
            <Tab value="headers" data-testid="headers-tab">
              {f.tabs.headers} ({headers.length})
            </Tab>
          </TabList>
          <div role="tabpanel" aria-label={f.tabs[tab]} className={styles.panel}>
            {tab === 'preview' ? body.error ? <ErrorBar error={body.error} onRetry={body.reload} /> : body.data ? <SafePreview preview={body.data} /> : <Loading /> : null}
            {tab === 'headers' ? <HeadersTable headers={headers} /> : null}
          </div>
        </Section>
      </div>
      {can.quarantine ? (
        <>
          <ReleaseDialog open={dialog === 'release'} id={item.id} rows={rows} onClose={() => setDialog(null)} onReleased={closeAndReload} />
          <ReleaseSubmitAllowDialog open={dialog === 'rsa'} item={item} onClose={() => setDialog(null)} onDone={closeAndReload} />
          <BulkReleaseDialog open={dialog === 'bulk'} similarTo={item.id} onClose={() => setDialog(null)} onFinished={() => loaded.reload()} />
          <ConfirmDialog target={actions.target} busy={actions.busy} onCancel={actions.cancel} onConfirm={(comment) => void actions.confirm(comment)} />
        </>
      ) : null}
    </>
  );
}
