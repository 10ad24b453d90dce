/**
 * "Mark as and notify" for one report, a selection or a cluster: the result, whether to send
 * the reporter the notice, and an optional personal message. The same dialog everywhere.
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
  Radio,
  RadioGroup,
  Textarea,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { MarkRequest, ReviewResult } from '../../contracts/portal';
import { usePortal } from '../app/context';

export const REVIEW_RESULTS: readonly ReviewResult[] = ['noThreatsFound', 'phishing', 'spam'];

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  help: { color: tokens.colorNeutralForeground3 },
});

export interface MarkDialogProps {
  open: boolean;
  title: string;
  initialResult?: ReviewResult;
  busy?: boolean;
  onCancel(): void;
  onSubmit(request: MarkRequest): void;
}

export function MarkDialog({ open, title, initialResult = 'noThreatsFound', busy = false, onCancel, onSubmit }: MarkDialogProps) {
  const styles = useStyles();
  const { t } = usePortal();
  const [result, setResult] = useState<ReviewResult>(initialResult);
  const [notify, setNotify] = useState(true);
  const [message, setMessage] = useState('');

  useEffect(() => {
    if (open) {
      setResult(initialResult);
      setNotify(true);
      setMessage('');
    }
  }, [open, initialResult]);

  const submit = () => {
    const request: MarkRequest = { result, notify };
    if (message.trim()) request.message = message.trim();
    onSubmit(request);
  };

  return (
    <Dialog open={open} onOpenChange={(_e, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface aria-describedby={undefined} data-testid="mark-dialog">
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text className={styles.help}>{t.mark.help}</Text>
            <Field label={t.mark.resultLabel}>
              <RadioGroup value={result} onChange={(_e, data) => setResult(data.value as ReviewResult)}>
                {REVIEW_RESULTS.map((r) => (
                  <Radio key={r} value={r} label={t.reviewResults[r]} />
                ))}
              </RadioGroup>
            </Field>
            <Checkbox checked={notify} onChange={(_e, data) => setNotify(data.checked === true)} label={t.mark.notify} />
            {notify ? <Text size={200} className={styles.help}>{t.mark.notifyHelp}</Text> : null}
            <Field label={t.mark.messageLabel} hint={t.mark.messageHint}>
              <Textarea value={message} maxLength={2000} resize="vertical" onChange={(_e, data) => setMessage(data.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              {t.common.cancel}
            </Button>
            <Button appearance="primary" disabled={busy} onClick={submit} data-testid="mark-submit">
              {notify ? t.mark.submitNotify : t.mark.submit}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
