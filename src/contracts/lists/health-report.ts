/** The list health report (GET /api/allow-block-entries/health): what an admin should look at. */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime } from '../common';
import { EntryAction } from './values';

const EntryRef = Type.Object({ id: Type.String(), value: Type.String(), action: EntryAction });

export const HealthReport = Type.Object({
  generatedDateTime: IsoDateTime,
  expiringSoon: Type.Array(
    Type.Composite([EntryRef, Type.Object({ expirationDateTime: IsoDateTime })]),
  ),
  /** Not used for 30 days (or never, when older than 30 days). */
  unused: Type.Array(
    Type.Composite([
      EntryRef,
      Type.Object({
        lastUsedDateTime: Type.Union([IsoDateTime, Type.Null()]),
        createdDateTime: IsoDateTime,
      }),
    ]),
  ),
  /** Allow entries that can never act because a block entry covers every sender they cover. */
  shadowedAllows: Type.Array(Type.Object({ allow: EntryRef, block: EntryRef })),
  usersNearSafeSendersLimit: Type.Array(
    Type.Object({ user: Type.String(), used: Type.Integer(), limit: Type.Integer() }),
  ),
  /** 7+ allowed addresses in one domain: offer (never force) one domain entry instead. */
  domainSuggestions: Type.Array(
    Type.Object({ domain: Type.String(), addressCount: Type.Integer(), entryIds: Type.Array(Type.String()) }),
  ),
});
export type HealthReport = Static<typeof HealthReport>;
