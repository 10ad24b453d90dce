import { Body1, Divider, Spinner, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { Fragment, Suspense, lazy, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ReportCategory } from '../report/categories';
import { EarlierReports } from './components/EarlierReports';
import { MessageSummary } from './components/MessageSummary';
import { OutboxNotice } from './components/OutboxNotice';
import { ReportForm } from './components/ReportForm';
import { StatusRegion } from './components/StatusRegion';
import { usePane } from './context';
import { useEarlierReports } from './hooks/useEarlierReports';
import { useOutbox } from './hooks/useOutbox';
import { useSelectedMessage } from './hooks/useSelectedMessage';
import { loadSenderListsSection } from './lazy-sections';
import { DEFAULT_MORE_INFO_URL } from './pane-services';
import { IDLE, statusReducer } from './status';

// Its own chunk, fetched once the report buttons are on screen (see lazy-sections.ts).
const SenderListsSection = lazy(() =>
  loadSenderListsSection().then((module) => ({ default: module.SenderListsSection })),
);

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
  },
});

export function App() {
  const styles = useStyles();
  const services = usePane();
  const { strings } = services;
  const selection = useSelectedMessage(services);
  const { message } = selection;
  const selectionKey = useRef(selection.key);
  const [status, dispatch] = useReducer(statusReducer, IDLE);
  const [moreInfoUrl, setMoreInfoUrl] = useState(DEFAULT_MORE_INFO_URL);
  const earlier = useEarlierReports(services, message?.internetMessageId ?? null, strings);
  const { reload } = earlier;
  const outbox = useOutbox(services, reload);

  // Another message was selected (a pinned pane): the last report's line was about the one before.
  useEffect(() => {
    if (selectionKey.current === selection.key) return;
    selectionKey.current = selection.key;
    dispatch({ type: 'reset' });
  }, [selection.key]);

  // A queued report's line turns into the confirmation once the outbox delivers it.
  useEffect(() => {
    dispatch({ type: 'outbox', entries: outbox.entries, strings });
  }, [outbox.entries, strings]);

  useEffect(() => {
    let current = true;
    void services.moreInfoUrl().then((url) => current && setMoreInfoUrl(url));
    return () => {
      current = false;
    };
  }, [services]);

  const report = useCallback(
    async (category: ReportCategory, comment: string): Promise<boolean> => {
      const reportedOn = selectionKey.current;
      dispatch({ type: 'sending' });
      try {
        const result = await services.report(category, comment);
        // Said only about the message still selected; the outbox shows a refusal either way.
        if (selectionKey.current === reportedOn) dispatch({ type: 'finished', result, strings });
        reload();
        return result.kind === 'done' && (result.outcome.kind === 'sent' || result.outcome.kind === 'queued');
      } catch {
        if (selectionKey.current === reportedOn) dispatch({ type: 'crashed', strings });
        return false;
      }
    },
    [services, strings, reload],
  );

  return (
    <main className={styles.root}>
      <Title3 as="h1">{strings.productName}</Title3>
      {message === null ? (
        <Text data-testid="no-message">{strings.pane.noMessage}</Text>
      ) : (
        // Keyed by the selection: a half-written comment belongs to the message it was written for.
        <Fragment key={selection.key}>
          <MessageSummary message={message} strings={strings} />
          <Divider />
          <Body1>{strings.pane.reportHelp}</Body1>
          <ReportForm
            strings={strings}
            busy={status.state === 'sending'}
            moreInfoUrl={moreInfoUrl}
            onReport={report}
          />
        </Fragment>
      )}
      <StatusRegion status={status} strings={strings} />
      <OutboxNotice entries={outbox.entries} strings={strings} onDismiss={outbox.dismiss} />
      {message !== null && (
        <EarlierReports state={earlier.state} strings={strings} locale={services.locale} />
      )}
      <Divider />
      <Suspense fallback={<Spinner size="tiny" label={strings.lists.loading} />}>
        <SenderListsSection message={message} />
      </Suspense>
    </main>
  );
}
