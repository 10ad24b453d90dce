import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Catalog } from '../../../i18n';
import type { MessageFacts } from '../../office/types';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { margin: 0 },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

/** Who sent the open message and what it is about. */
export function MessageSummary(props: { message: MessageFacts; strings: Catalog }) {
  const styles = useStyles();
  const { message, strings } = props;
  const from = message.from;
  const sender = from ? (from.displayName ? `${from.displayName} <${from.address}>` : from.address) : '';
  return (
    <dl className={styles.root}>
      <dt className={styles.term}>
        <Caption1>{strings.pane.from}</Caption1>
      </dt>
      <dd className={styles.value} data-testid="message-sender">
        <Text>{sender}</Text>
      </dd>
      <dt className={styles.term}>
        <Caption1>{strings.pane.subject}</Caption1>
      </dt>
      <dd className={styles.value} data-testid="message-subject">
        <Text weight="semibold">{message.subject || strings.pane.noSubject}</Text>
      </dd>
    </dl>
  );
}
