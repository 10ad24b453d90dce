import { Button, Caption1, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { Catalog } from '../../../i18n';
import type { OutboxEntry } from '../../outbox/types';
import { failedEntryText } from '../../refusal/describe';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  failed: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** Reports still in the outbox: how many wait, and which were refused (with why, in the user's language). */
export function OutboxNotice(props: {
  entries: readonly OutboxEntry[];
  strings: Catalog;
  onDismiss: (key: string) => void;
}) {
  const styles = useStyles();
  const { entries, strings } = props;
  const waiting = entries.filter((entry) => entry.state === 'pending');
  const failed = entries.filter((entry) => entry.state === 'failed');
  if (entries.length === 0) return null;
  return (
    <section className={styles.root} data-testid="outbox">
      {waiting.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{strings.pane.outboxWaiting(waiting.length)}</MessageBarBody>
        </MessageBar>
      )}
      {failed.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{strings.pane.outboxFailed(failed.length)}</MessageBarBody>
        </MessageBar>
      )}
      {failed.map((entry) => (
        <div key={entry.key} className={styles.failed}>
          <Caption1>
            {strings.pane.outboxRefused(
              strings.categories[entry.summary.category],
              entry.summary.subject || strings.pane.noSubject,
              failedEntryText(entry, strings),
            )}
          </Caption1>
          <Button size="small" onClick={() => props.onDismiss(entry.key)}>
            {strings.pane.dismiss}
          </Button>
        </div>
      ))}
    </section>
  );
}
