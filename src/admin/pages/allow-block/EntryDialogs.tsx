/**
 * Adding, editing and pasting allow/block entries. The expiry choices follow the list's rules
 * (Exchange Online's): a direct allow expires within 30 days, only a block may never expire.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AllowBlockEntry, BulkCreateResponse, EntryAction, ExpirationRequest } from '../../../contracts/lists';
import { usePortal } from '../../app/context';
import { errorText } from '../../../i18n/portal';
import { describeError } from '../../api/errors';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  help: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  results: { maxHeight: '200px', overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

export type ExpiryChoice = 'keep' | 'never' | '1' | '7' | '30' | 'date';

export function expirationRequest(choice: ExpiryChoice, date: string): ExpirationRequest | undefined {
  if (choice === 'keep') return undefined;
  if (choice === 'never') return { type: 'never' };
  if (choice === 'date') {
    const [y, m, d] = date.split('-').map(Number);
    return { type: 'date', date: new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 23, 59, 0).toISOString() };
  }
  return { type: 'days', days: Number(choice) as 1 | 7 | 30 };
}

function ExpiryField({ action, choice, setChoice, date, setDate, allowKeep }: { action: EntryAction; choice: ExpiryChoice; setChoice(c: ExpiryChoice): void; date: string; setDate(d: string): void; allowKeep: boolean }) {
  const styles = useStyles();
  const { t } = usePortal();
  return (
    <div className={styles.row}>
      <Field label={t.allowBlock.expiryLabel}>
        <RadioGroup layout="horizontal" value={choice} onChange={(_e, data) => setChoice(data.value as ExpiryChoice)}>
          {allowKeep ? <Radio value="keep" label={t.allowBlock.expiryKeep} /> : null}
          <Radio value="1" label={t.allowEntry.expiryDays(1)} />
          <Radio value="7" label={t.allowEntry.expiryDays(7)} />
          <Radio value="30" label={t.allowEntry.expiryDays(30)} />
          <Radio value="date" label={t.allowEntry.expiryDate} />
          {action === 'block' ? <Radio value="never" label={t.allowBlock.expiryNever} /> : null}
        </RadioGroup>
      </Field>
      {choice === 'date' ? (
        <Field label={t.allowEntry.dateLabel}>
          <Input type="date" value={date} onChange={(_e, data) => setDate(data.value)} />
        </Field>
      ) : null}
    </div>
  );
}

export function EntryDialog({ open, entry, onClose, onSaved }: { open: boolean; entry: AllowBlockEntry | null; onClose(): void; onSaved(entry: AllowBlockEntry): void }) {
  const styles = useStyles();
  const { api, t } = usePortal();
  const [value, setValue] = useState('');
  const [action, setAction] = useState<EntryAction>('block');
  const [choice, setChoice] = useState<ExpiryChoice>('30');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setValue(entry?.displayValue ?? '');
    setAction(entry?.action ?? 'block');
    setChoice(entry ? 'keep' : '30');
    setNote(entry?.note ?? '');
    setError(null);
  }, [open, entry]);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const expiration = expirationRequest(choice, date);
      const saved = entry
        ? await api.updateEntry(entry.id, { note, ...(expiration ? { expiration } : {}) })
        : await api.createEntry({ value: value.trim(), action, ...(expiration ? { expiration } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      onSaved(saved);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface aria-describedby={undefined} data-testid="entry-dialog">
        <DialogBody>
          <DialogTitle>{entry ? t.allowBlock.editTitle(entry.displayValue) : t.allowBlock.createTitle}</DialogTitle>
          <DialogContent className={styles.content}>
            {!entry ? (
              <>
                <Field label={t.allowBlock.valueLabel} hint={t.allowBlock.valueHint} required>
                  <Input value={value} onChange={(_e, data) => setValue(data.value)} />
                </Field>
                <Field label={t.allowBlock.actionLabel}>
                  <RadioGroup layout="horizontal" value={action} onChange={(_e, data) => setAction(data.value === 'allow' ? 'allow' : 'block')}>
                    <Radio value="block" label={t.allowBlock.block} />
                    <Radio value="allow" label={t.allowBlock.allow} />
                  </RadioGroup>
                </Field>
              </>
            ) : null}
            <ExpiryField action={entry?.action ?? action} choice={choice} setChoice={setChoice} date={date} setDate={setDate} allowKeep={entry !== null} />
            <Field label={t.allowEntry.noteLabel}>
              <Textarea value={note} maxLength={500} onChange={(_e, data) => setNote(data.value)} />
            </Field>
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>{describeError(t, error)}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t.common.cancel}</Button>
            <Button appearance="primary" disabled={saving || (!entry && !value.trim()) || (choice === 'date' && !date)} onClick={() => void save()} data-testid="entry-save">
              {saving ? t.common.saving : t.common.save}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

export function BulkDialog({ open, onClose, onDone }: { open: boolean; onClose(): void; onDone(): void }) {
  const styles = useStyles();
  const { api, t } = usePortal();
  const [text, setText] = useState('');
  const [action, setAction] = useState<EntryAction>('block');
  const [choice, setChoice] = useState<ExpiryChoice>('30');
  const [date, setDate] = useState('');
  const [result, setResult] = useState<BulkCreateResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) {
      setText('');
      setResult(null);
      setError(null);
    }
  }, [open]);

  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      const expiration = expirationRequest(choice, date);
      const response = await api.bulkCreateEntries({ text, action, ...(expiration ? { expiration } : {}) });
      setResult(response);
      if (response.created > 0) onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_e, data) => (data.open ? undefined : onClose())}>
      <DialogSurface aria-describedby={undefined} data-testid="bulk-dialog">
        <DialogBody>
          <DialogTitle>{t.allowBlock.bulkTitle}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text className={styles.help}>{t.allowBlock.bulkHelp}</Text>
            <Field label={t.allowBlock.bulkText}>
              <Textarea value={text} rows={8} resize="vertical" onChange={(_e, data) => setText(data.value)} />
            </Field>
            <Field label={t.allowBlock.actionLabel}>
              <Select value={action} onChange={(_e, data) => setAction(data.value === 'allow' ? 'allow' : 'block')}>
                <option value="block">{t.allowBlock.block}</option>
                <option value="allow">{t.allowBlock.allow}</option>
              </Select>
            </Field>
            <ExpiryField action={action} choice={choice} setChoice={setChoice} date={date} setDate={setDate} allowKeep={false} />
            {result ? (
              <MessageBar intent={result.failed > 0 ? 'warning' : 'success'} layout="multiline">
                <MessageBarBody>
                  <Text weight="semibold">{t.allowBlock.bulkResult(result.created, result.failed)}</Text>
                  <div className={styles.results}>
                    {result.results
                      .filter((r) => r.outcome === 'failed')
                      .map((r) => (
                        <Text key={r.line} size={200}>
                          {t.allowBlock.bulkLine(r.line)}: {r.input} — {(r.errors ?? []).map((e) => errorText(t, e.code) ?? t.errors.generic(e.code)).join(' ')}
                        </Text>
                      ))}
                  </div>
                </MessageBarBody>
              </MessageBar>
            ) : null}
            {error ? (
              <MessageBar intent="error">
                <MessageBarBody>{describeError(t, error)}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t.common.close}</Button>
            <Button appearance="primary" disabled={saving || !text.trim()} onClick={() => void submit()}>
              {t.allowBlock.bulkSubmit}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
