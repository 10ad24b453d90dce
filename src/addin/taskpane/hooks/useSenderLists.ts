import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { SenderListItem } from '../../../contracts/lists';
import type { Catalog } from '../../../i18n';
import { ApiError } from '../../api/errors';
import type { SenderListKind } from '../../api/types';
import { listFailureText } from '../../lists/describe';
import { INITIAL_LISTS_STATE, SENDER_LIST_KINDS, listsReducer } from '../lists-state';
import type { SenderListsService } from '../pane-services';

/**
 * The user's safe and blocked senders: loaded when the pane opens, changed through the
 * server, and the outcome of the last change. A list read that started before a change is
 * dropped when it arrives, so a slow read never resurrects an entry just removed.
 */
export function useSenderLists(service: SenderListsService, strings: Catalog) {
  const [state, dispatch] = useReducer(listsReducer, INITIAL_LISTS_STATE);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  const changes = useRef<Record<SenderListKind, number>>({ safe: 0, blocked: 0 });
  const mounted = useRef(true);

  const load = useCallback(
    (list: SenderListKind) => {
      const startedAt = changes.current[list];
      const fresh = () => mounted.current && changes.current[list] === startedAt;
      service
        .list(list)
        .then((response) => fresh() && dispatch({ type: 'loaded', list, response }))
        .catch((error: unknown) => {
          const message = listFailureText(error, strings, (reason) => `${strings.lists.loadFailed} ${reason}`);
          if (fresh()) dispatch({ type: 'loadFailed', list, message });
        });
    },
    [service, strings],
  );

  useEffect(() => {
    mounted.current = true;
    for (const list of SENDER_LIST_KINDS) load(list);
    return () => {
      mounted.current = false;
    };
  }, [load]);

  /** After a change: the list is re-read when we had no good copy, or the server's refusal says ours is stale. */
  const settle = useCallback(
    (list: SenderListKind, error: unknown) => {
      changes.current[list] += 1;
      if (stateRef.current.lists[list].kind !== 'ready' || error instanceof ApiError) load(list);
    },
    [load],
  );

  const add = useCallback(
    async (list: SenderListKind, value: string): Promise<boolean> => {
      dispatch({ type: 'working' });
      try {
        const item = await service.add(list, value);
        dispatch({ type: 'added', list, item, strings });
        settle(list, null);
        return true;
      } catch (error) {
        const text = listFailureText(error, strings, (reason) => strings.lists.addFailed[list](value, reason));
        dispatch({ type: 'failed', text });
        settle(list, error);
        return false;
      }
    },
    [service, strings, settle],
  );

  const remove = useCallback(
    async (list: SenderListKind, item: SenderListItem): Promise<void> => {
      dispatch({ type: 'working' });
      try {
        // 'alreadyGone' is reported as removed: the user wanted it off the list, and it is.
        await service.remove(list, item.value);
        dispatch({ type: 'removed', list, item, strings });
        settle(list, null);
      } catch (error) {
        const text = listFailureText(error, strings, (reason) =>
          strings.lists.removeFailed[list](item.displayValue, reason),
        );
        dispatch({ type: 'failed', text });
        settle(list, error);
      }
    },
    [service, strings, settle],
  );

  return { state, add, remove };
}
