import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { Catalog } from '../../../i18n';
import { statusText, type PaneStatus } from '../status';

const INTENT = { success: 'success', warning: 'warning', error: 'error' } as const;

/**
 * The outcome of the last report. Always rendered (empty when idle) so screen readers and
 * tests find one stable live region: data-testid="status", data-state = the outcome.
 */
export function StatusRegion(props: { status: PaneStatus; strings: Catalog }) {
  const { status, strings } = props;
  const text = statusText(status, strings);
  return (
    <div data-testid="status" data-state={status.state} role="status" aria-live="polite">
      {status.state === 'sending' && <Spinner size="tiny" label={text} />}
      {status.state !== 'idle' && status.state !== 'sending' && (
        <MessageBar intent={INTENT[status.tone]}>
          <MessageBarBody>{text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
