/**
 * One confirmation for every quarantine action of a row: release, approve or deny a request,
 * delete. Approve and deny take an optional comment for the requester's notice.
 */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { QuarantineItem } from '../../../contracts/quarantine';
import { usePortal } from '../../app/context';

export type RowAction = 'release' | 'approve' | 'deny' | 'delete';

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM } });

export function ConfirmDialog({
  target,
  busy,
  onCancel,
  onConfirm,
}: {
  target: { action: RowAction; item: QuarantineItem } | null;
  busy: boolean;
  onCancel(): void;
  onConfirm(comment: string): void;
}) {
  const styles = useStyles();
  const { t } = usePortal();
  const [comment, setComment] = useState('');
  useEffect(() => setComment(''), [target]);
  const q = t.quarantine;
  const texts = target
    ? {
        release: q.confirmRelease,
        approve: q.confirmApprove,
        deny: q.confirmDeny,
        delete: q.confirmDelete,
      }[target.action]
    : null;
  const subject = target ? target.item.subject || q.noSubject : '';
  return (
    <Dialog open={target !== null} onOpenChange={(_e, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface data-testid="confirm-dialog">
        <DialogBody>
          <DialogTitle>{texts?.title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>{target && texts ? texts.body(target.action === 'release' ? subject : target.item.recipient) : null}</Text>
            {target?.action === 'approve' || target?.action === 'deny' ? (
              <Field label={q.commentLabel}>
                <Textarea value={comment} maxLength={2000} onChange={(_e, data) => setComment(data.value)} />
              </Field>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onCancel}>
              {t.common.cancel}
            </Button>
            <Button appearance="primary" disabled={busy} onClick={() => onConfirm(comment.trim())} data-testid="confirm-action">
              {texts?.action}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
