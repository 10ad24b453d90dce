/**
 * One notice template at a time (notice × language): edit, preview as sent, save or reset. The
 * notices are a reviewed report's (one per result) and the quarantine's (the answers to a
 * release request, the notice to the admins told of one); each offers its own placeholders.
 */
import { Badge, Body1, Button, Caption1, Field, Input, Select, Tag, TagGroup, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { Eye20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { NOTICE_PLACEHOLDERS_OF, QUARANTINE_NOTICES, type NoticeKind, type NoticeTemplates, type RenderedNotice } from '../../../contracts/portal';
import type { VerdictLocale } from '../../../contracts/verdict';
import { usePortal } from '../../app/context';
import { ErrorBar, Loading, Section } from '../../components/layout';
import { NoticeLanguageSelect } from '../../components/NoticeLanguageSelect';
import { REVIEW_RESULTS } from '../../components/MarkDialog';
import { useAsync } from '../../hooks/useAsync';
import { useBusyRun } from '../../hooks/useBusyRun';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  pickers: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  body: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  preview: { whiteSpace: 'pre-wrap', margin: 0, fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 },
  meta: { display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  tags: { flexWrap: 'wrap', rowGap: tokens.spacingVerticalXS },
});

export function TemplatesForm() {
  const styles = useStyles();
  const { api, t, can, notify, locale: pageLocale } = usePortal();
  const templates = useAsync<NoticeTemplates>(() => api.templates(), []);
  const [result, setResult] = useState<NoticeKind>('noThreatsFound');
  const [locale, setLocale] = useState<VerdictLocale>(pageLocale);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState<RenderedNotice | null>(null);
  const [working, run] = useBusyRun();
  const stored = templates.data?.[result][locale];

  useEffect(() => {
    if (!stored) return;
    setSubject(stored.subject);
    setBody(stored.body);
    setPreview(null);
    // The saved text, filled in with an example, as soon as a template is chosen.
    let live = true;
    api.previewTemplate({ result, locale }).then(
      (rendered) => live && setPreview(rendered),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [stored, api, result, locale]);

  const showPreview = () => run(async () => setPreview(await api.previewTemplate({ result, locale, template: { subject, body } })));
  const save = () =>
    run(async () => {
      const saved = await api.putTemplate(result, locale, { subject, body });
      templates.set((current) => current && { ...current, [result]: { ...current[result], [locale]: saved } });
      notify('success', t.common.saved);
    });
  const reset = () =>
    run(async () => {
      const saved = await api.resetTemplate(result, locale);
      templates.set((current) => current && { ...current, [result]: { ...current[result], [locale]: saved } });
    });

  if (templates.error) return <ErrorBar error={templates.error} onRetry={templates.reload} unavailable={t.settings.unavailable} />;
  if (!templates.data || !stored) return <Loading />;
  const changed = subject !== stored.subject || body !== stored.body;

  return (
    <div className={styles.grid}>
      <Section>
        <div className={styles.form}>
          <div className={styles.pickers}>
            <Field label={t.settings.notice}>
              <Select value={result} onChange={(_e, data) => setResult(data.value as NoticeKind)} data-testid="template-notice">
                <optgroup label={t.settings.noticeGroups.review}>
                  {REVIEW_RESULTS.map((r) => (
                    <option key={r} value={r}>
                      {t.reviewResults[r]}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t.settings.noticeGroups.quarantine}>
                  {QUARANTINE_NOTICES.map((n) => (
                    <option key={n} value={n}>
                      {t.settings.quarantineNotices[n]}
                    </option>
                  ))}
                </optgroup>
              </Select>
            </Field>
            <Field label={t.settings.language}>
              <NoticeLanguageSelect value={locale} onChange={setLocale} />
            </Field>
            <Badge appearance="tint" color={stored.custom ? 'brand' : 'subtle'} shape="rounded">
              {stored.custom ? t.settings.customised : t.settings.builtIn}
            </Badge>
          </div>
          <Field label={t.settings.subject}>
            <Input value={subject} maxLength={200} disabled={!can.change} onChange={(_e, data) => setSubject(data.value)} />
          </Field>
          <Field label={t.settings.body}>
            <Textarea className={styles.body} value={body} rows={12} resize="vertical" disabled={!can.change} onChange={(_e, data) => setBody(data.value)} />
          </Field>
          <div>
            <Caption1 className={styles.muted}>{t.settings.placeholders}</Caption1>
            <TagGroup className={styles.tags} aria-label={t.settings.placeholders}>
              {NOTICE_PLACEHOLDERS_OF[result].map((p) => (
                <Tag key={p} size="extra-small" appearance="outline">{`{${p}}`}</Tag>
              ))}
            </TagGroup>
          </div>
          <div className={styles.buttons}>
            <Button icon={<Eye20Regular />} disabled={working} onClick={() => void showPreview()} data-testid="template-preview">
              {t.settings.preview}
            </Button>
            {can.change ? (
              <Button appearance="primary" disabled={working || !changed} onClick={() => void save()}>
                {t.common.save}
              </Button>
            ) : null}
            {can.change && stored.custom ? (
              <Button appearance="subtle" disabled={working} onClick={() => void reset()}>
                {t.settings.resetToBuiltIn}
              </Button>
            ) : null}
          </div>
        </div>
      </Section>
      <Section title={t.settings.preview}>
        {preview ? (
          <div data-testid="rendered-notice">
            <div className={styles.meta}>
              <Caption1 className={styles.muted}>{t.common.from}</Caption1>
              <Caption1>{preview.from}</Caption1>
              <Caption1 className={styles.muted}>{t.common.to}</Caption1>
              <Caption1>{preview.to}</Caption1>
              <Caption1 className={styles.muted}>{t.settings.subject}</Caption1>
              <Text weight="semibold">{preview.subject}</Text>
            </div>
            <pre className={styles.preview}>{preview.body}</pre>
          </div>
        ) : (
          <Body1 className={styles.muted}>{t.settings.previewing}</Body1>
        )}
      </Section>
    </div>
  );
}
