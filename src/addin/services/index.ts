export { createAddinServices } from './create-services';
export type { AddinEnvironment, AddinServices } from './create-services';
export { officeEnvironment } from './office-environment';
