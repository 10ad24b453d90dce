import {
  Badge, Button, Caption1, MessageBar, MessageBarBody, Spinner, Subtitle2, Text, Title3, makeStyles, tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { MyQuarantineItem, ReleaseStatus, UserActionPath } from '../../../contracts/quarantine';
import type { Catalog } from '../../../i18n';
import {
  actionDoneText, buttonLabel, buttonsFor, failureReason, type QuarantineButton, type QuarantineService,
} from '../../quarantine/quarantine';
import type { MessagePreview } from '../../../contracts/preview';
import { PreviewFrame } from '../../../web/preview/PreviewFrame';
import { formatDateTime } from '../format';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, padding: tokens.spacingHorizontalL },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  item: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalS, margin: 0 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  headers: { whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, maxHeight: '16rem', overflowY: 'auto' },
});

const STATUS_COLOR: Readonly<Record<ReleaseStatus, 'informative' | 'warning' | 'success' | 'danger'>> = {
  notReleased: 'informative',
  requested: 'warning',
  released: 'success',
  denied: 'danger',
};

type ListState =
  | { kind: 'loading' }
  | { kind: 'error'; text: string }
  | { kind: 'ready'; items: MyQuarantineItem[]; nextCursor: string | null };

type Status = { state: 'idle' } | { state: 'working' } | { state: 'done' | 'error'; text: string };

/** The date an item's release status changed, when the server recorded it. */
function statusDate(item: MyQuarantineItem): string | null {
  if (item.releaseStatus === 'released') return item.releasedDateTime;
  if (item.releaseStatus === 'denied') return item.releaseDecidedDateTime;
  if (item.releaseStatus === 'requested') return item.releaseRequestedDateTime;
  return null;
}

/**
 * "My quarantine": the user's own quarantined messages, each with the facts the digest gives
 * (sender, subject, received, reason, expiry, release status) and exactly the actions its
 * policy allows. What an action did, or why it was refused, is said in one live region
 * (data-testid="quarantine-status").
 */
