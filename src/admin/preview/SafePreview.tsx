/**
 * The message body as the recipient would have seen it, and nothing more: sanitised HTML in
 * an iframe sandboxed without allow-scripts (sandbox="" grants nothing: no scripts, forms,
 * popups, navigation or same-origin access), with a CSP that forbids scripts and remote
 * loads. Remote images stay blocked until the admin clicks "Load remote images".
 */
import { Body1, Button, Caption1, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Attach20Regular, Image20Regular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { usePortal } from '../app/context';
import type { MessageBody } from './mime';
import { plainTextPreview, sanitizeHtml } from './sanitize';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', minHeight: '32px' },
  help: { color: tokens.colorNeutralForeground3, flexGrow: 1 },
  frame: {
    width: '100%',
    height: '480px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: '#fff',
  },
  attachments: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap', color: tokens.colorNeutralForeground2 },
});

export function SafePreview({ body }: { body: MessageBody }) {
  const styles = useStyles();
  const { t } = usePortal();
  const [allowImages, setAllowImages] = useState(false);
  const preview = useMemo(() => {
    if (body.html !== null) return sanitizeHtml(body.html, { allowRemoteImages: allowImages, inline: body.inline });
    if (body.text !== null) return plainTextPreview(body.text);
    return null;
  }, [body, allowImages]);

  return (
    <div className={styles.root} data-testid="safe-preview">
      <div className={styles.bar}>
        <Caption1 className={styles.help}>{body.html === null && body.text !== null ? t.preview.plainText : t.preview.help}</Caption1>
        {preview && preview.blockedImages > 0 && !allowImages ? (
          <>
            <Caption1 data-testid="blocked-images">{t.preview.blockedImages(preview.blockedImages)}</Caption1>
            <Button size="small" icon={<Image20Regular />} onClick={() => setAllowImages(true)} data-testid="load-images">
              {t.preview.loadImages}
            </Button>
          </>
        ) : null}
        {allowImages ? <Caption1>{t.preview.imagesLoaded}</Caption1> : null}
      </div>
      {preview ? (
        <iframe
          className={styles.frame}
          title={t.preview.frameTitle}
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={preview.document}
          data-testid="preview-frame"
        />
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>{t.preview.noBody}</MessageBarBody>
        </MessageBar>
      )}
      {body.attachments.length > 0 ? (
        <div className={styles.attachments}>
          <Attach20Regular aria-hidden />
          <Text weight="semibold">{t.preview.attachments}:</Text>
          {body.attachments.map((a, i) => (
            <Body1 key={i}>
              {a.filename || a.contentType} ({Math.max(1, Math.round(a.size / 1024))} KB)
            </Body1>
          ))}
        </div>
      ) : null}
    </div>
  );
}
