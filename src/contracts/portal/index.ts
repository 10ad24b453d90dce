export * from './audit';
export * from './clusters';
export * from './mail-queue';
export * from './overview';
export * from './review';
export * from './settings';
export * from './sign-in';
export * from './pages';
