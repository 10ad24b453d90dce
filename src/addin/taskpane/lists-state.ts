/**
 * The "Safe and blocked senders" section as a small state machine, kept free of React so it
 * can be tested on its own: both lists as the server last reported them, and the one
 * "what just happened" line (data-testid="lists-status", data-state = `status.state`).
 */
import type { SenderListItem, SenderListResponse } from '../../contracts/lists';
import type { Catalog } from '../../i18n';
import type { SenderListKind } from '../api/types';

export const SENDER_LIST_KINDS: readonly SenderListKind[] = ['safe', 'blocked'];

export type SenderListView =
  | { kind: 'loading' }
  | { kind: 'ready'; items: readonly SenderListItem[]; used: number; limit: number }
  /** `message`: why, in words (not available on this server, unreachable, refused). */
  | { kind: 'error'; message: string };

export type ListsStatus =
  | { state: 'idle' }
  | { state: 'working' }
  | { state: 'added' | 'removed'; tone: 'success'; text: string }
  | { state: 'error'; tone: 'error'; text: string };

export interface ListsState {
  lists: Readonly<Record<SenderListKind, SenderListView>>;
  status: ListsStatus;
}

export type ListsAction =
  | { type: 'loaded'; list: SenderListKind; response: SenderListResponse }
  | { type: 'loadFailed'; list: SenderListKind; message: string }
  | { type: 'working' }
  | { type: 'added'; list: SenderListKind; item: SenderListItem; strings: Catalog }
  | { type: 'removed'; list: SenderListKind; item: SenderListItem; strings: Catalog }
  /** `text`: the whole sentence, from listFailureText. */
  | { type: 'failed'; text: string };

export const INITIAL_LISTS_STATE: ListsState = {
  lists: { safe: { kind: 'loading' }, blocked: { kind: 'loading' } },
  status: { state: 'idle' },
};

/** Alphabetical by what the user reads, so an entry is easy to find whatever order the server keeps. */
export function sortItems(items: readonly SenderListItem[]): SenderListItem[] {
  return [...items].sort((a, b) => a.displayValue.localeCompare(b.displayValue) || a.value.localeCompare(b.value));
}

function withList(state: ListsState, list: SenderListKind, view: SenderListView): ListsState['lists'] {
  return { ...state.lists, [list]: view };
}

/** The list after the server stored `item` (a re-add of a known value replaces it, without counting twice). */
function afterAdd(view: SenderListView, item: SenderListItem): SenderListView {
  if (view.kind !== 'ready') return view;
  const known = view.items.some((existing) => existing.value === item.value);
  const others = view.items.filter((existing) => existing.value !== item.value);
  return { ...view, items: sortItems([...others, item]), used: known ? view.used : view.used + 1 };
}

function afterRemove(view: SenderListView, value: string): SenderListView {
  if (view.kind !== 'ready') return view;
  const items = view.items.filter((existing) => existing.value !== value);
  const removed = view.items.length - items.length;
  return { ...view, items, used: Math.max(0, view.used - removed) };
}

export function listsReducer(state: ListsState, action: ListsAction): ListsState {
  switch (action.type) {
    case 'loaded': {
      const { items, used, limit } = action.response;
      return { ...state, lists: withList(state, action.list, { kind: 'ready', items: sortItems(items), used, limit }) };
    }
    case 'loadFailed':
      return { ...state, lists: withList(state, action.list, { kind: 'error', message: action.message }) };
    case 'working':
      return { ...state, status: { state: 'working' } };
    case 'added':
      return {
        lists: withList(state, action.list, afterAdd(state.lists[action.list], action.item)),
        status: { state: 'added', tone: 'success', text: action.strings.lists.added[action.list](action.item.displayValue) },
      };
    case 'removed':
      return {
        lists: withList(state, action.list, afterRemove(state.lists[action.list], action.item.value)),
        status: {
          state: 'removed',
          tone: 'success',
          text: action.strings.lists.removed[action.list](action.item.displayValue),
        },
      };
    case 'failed':
      return { ...state, status: { state: 'error', tone: 'error', text: action.text } };
  }
}

/** The plain text of the section's status line. */
export function listsStatusText(status: ListsStatus, strings: Catalog): string {
  if (status.state === 'idle') return '';
  if (status.state === 'working') return strings.lists.working;
  return status.text;
}
