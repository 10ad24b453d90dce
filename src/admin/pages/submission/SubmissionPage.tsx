/**
 * One report: its facts, the verdict (submit for analysis), a safe preview of the body, every
 * header, and every action taken on it; and the actions: analyse, create an allow entry
 * (with then-versus-now and the spoofing warning), mark as and notify, download the .eml.
 */
import { Button, Caption1, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowLeft20Regular, Beaker20Regular, MailCheckmark20Regular, ShieldCheckmark20Regular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import type { AuditPage } from '../../../contracts/portal';
import type { Submission, SubmissionDetail } from '../../../contracts/submissions';
import type { Verdict } from '../../../contracts/verdict';
import type { PageProps } from '../../app/pages';
import { usePortal } from '../../app/context';
import { formatDateTime } from '../../app/format';
import { describeError } from '../../api/errors';
import { AuditTable } from '../../components/AuditTable';
import { CategoryBadge, ReviewBadge } from '../../components/badges';
import { EmptyState, ErrorBar, Loading, PageHeader, Section, Toolbar } from '../../components/layout';
import { MarkDialog } from '../../components/MarkDialog';
import { useAsync } from '../../hooks/useAsync';
import { SafePreview } from '../../preview/SafePreview';
import { RouteLink } from '../../routing/router';
import { AllowEntryDialog } from './AllowEntryDialog';
import { FactsCard } from './FactsCard';
import { HeadersTable } from './HeadersTable';
import { isVerdict, localizeVerdict } from './verdict-text';
import { VerdictView } from './VerdictView';

const useStyles = makeStyles({
  back: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, marginBottom: tokens.spacingVerticalS },
  badges: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'minmax(280px, 1fr) minmax(0, 2.4fr)',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  meta: { color: tokens.colorNeutralForeground3 },
});

interface Loaded {
  submission: SubmissionDetail;
  analysis: Submission | null;
}

type TabName = 'verdict' | 'preview' | 'headers' | 'history';

