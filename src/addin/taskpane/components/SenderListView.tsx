import { Button, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons/svg/delete';
import type { SenderListItem } from '../../../contracts/lists';
import type { Catalog } from '../../../i18n';
import type { SenderListKind } from '../../api/types';
import type { SenderListView as View } from '../lists-state';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  header: { display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  value: { overflowWrap: 'anywhere' },
});

/** Test ids for the end-to-end tests: one per entry. */
const ITEM_TEST_ID: Readonly<Record<SenderListKind, string>> = { safe: 'safe-sender', blocked: 'blocked-sender' };

/**
 * One of the user's lists with "N of LIMIT used". Each entry has its own Remove button,
 * named "Remove <value>" for assistive technology, so the click says what it removes.
 */
export function SenderListView(props: {
  list: SenderListKind;
  view: View;
  strings: Catalog;
  busy: boolean;
  onRemove: (list: SenderListKind, item: SenderListItem) => void;
}) {
  const styles = useStyles();
  const { list, view, strings } = props;
  const headingId = `${list}-senders-heading`;
  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid={`${list}-senders`} data-state={view.kind}>
      <div className={styles.header}>
        <Subtitle2 as="h3" id={headingId}>
          {strings.lists.listHeading[list]}
        </Subtitle2>
        {view.kind === 'ready' && (
          <Caption1 data-testid={`${list}-senders-used`}>{strings.lists.used(view.used, view.limit)}</Caption1>
        )}
      </div>
      {view.kind === 'loading' && <Spinner size="tiny" label={strings.lists.loading} />}
      {view.kind === 'error' && <Text>{view.message}</Text>}
      {view.kind === 'ready' && view.items.length === 0 && <Text>{strings.lists.empty}</Text>}
      {view.kind === 'ready' && view.items.length > 0 && (
        <ul className={styles.list}>
          {view.items.map((item) => (
            <li key={item.value} className={styles.item} data-testid={ITEM_TEST_ID[list]} data-value={item.value}>
              <Text className={styles.value}>{item.displayValue}</Text>
              <Button
                size="small"
                appearance="subtle"
                icon={<Delete20Regular />}
                aria-label={strings.lists.removeLabel(item.displayValue)}
                disabled={props.busy}
                onClick={() => props.onRemove(list, item)}
              >
                {strings.lists.remove}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
