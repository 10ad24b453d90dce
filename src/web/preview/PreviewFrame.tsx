/**
 * A message body as the recipient would have seen it, and nothing more: the server's preview
 * (GET …/preview) sanitised here, shown in an iframe sandboxed without allow-scripts
 * (sandbox="" grants nothing: no scripts, forms, popups, navigation or same-origin access),
 * with a CSP that forbids scripts and remote loads. Remote images stay blocked until the reader
 * clicks "Load remote images". Shared by the portal and the add-in; each passes its own words.
 */
import { Body1, Button, Caption1, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Attach20Regular, Image20Regular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import type { MessagePreview } from '../../contracts/preview';
import { plainTextPreview, sanitizeHtml } from './sanitize';

/** The words the frame needs: the portal's and the add-in's catalogs both have them. */
export interface PreviewStrings {
  help: string;
  plainText: string;
  loadImages: string;
  imagesLoaded: string;
  blockedImages: (n: number) => string;
  frameTitle: string;
  noBody: string;
  attachments: string;
  truncated: string;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', minHeight: '32px' },
  help: { color: tokens.colorNeutralForeground3, flexGrow: 1 },
  frame: {
    width: '100%',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: '#fff',
    boxSizing: 'border-box',
  },
  attachments: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap', color: tokens.colorNeutralForeground2 },
});

export function PreviewFrame({ preview, strings, height = 480 }: { preview: MessagePreview; strings: PreviewStrings; height?: number }) {
  const styles = useStyles();
  const [allowImages, setAllowImages] = useState(false);
  const shown = useMemo(() => {
    if (preview.html !== null) {
      const inline = new Map(preview.inlineImages.map((i) => [i.contentId, i.dataUrl] as const));
      return sanitizeHtml(preview.html, { allowRemoteImages: allowImages, inline });
    }
    if (preview.text !== null) return plainTextPreview(preview.text);
    return null;
  }, [preview, allowImages]);

  return (
    <div className={styles.root} data-testid="safe-preview">
      <div className={styles.bar}>
        <Caption1 className={styles.help}>{preview.html === null && preview.text !== null ? strings.plainText : strings.help}</Caption1>
        {shown && shown.blockedImages > 0 && !allowImages ? (
          <>
            <Caption1 data-testid="blocked-images">{strings.blockedImages(shown.blockedImages)}</Caption1>
            <Button size="small" icon={<Image20Regular />} onClick={() => setAllowImages(true)} data-testid="load-images">
              {strings.loadImages}
            </Button>
          </>
        ) : null}
        {allowImages ? <Caption1>{strings.imagesLoaded}</Caption1> : null}
      </div>
      {shown ? (
        <iframe
          className={styles.frame}
          style={{ height: `${height}px` }}
          title={strings.frameTitle}
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={shown.document}
          data-testid="preview-frame"
        />
      ) : (
        <MessageBar intent="info">
          <MessageBarBody>{strings.noBody}</MessageBarBody>
        </MessageBar>
      )}
      {preview.truncated ? <Caption1 data-testid="preview-truncated">{strings.truncated}</Caption1> : null}
      {preview.attachments.length > 0 ? (
        <div className={styles.attachments}>
          <Attach20Regular aria-hidden />
          <Text weight="semibold">{strings.attachments}:</Text>
          {preview.attachments.map((a, i) => (
            <Body1 key={i}>
              {a.filename || a.contentType} ({Math.max(1, Math.round(a.size / 1024))} KB)
            </Body1>
          ))}
        </div>
      ) : null}
    </div>
  );
}
