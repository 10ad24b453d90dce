export { moveReportedMessage, graphUnavailableReason } from './strategy';
export type { MoveContext, MoveDeps, MoveMethod, MoveOutcome } from './strategy';
export { graphReportMessage, GRAPH_BASE_URL } from './graph';
export type { GraphReportAction } from './graph';
