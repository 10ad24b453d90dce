import { Body1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { senderChoices } from '../../lists/choices';
import type { MessageFacts } from '../../office/types';
import { usePane } from '../context';
import { useSenderLists } from '../hooks/useSenderLists';
import { SENDER_LIST_KINDS } from '../lists-state';
import { AddSenderForm } from './AddSenderForm';
import { ConfirmAddDialog, type PendingAdd } from './ConfirmAddDialog';
import { ListsStatusRegion } from './ListsStatusRegion';
import { SenderListView } from './SenderListView';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * "Safe and blocked senders": add the selected message's sender (after a confirmation) and
 * manage the user's own lists. Shown without a message too, so the lists stay reachable; the
 * sender choices follow the selection in a pinned pane.
 */
export function SenderListsSection(props: { message: MessageFacts | null }) {
  const styles = useStyles();
  const services = usePane();
  const { strings } = services;
  const choices = useMemo(() => senderChoices(props.message), [props.message]);
  const { state, add, remove } = useSenderLists(services.senderLists, strings);
  const [pending, setPending] = useState<PendingAdd | null>(null);
  const [confirming, setConfirming] = useState(false);
  const ask = (request: PendingAdd) => {
    setPending(request);
    setConfirming(true);
  };
  const busy = state.status.state === 'working';
  return (
    <section className={styles.root} aria-labelledby="lists-heading" data-testid="sender-lists">
      <Subtitle2 as="h2" id="lists-heading">
        {strings.lists.heading}
      </Subtitle2>
      <Body1>{strings.lists.help}</Body1>
      {choices !== null && (
        // Keyed by the sender: another message's sender starts again from the narrowest choice.
        <AddSenderForm key={choices.address} choices={choices} strings={strings} busy={busy} onRequest={(list, value) => ask({ list, value })} />
      )}
      <ListsStatusRegion status={state.status} strings={strings} />
      {SENDER_LIST_KINDS.map((list) => (
        <SenderListView
          key={list}
          list={list}
          view={state.lists[list]}
          strings={strings}
          busy={busy}
          onRemove={(kind, item) => void remove(kind, item)}
        />
      ))}
      <ConfirmAddDialog
        pending={pending}
        open={confirming}
        strings={strings}
        onCancel={() => setConfirming(false)}
        onConfirm={(confirmed) => {
          setConfirming(false);
          void add(confirmed.list, confirmed.value);
        }}
      />
    </section>
  );
}
