/**
 * The row actions, shared by the list and the detail page: a confirmed release, approve, deny
 * or delete (each told to the admin), and the .eml download.
 */
import { useCallback, useState } from 'react';
import type { QuarantineItem } from '../../../contracts/quarantine';
import { usePortal } from '../../app/context';
import { describeError } from '../../api/errors';
import type { RowAction } from './ConfirmDialog';

export interface ActionOutcome {
  action: RowAction;
  item: QuarantineItem;
  /** The row as it stands now; null once deleted. */
  updated: QuarantineItem | null;
}

export function useQuarantineActions(onDone: (outcome: ActionOutcome) => void) {
  const { api, t, notify } = usePortal();
  const [target, setTarget] = useState<{ action: RowAction; item: QuarantineItem } | null>(null);
  const [busy, setBusy] = useState(false);

  const confirm = useCallback(
    async (comment: string) => {
      if (!target) return;
      const { action, item } = target;
      setBusy(true);
      try {
        let updated: QuarantineItem | null = item;
        if (action === 'release') {
          const result = await api.releaseQuarantine(item.id);
          notify('success', result.released.length > 0 ? t.quarantine.released(result.released.length) : t.quarantine.nothingReleased);
          if (result.released.some((r) => r.id === item.id)) updated = { ...item, releaseStatus: 'released', releasedDateTime: new Date().toISOString() };
        } else if (action === 'approve' || action === 'deny') {
          const result = await api.decideRelease(item.id, action, comment || undefined);
          updated = result.item;
          notify('success', action === 'approve' ? t.quarantine.approved : t.quarantine.denied);
        } else {
          await api.deleteQuarantine(item.id);
          updated = null;
          notify('success', t.quarantine.deleted);
        }
        setTarget(null);
        onDone({ action, item, updated });
      } catch (error) {
        notify('error', describeError(t, error));
      } finally {
        setBusy(false);
      }
    },
    [api, notify, onDone, t, target],
  );

  const download = useCallback(
    async (id: string) => {
      try {
        const bytes = await api.quarantineMessage(id);
        const url = URL.createObjectURL(new Blob([bytes], { type: 'message/rfc822' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = `quarantine-${id}.eml`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      } catch (error) {
        notify('error', describeError(t, error));
      }
    },
    [api, notify, t],
  );

  return { target, busy, ask: (action: RowAction, item: QuarantineItem) => setTarget({ action, item }), cancel: () => setTarget(null), confirm, download };
}
