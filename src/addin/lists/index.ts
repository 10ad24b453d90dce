export { chosenValue, domainOf, senderAddress, senderChoices } from './choices';
export type { SenderChoice, SenderChoices } from './choices';
export { isExplainedFailure, listFailureText } from './describe';
