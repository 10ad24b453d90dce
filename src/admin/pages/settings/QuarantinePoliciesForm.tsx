/**
 * Quarantine policies: the built-in four (read-only) and the organisation's own, one row each
 * with a checkbox per permission (Exchange Online's bits), and which policy each quarantine
 * reason's messages get. Saved whole; the server checks everything again (release and request
 * release exclude each other, names, a policy still in use).
 */
import { Badge, Button, Caption1, Checkbox, Field, Input, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, Checkmark20Filled, Delete20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { QuarantinePolicyBody, QuarantinePolicySettings, QuarantinePolicySettingsResponse } from '../../../contracts/portal';
import { QUARANTINE_ACTIONS, QUARANTINE_PERMISSION_BITS as BIT, QUARANTINE_REASONS, type QuarantineAction, type QuarantineReason } from '../../../contracts/quarantine';
import { usePortal } from '../../app/context';
import { ErrorBar, Loading, Section } from '../../components/layout';
import { useAsync } from '../../hooks/useAsync';
import { useBusyRun } from '../../hooks/useBusyRun';
import { SaveFooter } from './SaveFooter';

/** Exchange Online's "Limited access" group: what a new policy starts with. */
const LIMITED_ACCESS = BIT.viewHeaders | BIT.allowSender | BIT.requestRelease | BIT.preview | BIT.delete;
/** Where a removed policy's reasons go: recipients then see headers only, as with Exchange Online's admin-only policy. */
const STRICTEST = 'AdminOnlyAccessPolicy';

const useStyles = makeStyles({
  sections: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  table: { backgroundColor: tokens.colorNeutralBackground1 },
  nameCol: { width: '260px' },
  checkCol: { textAlign: 'center' },
  removeCol: { width: '48px' },
  name: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  nameText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  granted: { color: tokens.colorBrandForeground1, verticalAlign: 'middle' },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  reasons: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The permissions with one bit toggled; release and request release exclude each other, so setting one clears the other. */
function toggled(permissions: number, action: QuarantineAction, on: boolean): number {
  if (!on) return permissions & ~BIT[action];
  const other = action === 'release' ? BIT.requestRelease : action === 'requestRelease' ? BIT.release : 0;
  return (permissions | BIT[action]) & ~other;
}

/** A built-in policy's permission, read-only: a check mark when granted (said in words to screen readers either way). */
function Granted({ granted, label }: { granted: boolean; label: string }) {
  const styles = useStyles();
  const { t } = usePortal();
  return (
    <>
      {granted ? <Checkmark20Filled className={styles.granted} aria-hidden /> : null}
      <span className={styles.srOnly}>{`${label}: ${granted ? t.common.yes : t.common.no}`}</span>
    </>
  );
}

/**
 * The form's state. Own policies carry a key that stays while their name is edited, and a
 * reason mapped to an own policy holds `#key`, so renaming a policy (letter by letter, through
 * names that may briefly equal another's) never moves a reason to a different policy.
 */
interface DraftPolicy extends QuarantinePolicyBody {
  key: number;
}
interface Draft {
  policies: DraftPolicy[];
  /** A built-in policy's name, or `#key` of an own policy. */
  reasonPolicies: Record<QuarantineReason, string>;
}

const ref = (policy: DraftPolicy) => `#${policy.key}`;

function draftOf(data: QuarantinePolicySettingsResponse): Draft {
  const policies = data.policies.map((p, i) => ({ ...p, key: i + 1 }));
  const byName = new Map(policies.map((p) => [p.name, p]));
  const reasonPolicies = Object.fromEntries(
    QUARANTINE_REASONS.map((reason) => {
      const own = byName.get(data.reasonPolicies[reason]);
      return [reason, own ? ref(own) : data.reasonPolicies[reason]];
    }),
  ) as Draft['reasonPolicies'];
  return { policies, reasonPolicies };
}

/** What is saved: the policies without their keys, each reason by its policy's name as it now reads. */
function settingsOf(draft: Draft): QuarantinePolicySettings {
  const byRef = new Map(draft.policies.map((p) => [ref(p), p.name]));
  return {
    policies: draft.policies.map(({ key: _key, ...policy }) => policy),
    reasonPolicies: Object.fromEntries(QUARANTINE_REASONS.map((reason) => [reason, byRef.get(draft.reasonPolicies[reason]) ?? draft.reasonPolicies[reason]])) as QuarantinePolicySettings['reasonPolicies'],
  };
}

export function QuarantinePoliciesForm() {
  const styles = useStyles();
  const { api, t, can, notify } = usePortal();
  const q = t.settings.quarantinePolicies;
  const loaded = useAsync<QuarantinePolicySettingsResponse>(() => api.quarantinePolicies(), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saving, run] = useBusyRun();

  useEffect(() => {
    if (loaded.data) setDraft(draftOf(loaded.data));
  }, [loaded.data]);

  if (loaded.error) return <ErrorBar error={loaded.error} onRetry={loaded.reload} unavailable={t.settings.unavailable} />;
  if (!loaded.data || !draft) return <Loading />;
  const data = loaded.data;

  const setPolicy = (index: number, change: Partial<QuarantinePolicyBody>) =>
    setDraft({ ...draft, policies: draft.policies.map((p, i) => (i === index ? { ...p, ...change } : p)) });
  const add = () => {
    let n = draft.policies.length + 1;
    while (draft.policies.some((p) => p.name === q.newPolicyName(n))) n++;
    const key = Math.max(0, ...draft.policies.map((p) => p.key)) + 1;
    setDraft({ ...draft, policies: [...draft.policies, { key, name: q.newPolicyName(n), permissions: LIMITED_ACCESS, notificationEnabled: true }] });
  };
  /** A removed policy's reasons go to the strictest built-in policy. */
  const remove = (index: number) => {
    const gone = draft.policies[index];
    const reasonPolicies = Object.fromEntries(QUARANTINE_REASONS.map((r) => [r, gone && draft.reasonPolicies[r] === ref(gone) ? STRICTEST : draft.reasonPolicies[r]])) as Draft['reasonPolicies'];
    setDraft({ policies: draft.policies.filter((_p, i) => i !== index), reasonPolicies });
  };
  const save = () =>
    run(async () => {
      const saved = await api.putQuarantinePolicies(settingsOf(draft));
      loaded.set(() => saved);
      notify('success', t.common.saved);
    });
  const choices = [...data.builtIn.map((p) => ({ value: p.name, label: p.name })), ...draft.policies.map((p) => ({ value: ref(p), label: p.name }))];

  const row = (policy: QuarantinePolicyBody, own: { index: number; key: number } | undefined) => (
    <TableRow key={own ? `own-${own.key}` : policy.name} data-testid={own ? 'own-policy' : 'built-in-policy'}>
      <TableCell>
        {own ? (
          <Input
            value={policy.name}
            maxLength={64}
            disabled={!can.change}
            aria-label={q.nameLabel(own.index + 1)}
            onChange={(_e, d) => setPolicy(own.index, { name: d.value })}
            data-testid="policy-name"
          />
        ) : (
          <span className={styles.name}>
            <span className={styles.nameText} title={policy.name}>
              {policy.name}
            </span>
            <Badge className={styles.badge} appearance="tint" color="subtle" shape="rounded" size="small">
              {q.builtIn}
            </Badge>
          </span>
        )}
      </TableCell>
      {QUARANTINE_ACTIONS.map((action) => (
        <TableCell key={action} className={styles.checkCol}>
          {own ? (
            <Checkbox
              checked={(policy.permissions & BIT[action]) !== 0}
              disabled={!can.change}
              aria-label={`${policy.name}: ${q.permissions[action]}`}
              onChange={(_e, d) => setPolicy(own.index, { permissions: toggled(policy.permissions, action, d.checked === true) })}
            />
          ) : (
            <Granted granted={(policy.permissions & BIT[action]) !== 0} label={`${policy.name}: ${q.permissions[action]}`} />
          )}
        </TableCell>
      ))}
      <TableCell className={styles.checkCol}>
        {own ? (
          <Checkbox
            checked={policy.notificationEnabled}
            disabled={!can.change}
            aria-label={`${policy.name}: ${q.notifications}`}
            onChange={(_e, d) => setPolicy(own.index, { notificationEnabled: d.checked === true })}
          />
        ) : (
          <Granted granted={policy.notificationEnabled} label={`${policy.name}: ${q.notifications}`} />
        )}
      </TableCell>
      <TableCell>
        {own && can.change ? <Button appearance="subtle" icon={<Delete20Regular />} aria-label={q.remove(policy.name)} onClick={() => remove(own.index)} /> : null}
      </TableCell>
    </TableRow>
  );

  return (
    <div className={styles.sections}>
      <Section title={q.title}>
        <Caption1 className={styles.muted}>{q.help}</Caption1>
        <Table className={styles.table} aria-label={q.title} data-testid="quarantine-policies" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.nameCol}>{q.policy}</TableHeaderCell>
              {QUARANTINE_ACTIONS.map((action) => (
                <TableHeaderCell key={action}>{q.permissions[action]}</TableHeaderCell>
              ))}
              <TableHeaderCell>{q.notifications}</TableHeaderCell>
              <TableHeaderCell className={styles.removeCol} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.builtIn.map((policy) => row(policy, undefined))}
            {draft.policies.map((policy, index) => row(policy, { index, key: policy.key }))}
          </TableBody>
        </Table>
        {can.change ? (
          <div>
            <Button icon={<Add20Regular />} onClick={add} data-testid="add-policy">
              {q.addPolicy}
            </Button>
          </div>
        ) : null}
      </Section>
      <Section title={q.perReason}>
        <Caption1 className={styles.muted}>{q.perReasonHelp}</Caption1>
        <div className={styles.reasons}>
          {QUARANTINE_REASONS.map((reason) => (
            <Field key={reason} label={t.quarantine.reasons[reason]}>
              <Select
                value={draft.reasonPolicies[reason]}
                disabled={!can.change}
                onChange={(_e, d) => setDraft({ ...draft, reasonPolicies: { ...draft.reasonPolicies, [reason]: d.value } })}
                data-testid={`reason-policy-${reason}`}
              >
                {choices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </Select>
            </Field>
          ))}
        </div>
      </Section>
      <SaveFooter saving={saving} onSave={() => void save()} modifiedDateTime={data.modifiedDateTime} modifiedBy={data.modifiedBy} testId="quarantine-policies-save" />
    </div>
  );
}
