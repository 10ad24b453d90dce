import { Body1, Divider, Spinner, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { ReportCategory } from '../report/categories';
import { EarlierReports } from './components/EarlierReports';
import { MessageSummary } from './components/MessageSummary';
import { OutboxNotice } from './components/OutboxNotice';
import { ReportForm } from './components/ReportForm';
import { StatusRegion } from './components/StatusRegion';
import { usePane } from './context';
import { useEarlierReports } from './hooks/useEarlierReports';
import { useOutbox } from './hooks/useOutbox';
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
  const message = useMemo(() => services.message(), [services]);
  const [status, dispatch] = useReducer(statusReducer, IDLE);
  const [moreInfoUrl, setMoreInfoUrl] = useState(DEFAULT_MORE_INFO_URL);
  const earlier = useEarlierReports(services, message?.internetMessageId ?? null);
  const { reload } = earlier;
  const outbox = useOutbox(services, reload);

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
      dispatch({ type: 'sending' });
      try {
        const result = await services.report(category, comment);
        dispatch({ type: 'finished', result, strings });
        reload();
        return result.kind === 'done' && (result.outcome.kind === 'sent' || result.outcome.kind === 'queued');
      } catch {
        dispatch({ type: 'crashed', strings });
        return false;
      }
    },
    [services, strings, reload],
  );

  return (
    <main className={styles.root}>
      <Title3 as="h1">{strings.productName}</Title3>
      {message === null ? (
        <Text>{strings.pane.noMessage}</Text>
      ) : (
        <>
          <MessageSummary message={message} strings={strings} />
          <Divider />
          <Body1>{strings.pane.reportHelp}</Body1>
          <ReportForm
            strings={strings}
            busy={status.state === 'sending'}
            moreInfoUrl={moreInfoUrl}
            onReport={report}
          />
        </>
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
