/** GET /api/audit: every change made through the API, newest first; CSV with Accept: text/csv. */
import { Type, type Static } from '@sinclair/typebox';
import { IsoDateTime } from '../common';

export const AuditRecord = Type.Object({
  id: Type.Integer(),
  at: IsoDateTime,
  actor: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  /** What changed: `before` and `after` where a value changed, and the action's own details. */
  detail: Type.Object({}, { additionalProperties: true }),
});
export type AuditRecord = Static<typeof AuditRecord>;

export const AuditQuery = Type.Object(
  {
    targetType: Type.Optional(Type.String({ maxLength: 64 })),
    targetId: Type.Optional(Type.String({ maxLength: 400 })),
    actor: Type.Optional(Type.String({ maxLength: 320 })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
    /** Words to find in the target or the details. */
    q: Type.Optional(Type.String({ maxLength: 200 })),
    after: Type.Optional(IsoDateTime),
    before: Type.Optional(IsoDateTime),
    /** Paging: rows with an id below this (pass `nextCursor`). */
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditPage = Type.Object({ items: Type.Array(AuditRecord), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type AuditPage = Static<typeof AuditPage>;