export function SubmissionPage({ route }: PageProps) {
  const styles = useStyles();
  const { api, t, locale, can, notify } = usePortal();
  const id = route.name === 'submission' ? route.id : '';
  // Unset: the verdict when there is one, else the preview (what the admin looks at first).
  const [tab, setTab] = useState<TabName | null>(null);
  const [analyzing, setAnalyzing] = useState(false);
  const [allowOpen, setAllowOpen] = useState(false);
  const [markOpen, setMarkOpen] = useState(false);
  const [marking, setMarking] = useState(false);

  const loaded = useAsync<Loaded>(async () => {
    const submission = await api.submission(id);
    let analysis: Submission | null = submission.source === 'administrator' && isVerdict(submission.result) ? submission : null;
    if (!analysis && submission.internetMessageId) {
      const analyses = await api.listSubmissions({ source: 'administrator', internetMessageId: submission.internetMessageId, limit: 50 }).catch(() => null);
      analysis = analyses?.items.find((a) => a.originalSubmissionId === id && isVerdict(a.result)) ?? null;
    }
    return { submission, analysis };
  }, [id]);
  const history = useAsync<AuditPage>(() => api.audit({ q: id, limit: 100 }), [id]);
  const body = useAsync(async () => {
    if (!loaded.data?.submission.hasMessage) return null;
    return api.submissionPreview(id);
  }, [id, loaded.data?.submission.hasMessage]);

  const analyze = useCallback(async () => {
    setAnalyzing(true);
    try {
      const analysis = await api.analyze(id, locale);
      loaded.set((current) => current && { ...current, analysis });
      setTab('verdict');
      history.reload();
    } catch (error) {
      notify('error', describeError(t, error));
    } finally {
      setAnalyzing(false);
    }
  }, [api, id, locale, loaded, history, notify, t]);

  const download = useCallback(async () => {
    try {
      const bytes = await api.message(id);
      const url = URL.createObjectURL(new Blob([bytes], { type: 'message/rfc822' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `submission-${id}.eml`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      notify('error', describeError(t, error));
    }
  }, [api, id, notify, t]);

  if (loaded.error) return <ErrorBar error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  const { submission, analysis } = loaded.data;
  const verdict: Verdict | null = analysis && isVerdict(analysis.result) ? localizeVerdict(analysis.result, locale) : null;
  const isUserReport = submission.source === 'user';
  const shownTab: TabName = tab ?? (verdict ? 'verdict' : 'preview');

  return (
    <>
      <RouteLink to={{ name: 'submissions' }} className={styles.back}>
        <ArrowLeft20Regular aria-hidden /> {t.detail.back}
      </RouteLink>
      <PageHeader
        title={submission.subject || t.submissions.noSubject}
        subtitle={
          <span className={styles.badges}>
            <CategoryBadge category={submission.category} />
            <ReviewBadge state={submission.review?.result ?? 'unreviewed'} />
          </span>
        }
      />
      <Toolbar label={t.detail.actions}>
        {can.change ? (
          <Button appearance="primary" icon={<Beaker20Regular />} disabled={analyzing} onClick={() => void analyze()} data-testid="analyze">
            {analyzing ? t.detail.analyzing : verdict ? t.detail.reanalyze : t.detail.analyze}
          </Button>
        ) : null}
        {can.change ? (
          <Button icon={<ShieldCheckmark20Regular />} onClick={() => setAllowOpen(true)} data-testid="create-allow">
            {t.detail.createAllow}
          </Button>
        ) : null}
        {can.change && isUserReport ? (
          <Button icon={<MailCheckmark20Regular />} onClick={() => setMarkOpen(true)} data-testid="mark">
            {t.detail.markAndNotify}
          </Button>
        ) : null}
        {submission.hasMessage ? (
          <Button appearance="subtle" icon={<ArrowDownload20Regular />} onClick={() => void download()} data-testid="download-eml">
            {t.detail.downloadEml}
          </Button>
        ) : null}
      </Toolbar>
      <div className={styles.grid}>
        <FactsCard submission={submission} />
        <Section testId="detail-tabs">
          <TabList selectedValue={shownTab} onTabSelect={(_e, data) => setTab(data.value as TabName)}>
            <Tab value="verdict" data-testid="verdict-tab">
              {t.detail.tabs.verdict}
            </Tab>
            <Tab value="preview" data-testid="preview-tab">
              {t.detail.tabs.preview}
            </Tab>
            <Tab value="headers" data-testid="headers-tab">
              {t.detail.tabs.headers} ({submission.headers.length})
            </Tab>
            <Tab value="history" data-testid="history-tab">
              {t.detail.tabs.history}
            </Tab>
          </TabList>
          <div role="tabpanel" aria-label={t.detail.tabs[shownTab]} className={styles.panel}>
            {shownTab === 'verdict' ? (
              verdict && analysis ? (
                <>
                  <Caption1 className={styles.meta}>{t.verdict.analyzed(formatDateTime(locale, analysis.createdDateTime), analysis.createdBy.email)}</Caption1>
                  <VerdictView verdict={verdict} />
                </>
              ) : (
                <EmptyState
                  icon={<Beaker20Regular />}
                  text={t.detail.noVerdict}
                  action={
                    can.change ? (
                      <Button appearance="primary" disabled={analyzing} onClick={() => void analyze()}>
                        {analyzing ? t.detail.analyzing : t.detail.analyze}
                      </Button>
                    ) : undefined
                  }
                />
              )
            ) : null}
            {shownTab === 'preview' ? (
              !submission.hasMessage ? (
                <EmptyState text={t.preview.unavailable} />
              ) : body.error ? (
                <ErrorBar error={body.error} onRetry={body.reload} />
              ) : body.data ? (
                <SafePreview preview={body.data} />
              ) : (
                <Loading />
              )
            ) : null}
            {shownTab === 'headers' ? <HeadersTable headers={submission.headers} /> : null}
            {shownTab === 'history' ? (
              history.error ? (
                <ErrorBar error={history.error} onRetry={history.reload} />
              ) : !history.data ? (
                <Loading />
              ) : history.data.items.length === 0 ? (
                <EmptyState text={t.detail.historyEmpty} />
              ) : (
                <AuditTable items={history.data.items} showTarget={false} />
              )
            ) : null}
          </div>
        </Section>
      </div>
      <AllowEntryDialog
        open={allowOpen}
        submission={submission}
        verdict={verdict}
        onClose={() => setAllowOpen(false)}
        onCreated={() => {
          setAllowOpen(false);
          history.reload();
        }}
      />
      <MarkDialog
        open={markOpen}
        title={t.mark.title}
        busy={marking}
        onCancel={() => setMarkOpen(false)}
        onSubmit={(request) => {
          setMarking(true);
          api
            .mark(submission.id, request)
            .then((response) => {
              const review = response.items[0]?.review ?? null;
              loaded.set((current) => current && { ...current, submission: { ...current.submission, review } });
              const result = t.reviewResults[request.result];
              notify('success', request.notify === false ? t.submissions.markedQuiet(1, result) : t.submissions.marked(1, result));
              setMarkOpen(false);
              history.reload();
            })
            .catch((error: unknown) => notify('error', describeError(t, error)))
            .finally(() => setMarking(false));
        }}
      />
    </>
  );
}
