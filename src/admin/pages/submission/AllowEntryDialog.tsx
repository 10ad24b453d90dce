/**
 * "Create allow entry" from a report: the sender's address or domain, an expiry (by default
 * 45 days after it was last used, as Defender does), a note. Before saving it shows then
 * (the verdict) against now (today's lists, POST …/what-if), and warns when the entry would
 * be spoofable: the analysed message did not authenticate as that domain.
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
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AllowBlockEntry, WhatIfResponse } from '../../../contracts/lists';
import type { Submission } from '../../../contracts/submissions';
import type { Verdict } from '../../../contracts/verdict';
import { usePortal } from '../../app/context';
import { AllowEntryFields, allowDateMissing, allowExpiration, type AllowExpiryChoice } from '../../components/AllowEntryFields';
import { domainOf } from '../../app/format';
import { describeError } from '../../api/errors';
import { spoofCheck } from './spoof';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  help: { color: tokens.colorNeutralForeground3 },
  compare: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  tile: {
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  tileLabel: { color: tokens.colorNeutralForeground3 },
  surface: { maxWidth: '640px' },
});

export interface AllowEntryDialogProps {
  open: boolean;
  submission: Submission;
  verdict: Verdict | null;
  onClose(): void;
  onCreated(entry: AllowBlockEntry): void;
}

export function AllowEntryDialog({ open, submission, verdict, onClose, onCreated }: AllowEntryDialogProps) {
  const styles = useStyles();
  const { api, t, notify } = usePortal();
  const domain = domainOf(submission.sender);
  const [scope, setScope] = useState<'address' | 'domain'>('address');
  const [expiry, setExpiry] = useState<AllowExpiryChoice>('afterLastUsed');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [accepted, setAccepted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [whatIf, setWhatIf] = useState<WhatIfResponse | null | 'loading' | 'failed'>(null);

  useEffect(() => {
    if (!open) return;
    setScope('address');
    setExpiry('afterLastUsed');
    setNote('');
    setAccepted(false);
    setError(null);
    setWhatIf('loading');
    let live = true;
    api.whatIf(submission.id).then(
      (answer) => live && setWhatIf(answer),
      () => live && setWhatIf('failed'),
    );
    return () => {
      live = false;
    };
  }, [open, api, submission.id]);

  const value = scope === 'address' ? submission.sender : domain;
  const spoof = verdict ? spoofCheck(verdict, value) : null;
  const blockedBySpoof = spoof?.spoofable === true && !accepted;
  const dateMissing = allowDateMissing(expiry, date);

  const create = async () => {
    setSaving(true);
    setError(null);
    try {
      const entry = await api.createEntry({
        value,
        action: 'allow',
        expiration: allowExpiration(expiry, date),
        submissionId: submission.id,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      notify('success', t.allowEntry.created(entry.displayValue));
      onCreated(entry);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface} aria-describedby={undefined} data-testid="allow-dialog">
        <DialogBody>
          <DialogTitle>{t.allowEntry.title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text className={styles.help}>{t.allowEntry.help}</Text>
            <AllowEntryFields
              scopeLabel={t.allowEntry.valueLabel}
              sender={submission.sender}
              domain={domain}
              scope={scope}
              setScope={setScope}
              expiry={expiry}
              setExpiry={setExpiry}
              date={date}
              setDate={setDate}
              note={note}
              setNote={setNote}
              expiryTestId="allow-expiry"
              domainTestId="allow-domain"
            />
            <Text weight="semibold">{t.allowEntry.whatIfTitle}</Text>
            <div className={styles.compare} data-testid="what-if">
              <div className={styles.tile}>
                <Text size={200} className={styles.tileLabel}>
                  {t.allowEntry.whatIfThen}
                </Text>
                <Text weight="semibold">{verdict ? t.verdict.actions[verdict.then.action] : t.verdict.nowUnknown}</Text>
              </div>
              <div className={styles.tile}>
                <Text size={200} className={styles.tileLabel}>
                  {t.allowEntry.whatIfNow}
                </Text>
                {whatIf === 'loading' || whatIf === null ? (
                  <Spinner size="tiny" label={t.allowEntry.whatIfLoading} />
                ) : whatIf === 'failed' ? (
                  <Text>{t.verdict.nowUnknown}</Text>
                ) : (
                  <>
                    <Text weight="semibold" data-testid="what-if-now">
                      {t.verdict.actions[whatIf.decision.action]}
                    </Text>
                    <Text size={200}>{t.verdict.decisionReasons[whatIf.decision.reason.code]}</Text>
                  </>
                )}
              </div>
            </div>
            <Text size={200} className={styles.help}>
              {t.allowEntry.whatIfAfter}
            </Text>
            {!verdict ? (
              <MessageBar intent="info">
                <MessageBarBody>{t.allowEntry.needsVerdict}</MessageBarBody>
              </MessageBar>
            ) : null}
            {spoof?.spoofable ? (
              <MessageBar intent="warning" layout="multiline" data-testid="spoof-warning">
                <MessageBarBody>
                  <MessageBarTitle>{t.allowEntry.spoofTitle}</MessageBarTitle>
                  {t.allowEntry.spoofBody(spoof.domain)}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            {spoof?.spoofable ? <Checkbox checked={accepted} onChange={(_e, data) => setAccepted(data.checked === true)} label={t.allowEntry.spoofConfirm} /> : null}
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>{describeError(t, error)}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              {t.common.cancel}
            </Button>
            <Button appearance="primary" disabled={saving || blockedBySpoof || dateMissing} onClick={() => void create()} data-testid="allow-create">
              {saving ? t.common.saving : t.allowEntry.create}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
