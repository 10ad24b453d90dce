/** Bulk create from a pasted list (POST /api/allow-block-entries/bulk): each line reports its outcome. */
import { Type, type Static } from '@sinclair/typebox';
import { AllowBlockEntry, ExpirationRequest } from './allow-block-entries';
import { ListError } from './list-errors';
import { EntryAction, Note } from './values';

/** One value per line; blank lines and `#` comments skipped. */
export const BulkCreateAllowBlockEntries = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 200_000 }),
    action: EntryAction,
    expiration: Type.Optional(ExpirationRequest),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type BulkCreateAllowBlockEntries = Static<typeof BulkCreateAllowBlockEntries>;

export const BulkLineResult = Type.Object({
  /** 1-based line number in the pasted text. */
  line: Type.Integer({ minimum: 1 }),
  input: Type.String(),
  outcome: Type.Union([Type.Literal('created'), Type.Literal('failed')]),
  entry: Type.Optional(AllowBlockEntry),
  errors: Type.Optional(Type.Array(ListError)),
});
export type BulkLineResult = Static<typeof BulkLineResult>;

/** Every line's outcome, and how many lines were created and failed. */
export const BulkCreateResponse = Type.Object({ results: Type.Array(BulkLineResult), created: Type.Integer({ minimum: 0 }), failed: Type.Integer({ minimum: 0 }) });
export type BulkCreateResponse = Static<typeof BulkCreateResponse>;
