/**
 * "Release similar…": messages like this one (same sender, sender domain, subject, or content
 * fingerprint). A dry run shows the exact set and its count; risky members (failed
 * authentication, malware or high-confidence phishing, unusually many recipients) are flagged
 * and left unticked, and the admin includes them one by one. Confirming starts a background
 * job on the server; the dialog follows its progress.
 */
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { BulkReleaseJob, BulkReleasePreview, SimilarityKind } from '../../../contracts/quarantine-bulk';
import { usePortal } from '../../app/context';
import { formatDateTime, formatShort } from '../../app/format';
import { describeError, isMissingRoute } from '../../api/errors';
import { ReleaseBadge, RiskBadge } from './badges';
import { bulkChoice, canPick, initialPicks } from './filters';

const KINDS: readonly SimilarityKind[] = ['sender', 'senderDomain', 'subject', 'fingerprint'];
const POLL_MS = 1000;

const useStyles = makeStyles({
  surface: { maxWidth: '960px', width: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  help: { color: tokens.colorNeutralForeground3 },
  kinds: { display: 'flex', flexWrap: 'wrap' },
  members: { maxHeight: '360px', overflowY: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  table: { tableLayout: 'fixed', width: '100%' },
  includeCol: { width: '72px' },
  recipientCol: { width: '25%' },
  dateCol: { width: '112px' },
  risksCol: { width: '176px' },
  cellText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' },
  secondLine: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  risks: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXXS },
  risky: { backgroundColor: tokens.colorPaletteRedBackground1 },
  nowrap: { whiteSpace: 'nowrap' },
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

type PreviewState = BulkReleasePreview | 'loading' | { error: unknown };

export function BulkReleaseDialog({ open, similarTo, onClose, onFinished }: { open: boolean; similarTo: string; onClose(): void; onFinished(): void }) {
  const styles = useStyles();
  const { api, t, locale, notify } = usePortal();
  const b = t.quarantineItem.bulk;
  const [by, setBy] = useState<SimilarityKind>('sender');
  const [preview, setPreview] = useState<PreviewState>('loading');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [job, setJob] = useState<BulkReleaseJob | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => {
    if (!open) return;
    setBy('sender');
    setJob(null);
    setError(null);
  }, [open]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setPreview('loading');
    api.bulkReleasePreview({ similarTo, by }).then(
      (answer) => {
        if (!live) return;
        setPreview(answer);
        setPicked(initialPicks(answer));
      },
      (failure: unknown) => live && setPreview({ error: failure }),
    );
    return () => {
      live = false;
    };
  }, [open, api, similarTo, by]);

  // Follow the job until it ends (or the dialog closes; the job goes on without it).
  const jobId = job?.id;
  const jobRunning = job?.state === 'queued' || job?.state === 'running';
  useEffect(() => {
    if (!open || !jobId || !jobRunning) return;
    let live = true;
    const timer = setTimeout(() => {
      api.bulkReleaseJob(jobId).then(
        (next) => {
          if (!live) return;
          setJob(next);
          if (next.state === 'done' || next.state === 'failed') finished.current();
        },
        (failure: unknown) => live && setError(failure),
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, api, jobId, jobRunning, job]);

  const ready = typeof preview === 'object' && 'members' in preview ? preview : null;
  const choice = ready ? bulkChoice(ready, picked) : { include: [], exclude: [], count: 0 };

  const start = async () => {
    if (!ready) return;
    setStarting(true);
    setError(null);
    try {
      const started = await api.bulkReleaseStart({
        similarTo,
        by,
        ...(choice.include.length > 0 ? { include: choice.include } : {}),
        ...(choice.exclude.length > 0 ? { exclude: choice.exclude } : {}),
      });
      setJob(started);
      if (started.state === 'done' || started.state === 'failed') onFinished();
    } catch (failure) {
      setError(failure);
      notify('error', describeError(t, failure));
    } finally {
      setStarting(false);
    }
  };

  const toggle = (id: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <Dialog open={open} onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface} data-testid="bulk-dialog">
        <DialogBody>
          <DialogTitle>{b.title}</DialogTitle>
          <DialogContent className={styles.content}>
            {job ? (
              <div className={styles.progress} data-testid="bulk-progress" data-state={job.state}>
                <Text weight="semibold">{b.progressTitle}</Text>
                <ProgressBar
                  {...(job.total > 0 ? { value: (job.released + job.failed) / job.total } : job.state === 'done' ? { value: 1 } : {})}
                  color={job.state === 'failed' ? 'error' : job.state === 'done' ? 'success' : 'brand'}
                  thickness="large"
                  aria-label={b.progress(job.released, job.total)}
                />
                <Text>
                  {b.states[job.state]} · {b.progress(job.released, job.total)}
                  {job.failed > 0 ? ` · ${b.failedCount(job.failed)}` : ''}
                </Text>
                {jobRunning ? <Text size={200} className={styles.help}>{b.background}</Text> : null}
              </div>
            ) : (
              <>
                <Text className={styles.help}>{b.help}</Text>
                <Field label={b.byLabel} hint={b.byHelp[by]}>
                  <RadioGroup className={styles.kinds} layout="horizontal" value={by} onChange={(_e, data) => setBy(data.value as SimilarityKind)} data-testid="bulk-by">
                    {KINDS.map((k) => (
                      <Radio key={k} value={k} label={b.by[k]} />
                    ))}
                  </RadioGroup>
                </Field>
                {preview === 'loading' ? (
                  <Spinner size="tiny" label={b.loading} />
                ) : 'error' in preview ? (
                  <MessageBar intent={isMissingRoute(preview.error) ? 'info' : 'error'} data-testid="bulk-unavailable">
                    <MessageBarBody>{isMissingRoute(preview.error) ? b.unavailable : describeError(t, preview.error)}</MessageBarBody>
                  </MessageBar>
                ) : (
                  <>
                    <Text weight="semibold" data-testid="bulk-summary">
                      {b.summary(preview.total, choice.count, preview.riskyCount)}
                    </Text>
                    {preview.riskyCount > 0 ? (
                      <MessageBar intent="warning">
                        <MessageBarBody>{b.riskyNote}</MessageBarBody>
                      </MessageBar>
                    ) : null}
                    <div className={styles.members}>
                      <Table className={styles.table} size="small" aria-label={b.title} data-testid="bulk-members">
                        <TableHeader>
                          <TableRow>
                            <TableHeaderCell className={styles.includeCol}>{b.columns.include}</TableHeaderCell>
                            <TableHeaderCell>{b.columns.message}</TableHeaderCell>
                            <TableHeaderCell className={styles.recipientCol}>{b.columns.recipient}</TableHeaderCell>
                            <TableHeaderCell className={styles.dateCol}>{b.columns.received}</TableHeaderCell>
                            <TableHeaderCell className={styles.risksCol}>{b.columns.risks}</TableHeaderCell>
                          </TableRow>
                        </TableHeader>
                        <TableBody>
                          {preview.members.map((m) => {
                            const subject = m.subject || t.quarantine.noSubject;
                            const risky = m.risks.length > 0;
                            return (
                              <TableRow key={m.id} className={risky ? styles.risky : undefined} data-testid="bulk-member" data-id={m.id} data-risky={risky} data-selected={picked.has(m.id)}>
                                <TableCell>
                                  <Checkbox
                                    checked={canPick(m) ? picked.has(m.id) : true}
                                    disabled={!canPick(m)}
                                    aria-label={b.include(subject, m.recipient)}
                                    onChange={(_e, data) => toggle(m.id, data.checked === true)}
                                  />
                                </TableCell>
                                <TableCell>
                                  <span className={styles.cellText} title={subject}>
                                    {subject}
                                  </span>
                                  <span className={styles.secondLine} title={m.sender}>
                                    {m.sender}
                                  </span>
                                </TableCell>
                                <TableCell>
                                  <span className={styles.cellText} title={m.recipient}>
                                    {m.recipient}
                                  </span>
                                </TableCell>
                                <TableCell>
                                  <span className={styles.cellText} title={formatDateTime(locale, m.receivedDateTime)}>
                                    {formatShort(locale, m.receivedDateTime)}
                                  </span>
                                </TableCell>
                                <TableCell>
                                  <span className={styles.risks}>
                                    {m.releaseStatus === 'released' ? <ReleaseBadge status="released" /> : null}
                                    {m.risks.map((risk) => (
                                      <RiskBadge key={risk} risk={risk} />
                                    ))}
                                  </span>
                                </TableCell>
                              </TableRow>
                            );
                          })}
                        </TableBody>
                      </Table>
                    </div>
                  </>
                )}
              </>
            )}
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>{describeError(t, error)}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              {job ? t.common.close : t.common.cancel}
            </Button>
            {job ? null : (
              <Button className={styles.nowrap} appearance="primary" disabled={!ready || starting || choice.count === 0} onClick={() => void start()} data-testid="bulk-confirm">
                {b.confirm(choice.count)}
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
