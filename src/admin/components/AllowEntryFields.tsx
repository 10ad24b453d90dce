/**
 * The fields of an allow entry made from one message — the sender's address or its domain, an
 * expiry (by default 45 days after it was last used, as Microsoft's allow entries from a
 * submission), and a note — shared by "Create allow entry" on a report and "Release, submit
 * and allow" on a quarantined message, so both offer the same choices and send the same rule.
 */
import { Field, Input, Radio, RadioGroup, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { Expiration } from '../../contracts/lists';
import { usePortal } from '../app/context';

export type AllowScope = 'address' | 'domain';
export type AllowExpiryChoice = 'afterLastUsed' | '1' | '7' | '30' | 'date';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True while "until a date" is chosen without a whole date. */
export function allowDateMissing(choice: AllowExpiryChoice, date: string): boolean {
  return choice === 'date' && !DATE.test(date);
}

/** The entry's expiry rule for a choice (a date ends at 23:59 local time that day). */
export function allowExpiration(choice: AllowExpiryChoice, date: string): Expiration {
  if (choice === 'afterLastUsed') return { type: 'afterLastUsed', days: 45 };
  if (choice === 'date') {
    const [y, m, d] = date.split('-').map(Number);
    return { type: 'date', date: new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 23, 59, 0).toISOString() };
  }
  return { type: 'days', days: Number(choice) as 1 | 7 | 30 };
}

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
});

export interface AllowEntryFieldsProps {
  scopeLabel: string;
  sender: string;
  /** The sender's domain; without one only the address is offered. */
  domain: string | undefined;
  scope: AllowScope;
  setScope(scope: AllowScope): void;
  expiry: AllowExpiryChoice;
  setExpiry(choice: AllowExpiryChoice): void;
  date: string;
  setDate(date: string): void;
  note: string;
  setNote(note: string): void;
  /** data-testid of the expiry select (the pages' tests find it by this). */
  expiryTestId: string;
  /** data-testid of the domain choice, where a test needs it. */
  domainTestId?: string;
}

export function AllowEntryFields(props: AllowEntryFieldsProps) {
  const { t } = usePortal();
  const styles = useStyles();
  const { scope, setScope, expiry, setExpiry, date, setDate, note, setNote } = props;
  return (
    <>
      <Field label={props.scopeLabel}>
        <RadioGroup value={scope} onChange={(_e, data) => setScope(data.value === 'domain' ? 'domain' : 'address')}>
          <Radio value="address" label={t.allowEntry.address(props.sender)} />
          {props.domain ? <Radio value="domain" label={t.allowEntry.domain(props.domain)} {...(props.domainTestId ? { 'data-testid': props.domainTestId } : {})} /> : null}
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        <Field label={t.allowEntry.expiryLabel}>
          <Select value={expiry} onChange={(_e, data) => setExpiry(data.value as AllowExpiryChoice)} data-testid={props.expiryTestId}>
            <option value="afterLastUsed">{t.allowEntry.expiryAfterLastUsed}</option>
            <option value="1">{t.allowEntry.expiryDays(1)}</option>
            <option value="7">{t.allowEntry.expiryDays(7)}</option>
            <option value="30">{t.allowEntry.expiryDays(30)}</option>
            <option value="date">{t.allowEntry.expiryDate}</option>
          </Select>
        </Field>
        {expiry === 'date' ? (
          <Field label={t.allowEntry.dateLabel} required>
            <Input type="date" value={date} onChange={(_e, data) => setDate(data.value)} />
          </Field>
        ) : null}
      </div>
      <Field label={t.allowEntry.noteLabel}>
        <Textarea value={note} maxLength={500} placeholder={t.allowEntry.notePlaceholder} onChange={(_e, data) => setNote(data.value)} />
      </Field>
    </>
  );
}
