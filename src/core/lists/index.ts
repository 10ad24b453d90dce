/** Sender lists: normalisation, validation, expiry, matching, decide(), health. */
export { listError, listErrors, type Result } from './errors';
export * from './values';
export * from './value-keys';
export * from './expiry';
export * from './types';
export * from './own-domains';
export * from './entry-validation';
export * from './user-lists';
export * from './matching-index';
export * from './decision-policy';
export * from './decide';
export * from './explain';
export * from './suggestions';
export * from './health';
export * from './filters';
