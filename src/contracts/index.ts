export * from './common';
export * from './roles';
export * from './submissions';
export * from './addin-config';
export * from './lists';
export * from './verdict';
export * from './portal';
export * from './quarantine';
