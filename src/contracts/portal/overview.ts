/** GET /api/overview: what the portal's first page draws. */
import { Type, type Static } from '@sinclair/typebox';
import { Cluster } from './clusters';

export const OverviewQuery = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, default: 30 })) },
  { additionalProperties: false },
);
export type OverviewQuery = Static<typeof OverviewQuery>;

export const Overview = Type.Object({
  days: Type.Integer(),
  /** One row per day (UTC date, oldest first), users' reports by the category they chose. */
  reportsPerDay: Type.Array(
    Type.Object({
      date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
      notJunk: Type.Integer(),
      spam: Type.Integer(),
      phishing: Type.Integer(),
      malware: Type.Integer(),
    }),
  ),
  /** "Not junk" reports per sender domain, the ten largest. */
  notJunkBySenderDomain: Type.Array(Type.Object({ domain: Type.String(), count: Type.Integer() })),
  /** Median minutes from a report to the admin's result, over reports reviewed in the period. */
  medianMinutesToResult: Type.Union([Type.Number(), Type.Null()]),
  open: Type.Integer(),
  reviewed: Type.Integer(),
  biggestOpenClusters: Type.Array(Cluster),
});
export type Overview = Static<typeof Overview>;
