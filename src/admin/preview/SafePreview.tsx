/**
 * The portal's safe preview: the server's preview of the message (GET …/preview) in the shared
 * sandboxed frame (src/web/preview), with the portal's words.
 */
import type { MessagePreview } from '../../contracts/preview';
import { PreviewFrame } from '../../web/preview/PreviewFrame';
import { usePortal } from '../app/context';

export function SafePreview({ preview }: { preview: MessagePreview }) {
  const { t } = usePortal();
  return <PreviewFrame preview={preview} strings={t.preview} />;
}
