/** Safe Senders and Blocked Senders: an end user's own lists (/api/me/safe-senders, /api/me/blocked-senders). */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime } from '../common';
import { ListValue, ListValueType } from './values';

/** POST /api/me/safe-senders and /api/me/blocked-senders. */
export const SenderListBody = Type.Object({ value: ListValue }, { additionalProperties: false });
export type SenderListBody = Static<typeof SenderListBody>;

export const SenderListItem = Type.Object({
  /** Normalised: lower case, domains in punycode (A-labels). */
  value: Type.String(),
  /** The same value with domains in Unicode, for showing to people. */
  displayValue: Type.String(),
  valueType: ListValueType,
  createdDateTime: IsoDateTime,
});
export type SenderListItem = Static<typeof SenderListItem>;

/** GET of either list. `used`/`limit` let the task pane show how close the user is. */
export const SenderListResponse = Type.Object({
  items: Type.Array(SenderListItem),
  used: Type.Integer({ minimum: 0 }),
  limit: Type.Integer({ minimum: 0 }),
});
export type SenderListResponse = Static<typeof SenderListResponse>;
