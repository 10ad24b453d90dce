/** Release to every recipient of the message, or to the ones chosen; those who have it already are shown, not sent it again. */
import { Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { usePortal } from '../../app/context';
import { describeError } from '../../api/errors';
import { ReleaseBadge } from './badges';
import { isReleasable, releaseRecipients, type RecipientRow } from './filters';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  help: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  nowrap: { whiteSpace: 'nowrap' },
  list: { display: 'flex', flexDirection: 'column', maxHeight: '320px', overflowY: 'auto', paddingLeft: tokens.spacingHorizontalL },
});

export function ReleaseDialog({ open, id, rows, onClose, onReleased }: { open: boolean; id: string; rows: readonly RecipientRow[]; onClose(): void; onReleased(): void }) {
  const styles = useStyles();
  const { api, t, notify } = usePortal();
  const d = t.quarantineItem.releaseDialog;
  const releasable = useMemo(() => rows.filter((r) => isReleasable(r.releaseStatus)), [rows]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    setChosen(new Set(releasable.map((r) => r.recipient)));
    setError(null);
  }, [open, releasable]);

  const count = releasable.filter((r) => chosen.has(r.recipient)).length;
  const all = count === releasable.length && count > 0;
  const toggle = (recipient: string, on: boolean) =>
    setChosen((c) => {
      const next = new Set(c);
      if (on) next.add(recipient);
      else next.delete(recipient);
      return next;
    });

  const release = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.releaseQuarantine(id, releaseRecipients(rows, chosen));
      notify('success', result.released.length > 0 ? t.quarantine.released(result.released.length) : t.quarantine.nothingReleased);
      onReleased();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface data-testid="release-dialog">
        <DialogBody>
          <DialogTitle>{d.title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text className={styles.help}>{d.help}</Text>
            <Checkbox
              checked={all ? true : count > 0 ? 'mixed' : false}
              disabled={releasable.length === 0}
              label={d.all}
              onChange={() => setChosen(all ? new Set() : new Set(releasable.map((r) => r.recipient)))}
              data-testid="release-all"
            />
            <div className={styles.list}>
              {rows.map((r) => (
                <div key={r.id} className={styles.row}>
                  <Checkbox
                    checked={isReleasable(r.releaseStatus) ? chosen.has(r.recipient) : true}
                    disabled={!isReleasable(r.releaseStatus)}
                    label={r.recipient}
                    onChange={(_e, data) => toggle(r.recipient, data.checked === true)}
                  />
                  <ReleaseBadge status={r.releaseStatus} />
                </div>
              ))}
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
            <Button className={styles.nowrap} appearance="primary" disabled={busy || count === 0} onClick={() => void release()} data-testid="release-confirm">
              {d.action(count)}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
