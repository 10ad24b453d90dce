/**
 * Use cases for submissions: a user reports a message; people read reports they may see.
 * A submission is acknowledged only after its row and its original message are committed
 * (together, in one transaction), so an acknowledged report is never lost.
 */
import { pickLocale } from '../../i18n';
import { randomUUID } from 'node:crypto';
import type { CreateSubmission, ListSubmissionsQuery, MySubmissionsQuery, Submission, SubmissionDetail, SubmissionPage } from '../../contracts/submissions';
import { canReadAll, canReadSubmissionOf, type Principal } from '../../core/permissions';
import type { Clock } from '../../core/time/clock';
import { headerBlockOf, headerFields } from '../mail/header-block';
import { messageBlobOf, type BlobReader } from '../store/blob-store';
import { isUniqueViolation, type SubmissionFilter, type SubmissionRow, type SubmissionsRepo } from '../store/submissions-repo';
import { decodeBase64Strict } from './base64';
import { badRequest, forbidden, notFound, tooLarge, tooMany } from './errors';
import { isoInstant } from './instants';
import { QuotaCounter } from './quota-counter';
import { cursorPosition } from './paging';
import { searchWordsOf } from '../store/search-text';
import { newRowState, toSubmission } from './submission-view';

export interface SubmissionsDeps {
  repo: SubmissionsRepo;
  blobs: BlobReader;
  clock: Clock;
  maxMessageBytes: number;
  /** Reports one user may make per UTC day; 0 = no quota. */
  submissionsPerDay: number;
  /**
   * Told of each new user report once it is committed (clustering picks it up from here). It
   * must not throw or wait: the reporter's answer does not depend on it.
   */
  afterCreate?: (row: SubmissionRow) => void;
}

export interface CreateOutcome {
  submission: Submission;
  /** False when the idempotency key matched an earlier submission, which is returned instead. */
  created: boolean;
}

const DEFAULT_LIMIT = 50;
/** More words than this do not narrow a subject search further; they only cost. */
const MAX_SEARCH_WORDS = 8;

/**
 * The words of a subject search, each matched as the start of a word: letters and digits in
 * any script, lower-cased, accents kept (the index folds them). Everything else separates
 * words, so no search syntax of either database reaches it.
 */
export function searchWords(q: string): string[] {
  return [...new Set(searchWordsOf(q).map((w) => w.slice(0, 64)))].slice(0, MAX_SEARCH_WORDS);
}