export function QuarantineView(props: { quarantine: QuarantineService; strings: Catalog; locale: string }) {
  const { quarantine, strings, locale } = props;
  const texts = strings.quarantine;
  const styles = useStyles();
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [headers, setHeaders] = useState<Readonly<Record<string, string | null>>>({});
  const [previews, setPreviews] = useState<Readonly<Record<string, MessagePreview>>>({});

  useEffect(() => {
    let current = true;
    quarantine.list().then(
      (page) => current && setList({ kind: 'ready', items: page.items, nextCursor: page.nextCursor }),
      (error: unknown) => current && setList({ kind: 'error', text: texts.loadFailed(failureReason(error, strings)) }),
    );
    return () => {
      current = false;
    };
  }, [quarantine, strings, texts]);

  const more = useCallback(async () => {
    if (list.kind !== 'ready' || list.nextCursor === null) return;
    try {
      const page = await quarantine.list(list.nextCursor);
      setList({ kind: 'ready', items: [...list.items, ...page.items], nextCursor: page.nextCursor });
    } catch (error) {
      setStatus({ state: 'error', text: texts.loadFailed(failureReason(error, strings)) });
    }
  }, [list, quarantine, strings, texts]);

  const replace = (id: string, item: MyQuarantineItem | null) =>
    setList((state) =>
      state.kind !== 'ready'
        ? state
        : { ...state, items: item === null ? state.items.filter((i) => i.id !== id) : state.items.map((i) => (i.id === id ? item : i)) },
    );

  const act = async (item: MyQuarantineItem, action: UserActionPath) => {
    setStatus({ state: 'working' });
    try {
      const result = await quarantine.act(item.id, action);
      replace(item.id, result.item);
      setStatus({ state: 'done', text: actionDoneText(action, item, result, strings) });
    } catch (error) {
      setStatus({ state: 'error', text: texts.failed(failureReason(error, strings)) });
    }
  };

  const toggleHeaders = async (item: MyQuarantineItem) => {
    if (item.id in headers) {
      setHeaders(({ [item.id]: _shown, ...rest }) => rest);
      return;
    }
    try {
      const detail = await quarantine.detail(item.id);
      setHeaders((shown) => ({ ...shown, [item.id]: detail.headers }));
    } catch (error) {
      setStatus({ state: 'error', text: texts.failed(failureReason(error, strings)) });
    }
  };

  /** Shows the message's body in the sandboxed frame (read on the server, sanitised here), or hides it. */
  const togglePreview = async (item: MyQuarantineItem) => {
    if (item.id in previews) {
      setPreviews(({ [item.id]: _shown, ...rest }) => rest);
      return;
    }
    try {
      const preview = await quarantine.preview(item.id);
      setPreviews((shown) => ({ ...shown, [item.id]: preview }));
    } catch (error) {
      setStatus({ state: 'error', text: texts.failed(failureReason(error, strings)) });
    }
  };

  const press = (item: MyQuarantineItem, button: QuarantineButton) =>
    void (button === 'view-headers' ? toggleHeaders(item) : button === 'preview' ? togglePreview(item) : act(item, button));

  const label = (item: MyQuarantineItem, button: QuarantineButton) => {
    if (button === 'view-headers' && item.id in headers) return texts.actions.hideHeaders;
    if (button === 'preview' && item.id in previews) return texts.actions.hidePreview;
    return buttonLabel(button, strings);
  };

  return (
    <main className={styles.root} data-testid="quarantine-view" data-state={list.kind}>
      <Title3 as="h1">{texts.heading}</Title3>
      <Text>{texts.help}</Text>
      <div data-testid="quarantine-status" data-state={status.state} role="status" aria-live="polite">
        {status.state === 'working' && <Spinner size="tiny" label={texts.working} />}
        {(status.state === 'done' || status.state === 'error') && (
          <MessageBar intent={status.state === 'done' ? 'success' : 'error'}>
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {list.kind === 'loading' && <Spinner size="tiny" label={texts.loading} />}
      {list.kind === 'error' && <Text>{list.text}</Text>}
      {list.kind === 'ready' && list.items.length === 0 && <Text data-testid="quarantine-empty">{texts.empty}</Text>}
      {list.kind === 'ready' && list.items.length > 0 && (
        <ul className={styles.list} aria-label={texts.heading}>
          {list.items.map((item) => {
            const changed = statusDate(item);
            return (
              <li key={item.id} className={styles.item} data-testid="quarantine-item" data-id={item.id} aria-label={item.subject}>
                <Subtitle2 as="h2">{item.subject === '' ? strings.pane.noSubject : item.subject}</Subtitle2>
                <dl className={styles.facts}>
                  <dt>{texts.from}</dt>
                  <dd>{item.senderName === null || item.senderName === '' ? item.sender : `${item.senderName} <${item.sender}>`}</dd>
                  <dt>{texts.received}</dt>
                  <dd>{formatDateTime(item.receivedDateTime, locale)}</dd>
                  <dt>{texts.reason}</dt>
                  <dd>{texts.reasons[item.reason]}</dd>
                  <dt>{texts.expires}</dt>
                  <dd>{formatDateTime(item.expiresDateTime, locale)}</dd>
                  <dt>{texts.releaseStatus}</dt>
                  <dd>
                    <Badge appearance="tint" color={STATUS_COLOR[item.releaseStatus]} data-testid="release-status" data-status={item.releaseStatus}>
                      {texts.statuses[item.releaseStatus]}
                    </Badge>
                    {changed !== null && <Caption1> {formatDateTime(changed, locale)}</Caption1>}
                  </dd>
                </dl>
                <div className={styles.buttons}>
                  {buttonsFor(item).map((button) => (
                    <Button
                      key={button}
                      size="small"
                      data-action={button}
                      disabled={status.state === 'working'}
                      aria-expanded={button === 'preview' ? item.id in previews : button === 'view-headers' ? item.id in headers : undefined}
                      onClick={() => press(item, button)}
                    >
                      {label(item, button)}
                    </Button>
                  ))}
                </div>
                {previews[item.id] !== undefined && (
                  <div data-testid="quarantine-preview">
                    <PreviewFrame preview={previews[item.id]!} strings={texts.preview} height={360} />
                  </div>
                )}
                {item.id in headers && (
                  <pre className={styles.headers} aria-label={texts.headersLabel} data-testid="quarantine-headers">
                    {headers[item.id] ?? texts.noHeaders}
                  </pre>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {list.kind === 'ready' && list.nextCursor !== null && (
        <Button appearance="subtle" onClick={() => void more()}>
          {texts.more}
        </Button>
      )}
    </main>
  );
}
