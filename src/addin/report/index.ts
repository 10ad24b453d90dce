export { REPORT_CATEGORIES, CATEGORY_FACTS, categoryFromSpamOptions } from './categories';
export type { ReportCategory, Destination } from './categories';
export { buildSubmission, IncompleteMessageError, reportLocale, withLocale } from './build-submission';
export type { BuiltSubmission, MessageContent } from './build-submission';
export { reportMessage, readMessageContent } from './report-message';
export type { ReportDeps, ReportRequest, ReportResult } from './report-message';
export { describeReport, describeMove, spamDialogFor } from './describe';
export type { ReportDescription, ReportState, Tone } from './describe';