/** "3 h 12 min", "45 min", "20 s": how long until something, for a person. */
function formatWait(seconds: number): string {
  const whole = Math.max(1, Math.ceil(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${whole} s`;
}

export class SubmissionsService {
  private readonly quota: QuotaCounter;

  constructor(private readonly deps: SubmissionsDeps) {
    this.quota = new QuotaCounter((subject, since, atMost) => deps.repo.countByCreatorSince(subject, since, atMost), deps.submissionsPerDay);
  }

  async create(principal: Principal, input: CreateSubmission, idempotencyKey: string | undefined): Promise<CreateOutcome> {
    if (idempotencyKey !== undefined) {
      const earlier = await this.deps.repo.byIdempotencyKey(principal.email, idempotencyKey);
      if (earlier) return { submission: toSubmission(earlier), created: false };
    }
    const midnight = await this.checkQuota(principal);
    const { headersRaw, blob } = await this.originalOf(input);
    const row: SubmissionRow = {
      id: randomUUID(),
      category: input.category,
      source: 'user',
      status: 'pending',
      internet_message_id: input.internetMessageId,
      recipient_email_address: input.recipientEmailAddress.toLowerCase(),
      to_recipients: JSON.stringify((input.toRecipients ?? []).map((a) => a.toLowerCase())),
      sender: input.sender.toLowerCase(),
      subject: input.subject,
      received_date_time: isoInstant(input.receivedDateTime, 'receivedDateTime'),
      created_date_time: this.deps.clock.now().toISOString(),
      created_by_email: principal.email,
      created_by_subject: principal.id,
      created_by_name: principal.displayName ?? null,
      comment: input.comment ?? null,
      message_sha256: blob?.sha256 ?? null,
      message_size: blob?.size ?? null,
      headers_raw: headersRaw,
      original_submission_id: null,
      result: null,
      idempotency_key: idempotencyKey ?? null,
      ...newRowState(input.sender.toLowerCase(), input.subject, input.locale === undefined ? null : pickLocale(input.locale)),
    };
    try {
      await this.deps.repo.insert(row, blob);
    } catch (error) {
      // Two retries of one report raced: the other one won, so answer with its submission.
      if (idempotencyKey !== undefined && isUniqueViolation(error)) {
        const winner = await this.deps.repo.byIdempotencyKey(principal.email, idempotencyKey);
        if (winner) return { submission: toSubmission(winner), created: false };
      }
      throw error;
    }
    this.quota.accepted(principal.id, midnight);
    this.deps.afterCreate?.(row);
    return { submission: toSubmission(row), created: true };
  }

  /**
   * The daily quota, counted per stable subject from UTC midnight. Retries of one report (the
   * same Idempotency-Key) were answered above and never count twice. Reports racing each other
   * from one user can overshoot by the few in one group commit; the quota is a brake on abuse,
   * not an exact ledger.
   */
  private async checkQuota(principal: Principal): Promise<number> {
    const quota = this.deps.submissionsPerDay;
    const now = this.deps.clock.now();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    if (quota === 0) return midnight;
    const made = await this.quota.made(principal.id, midnight, now.getTime());
    if (made < quota) return midnight;
    const resets = new Date(midnight + 86_400_000);
    const seconds = (resets.getTime() - now.getTime()) / 1000;
    throw tooMany(
      'quota_exceeded',
      `you have made ${quota} reports today, the most this server takes from one person in a day; the quota resets at ${resets.toISOString()} (in ${formatWait(seconds)})`,
      seconds,
    );
  }

  /** Decodes and checks the original, and hashes it for storage with the row. */
  private async originalOf(input: CreateSubmission) {
    if (input.message === undefined) {
      if (input.headers === undefined) {
        throw badRequest('message_or_headers_required', 'give the original message (message, base64 EML) or at least its internet headers (headers)');
      }
      if (headerFields(input.headers).length === 0) {
        throw badRequest('invalid_headers', 'headers does not contain any "Name: value" header field');
      }
      return { headersRaw: input.headers, blob: undefined };
    }
    // base64 is 4/3 the size of its bytes: refuse before decoding anything huge.
    if (Math.floor((input.message.length * 3) / 4) > this.deps.maxMessageBytes + 3) {
      throw tooLarge(`the message is larger than the ${this.deps.maxMessageBytes} byte limit`);
    }
    const bytes = decodeBase64Strict(input.message, 'message');
    if (bytes.length > this.deps.maxMessageBytes) {
      throw tooLarge(`the message is ${bytes.length} bytes; the limit is ${this.deps.maxMessageBytes}`);
    }
    const headersRaw = headerBlockOf(bytes);
    if (headerFields(headersRaw).length === 0) {
      throw badRequest('invalid_message', 'message is not an RFC 5322 message: it has no header fields');
    }
    return { headersRaw, blob: await messageBlobOf(bytes) };
  }

  async mine(principal: Principal, query: MySubmissionsQuery): Promise<SubmissionPage> {
    const filter: SubmissionFilter = { createdBy: principal.email };
    if (query.internetMessageId !== undefined) filter.internetMessageId = query.internetMessageId;
    return this.page(filter, query.limit, query.cursor);
  }

  async list(principal: Principal, query: ListSubmissionsQuery): Promise<SubmissionPage> {
    if (!canReadAll(principal)) throw forbidden('listing all submissions needs the SecurityAdministrator or SecurityReader role');
    const filter: SubmissionFilter = {};
    if (query.category) filter.category = query.category;
    if (query.status) filter.status = query.status;
    if (query.source) filter.source = query.source;
    if (query.review) filter.review = query.review;
    if (query.reporter) filter.createdBy = query.reporter.toLowerCase();
    // An address names one sender; a bare domain every sender at it.
    if (query.sender) {
      const sender = query.sender.trim().toLowerCase().replace(/^@/, '');
      if (sender.includes('@')) filter.sender = sender;
      else filter.senderDomain = sender;
    }
    if (query.recipient) filter.recipient = query.recipient.toLowerCase();
    if (query.internetMessageId) filter.internetMessageId = query.internetMessageId;
    if (query.clusterId) filter.clusterId = query.clusterId;
    if (query.q !== undefined) {
      const words = searchWords(query.q);
      if (words.length === 0) throw badRequest('invalidSearch', 'q: search for at least one word of letters or digits');
      filter.subjectWords = words;
    }
    if (query.sort === 'oldest') filter.oldestFirst = true;
    if (query.createdAfter) filter.createdAfter = isoInstant(query.createdAfter, 'createdAfter');
    if (query.createdBefore) filter.createdBefore = isoInstant(query.createdBefore, 'createdBefore');
    return this.page(filter, query.limit, query.cursor);
  }

  private async page(filter: SubmissionFilter, limit: number | undefined, cursor: string | undefined): Promise<SubmissionPage> {
    const { rows, nextCursor } = await this.deps.repo.list(filter, limit ?? DEFAULT_LIMIT, cursorPosition(cursor));
    return { items: rows.map(toSubmission), nextCursor };
  }

  private async readable(principal: Principal, id: string): Promise<SubmissionRow> {
    const row = await this.deps.repo.byId(id);
    if (!row) throw notFound(`submission ${id}`);
    if (!canReadSubmissionOf(principal, row.created_by_email)) {
      throw forbidden(`submission ${id} belongs to another user; reading it needs the SecurityAdministrator or SecurityReader role`);
    }
    return row;
  }

  async get(principal: Principal, id: string): Promise<SubmissionDetail> {
    const row = await this.readable(principal, id);
    return { ...toSubmission(row), headers: headerFields(row.headers_raw) };
  }

  /** The exact bytes received, for the .eml download. */
  async originalMessage(principal: Principal, id: string): Promise<Buffer> {
    const row = await this.readable(principal, id);
    if (row.message_sha256 === null) throw notFound(`the original message of submission ${id} (only its headers were reported)`);
    const bytes = await this.deps.blobs.get(row.message_sha256);
    if (!bytes) throw notFound(`the original message of submission ${id}`);
    return bytes;
  }
}
