/**
 * Release + submit + allow, confirmed once: the message is released, submitted for analysis
 * (the verdict stored as an admin submission), and an allow entry made for its sender or
 * domain, with an expiry. Before the admin confirms, a dry run lists the other quarantined
 * messages the entry would let through; without that answer there is nothing to confirm.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { QuarantineDetail } from '../../../contracts/quarantine';
import type { ReleaseSubmitAllowResult } from '../../../contracts/quarantine-bulk';
import { usePortal } from '../../app/context';
import { describeError, isMissingRoute } from '../../api/errors';
import { AllowEntryFields, allowDateMissing, allowExpiration, type AllowExpiryChoice } from '../../components/AllowEntryFields';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  help: { color: tokens.colorNeutralForeground3 },
  also: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    maxHeight: '180px',
    overflowY: 'auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  alsoItem: { overflowWrap: 'anywhere' },
  surface: { maxWidth: '640px' },
  nowrap: { whiteSpace: 'nowrap' },
});


export function ReleaseSubmitAllowDialog({ open, item, onClose, onDone }: { open: boolean; item: QuarantineDetail; onClose(): void; onDone(): void }) {
  const styles = useStyles();
  const { api, t, notify } = usePortal();
  const r = t.quarantineItem.rsa;
  const [scope, setScope] = useState<'address' | 'domain'>('address');
  const [expiry, setExpiry] = useState<AllowExpiryChoice>('afterLastUsed');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [dryRun, setDryRun] = useState<ReleaseSubmitAllowResult | 'loading' | { error: unknown }>('loading');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setScope('address');
    setExpiry('afterLastUsed');
    setDate('');
    setNote('');
    setError(null);
  }, [open]);

  const dateMissing = allowDateMissing(expiry, date);
  const expiration = allowExpiration(dateMissing ? 'afterLastUsed' : expiry, date);
  const expirationKey = JSON.stringify(expiration);

  useEffect(() => {
    if (!open) return;
    let live = true;
    setDryRun('loading');
    api.releaseSubmitAllow(item.id, { allow: { scope, expiration }, dryRun: true }).then(
      (answer) => live && setDryRun(answer),
      (failure: unknown) => live && setDryRun({ error: failure }),
    );
    return () => {
      live = false;
    };
    // The dry run depends on what the entry would be: its scope and expiry.
  }, [open, api, item.id, scope, expirationKey]);

  const value = scope === 'address' ? item.sender : item.senderDomain;
  const ready = typeof dryRun === 'object' && 'alsoLetThrough' in dryRun;

  const confirm = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.releaseSubmitAllow(item.id, { allow: { scope, expiration, ...(note.trim() ? { note: note.trim() } : {}) }, dryRun: false });
      notify('success', r.done(value));
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface} data-testid="rsa-dialog">
        <DialogBody>
          <DialogTitle>{r.title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text className={styles.help}>{r.help}</Text>
            <AllowEntryFields
              scopeLabel={r.scopeLabel}
              sender={item.sender}
              domain={item.senderDomain || undefined}
              scope={scope}
              setScope={setScope}
              expiry={expiry}
              setExpiry={setExpiry}
              date={date}
              setDate={setDate}
              note={note}
              setNote={setNote}
              expiryTestId="rsa-expiry"
            />
            <Text weight="semibold">{r.alsoTitle}</Text>
            <div data-testid="also-let-through">
              {dryRun === 'loading' ? (
                <Spinner size="tiny" label={r.checking} />
              ) : 'error' in dryRun ? (
                <MessageBar intent={isMissingRoute(dryRun.error) ? 'info' : 'error'}>
                  <MessageBarBody>{isMissingRoute(dryRun.error) ? r.unavailable : describeError(t, dryRun.error)}</MessageBarBody>
                </MessageBar>
              ) : dryRun.alsoLetThrough.length === 0 ? (
                <Text>{r.alsoNone}</Text>
              ) : (
                <>
                  <Text>{r.alsoCount(dryRun.alsoLetThrough.length)}</Text>
                  <ul className={styles.also}>
                    {dryRun.alsoLetThrough.map((m) => (
                      <li key={m.id} className={styles.alsoItem}>
                        <Text size={200}>
                          {m.subject || t.quarantine.noSubject} · {m.sender} → {m.recipient}
                        </Text>
                      </li>
                    ))}
                  </ul>
                  <Text size={200} className={styles.help}>
                    {r.alsoNote}
                  </Text>
                </>
              )}
            </div>
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
            <Button className={styles.nowrap} appearance="primary" disabled={!ready || saving || dateMissing} onClick={() => void confirm()} data-testid="rsa-confirm">
              {saving ? t.common.saving : r.confirm}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
