export * from './common';
export * from './roles';
export * from './submissions';
