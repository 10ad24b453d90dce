export { readStoredRefusal, refusalFrom } from './refusal';
export type { Refusal, RefusalReason } from './refusal';
export { failedEntryText, reasonText, refusalText } from './describe';
