import {
  Body1,
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Catalog } from '../../../i18n';
import type { SenderListKind } from '../../api/types';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  value: { overflowWrap: 'anywhere' },
});

/** An addition the user asked for and has not yet confirmed. */
export interface PendingAdd {
  list: SenderListKind;
  value: string;
}

/**
 * "Add to your safe senders?" showing exactly the value that will be sent and the list it
 * goes to. Nothing is saved until "Add"; Cancel, Escape and a click outside all cancel.
 *
 * The Dialog stays mounted and is closed through `open` (keeping the last request on screen
 * while it animates out): unmounting an open modal Dialog would skip Fluent's clean-up and
 * leave the rest of the pane hidden from assistive technology.
 */
export function ConfirmAddDialog(props: {
  /** The last requested addition; null until the user first asks for one. */
  pending: PendingAdd | null;
  open: boolean;
  strings: Catalog;
  onConfirm: (pending: PendingAdd) => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const { pending, strings, onCancel } = props;
  if (pending === null) return null;
  return (
    <Dialog open={props.open} onOpenChange={(_event, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{strings.lists.confirmTitle[pending.list]}</DialogTitle>
          <DialogContent className={styles.content}>
            <Caption1>{strings.lists.confirmValueLabel}</Caption1>
            <Text weight="semibold" className={styles.value} data-testid="confirm-value">
              {pending.value}
            </Text>
            <Body1>{strings.lists.confirmEffect[pending.list]}</Body1>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => props.onConfirm(pending)}>
              {strings.lists.confirm}
            </Button>
            <Button appearance="secondary" onClick={onCancel}>
              {strings.lists.cancel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
