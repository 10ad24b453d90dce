/** The policy values: notice sender and language, who is told of release requests, accepted domains, bulk threshold and the actions per verdict. */
import { Field, Input, MessageBar, MessageBarBody, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PolicySettings, PolicySettingsResponse } from '../../../contracts/portal';
import { usePortal } from '../../app/context';
import { ErrorBar, Loading, Section } from '../../components/layout';
import { NoticeLanguageSelect } from '../../components/NoticeLanguageSelect';
import { SaveFooter } from './SaveFooter';
import { useAsync } from '../../hooks/useAsync';
import { useBusyRun } from '../../hooks/useBusyRun';

type Action = PolicySettings['actions']['spam'];
const VERDICTS = ['spam', 'highConfidenceSpam', 'phishing', 'bulk', 'spoof'] as const;
const ACTIONS: readonly Action[] = ['inbox', 'junk', 'quarantine'];

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalM },
});

export function PolicyForm() {
  const styles = useStyles();
  const { api, t, can, notify } = usePortal();
  const policy = useAsync<PolicySettingsResponse>(() => api.policy(), []);
  const [draft, setDraft] = useState<PolicySettings | null>(null);
  const [domains, setDomains] = useState('');
  const [requestRecipients, setRequestRecipients] = useState('');
  const [saving, run] = useBusyRun();

  useEffect(() => {
    if (!policy.data) return;
    const { modifiedDateTime: _m, modifiedBy: _b, ...settings } = policy.data;
    setDraft(settings);
    setDomains(settings.acceptedDomains.join('\n'));
    setRequestRecipients(settings.releaseRequestRecipients.join('\n'));
  }, [policy.data]);

  if (policy.error) return <ErrorBar error={policy.error} onRetry={policy.reload} unavailable={t.settings.unavailable} />;
  if (!policy.data || !draft) return <Loading />;

  const save = () =>
    run(async () => {
      const acceptedDomains = domains.split(/[\s,;]+/).map((d) => d.trim().toLowerCase()).filter(Boolean);
      const releaseRequestRecipients = requestRecipients.split(/[\s,;]+/).map((a) => a.trim()).filter(Boolean);
      const saved = await api.putPolicy({ ...draft, acceptedDomains, releaseRequestRecipients });
      policy.set(() => saved);
      notify('success', t.common.saved);
    });

  return (
    <>
      <div className={styles.grid}>
        <Section title={t.settings.noticeSender}>
          <div className={styles.form}>
            <Field label={t.settings.noticeSender} hint={t.settings.noticeSenderHelp}>
              <Input type="email" value={draft.noticeSender} disabled={!can.change} onChange={(_e, data) => setDraft({ ...draft, noticeSender: data.value })} />
            </Field>
            <Field label={t.settings.noticeLanguage} hint={t.settings.noticeLanguageHelp}>
              <NoticeLanguageSelect value={draft.noticeLanguage} disabled={!can.change} onChange={(noticeLanguage) => setDraft({ ...draft, noticeLanguage })} testId="notice-language" />
            </Field>
            <Field label={t.settings.releaseRequestRecipients} hint={t.settings.releaseRequestRecipientsHelp}>
              <Textarea rows={3} value={requestRecipients} disabled={!can.change} onChange={(_e, data) => setRequestRecipients(data.value)} data-testid="release-request-recipients" />
            </Field>
            {policy.data.releaseRequestRecipients.length === 0 ? (
              <MessageBar intent="warning" data-testid="release-request-nobody">
                <MessageBarBody>{t.settings.releaseRequestNobody}</MessageBarBody>
              </MessageBar>
            ) : null}
            <Field label={t.settings.acceptedDomains} hint={t.settings.acceptedDomainsHelp}>
              <Textarea rows={5} value={domains} disabled={!can.change} onChange={(_e, data) => setDomains(data.value)} />
            </Field>
          </div>
        </Section>
        <Section title={t.settings.policyActions}>
          <div className={styles.form}>
            <Field label={t.settings.bulkThreshold} hint={t.settings.bulkThresholdHelp}>
              <Select value={String(draft.bulkThreshold)} disabled={!can.change} onChange={(_e, data) => setDraft({ ...draft, bulkThreshold: Number(data.value) })}>
                {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </Select>
            </Field>
            <div className={styles.actions}>
              {VERDICTS.map((v) => (
                <Field key={v} label={t.settings.policyActionLabels[v]}>
                  <Select value={draft.actions[v]} disabled={!can.change} onChange={(_e, data) => setDraft({ ...draft, actions: { ...draft.actions, [v]: data.value as Action } })}>
                    {ACTIONS.map((a) => (
                      <option key={a} value={a}>
                        {t.settings.actionChoices[a]}
                      </option>
                    ))}
                  </Select>
                </Field>
              ))}
            </div>
          </div>
        </Section>
      </div>
      <SaveFooter saving={saving} onSave={() => void save()} modifiedDateTime={policy.data.modifiedDateTime} modifiedBy={policy.data.modifiedBy} testId="policy-save" />
    </>
  );
}
