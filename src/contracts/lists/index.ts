/**
 * Sender lists: a user's own Safe Senders and Blocked Senders, the organisation's Tenant
 * Allow/Block List, and the filter decision those lists drive. Field names follow Exchange
 * Online and Microsoft Graph (`expirationDateTime`, `lastUsedDateTime`, `createdBy`...) so
 * admins who script Microsoft 365 recognise them.
 *
 * Values are checked loosely here (length, no control characters) and strictly by
 * src/core/lists (RFC 5321/5322 syntax, IDN normalisation, duplicates, limits), which
 * answers with one of LIST_ERROR_CODES. One file per resource; importers use this folder.
 */
export * from './values';
export * from './sender-lists';
export * from './allow-block-entries';
export * from './list-errors';
export * from './bulk-create';
export * from './health-report';
export * from './message-facts';
export * from './decisions';
