import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { Catalog } from '../../../i18n';
import { listsStatusText, type ListsStatus } from '../lists-state';

const INTENT = { success: 'success', error: 'error' } as const;

/**
 * The outcome of the last change to a list. Always rendered (empty when idle), like the
 * report's status region: data-testid="lists-status", data-state = idle | working | added |
 * removed | error.
 */
export function ListsStatusRegion(props: { status: ListsStatus; strings: Catalog }) {
  const { status, strings } = props;
  const text = listsStatusText(status, strings);
  return (
    <div data-testid="lists-status" data-state={status.state} role="status" aria-live="polite">
      {status.state === 'working' && <Spinner size="tiny" label={text} />}
      {status.state !== 'idle' && status.state !== 'working' && (
        <MessageBar intent={INTENT[status.tone]}>
          <MessageBarBody>{text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
