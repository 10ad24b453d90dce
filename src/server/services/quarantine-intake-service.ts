/**
 * Quarantine intake: a message and its envelope recipients in (from the SMTP listener, POST
 * /api/quarantine or `second-look import`), one row per recipient out, all sharing the one
 * stored original. Nothing is acknowledged before it is committed: `intake` resolves only once
 * the rows and the message are on disk, and every caller answers (250, 201, "imported") only
 * then.
 *
 * The reason is read from the message's own filter headers as the analyzer decodes them (only
 * what the organisation's boundary wrote counts), else from the envelope recipient's tag; the
 * policy from the configured mapping; the expiry from the reason's retention. A message already
 * quarantined for a recipient (the same Message-ID and bytes) is reported as a duplicate and
 * left as it is.
 */
import { hash } from 'node:crypto';
import type { QuarantineIntakeItem, QuarantineReason } from '../../contracts/quarantine';
import { decodeHeaders } from '../../core/analysis';
import type { TrustSettings } from '../../core/analysis/trust/settings';
import { bandKeys, FINGERPRINT_VERSION, signatureFromBytes } from '../../core/clusters';
import { checkRecipient, distinctMailboxes, expiresAt, quarantineFields, reasonFromVerdict, storableToken, MAX_ADDRESS, type RecipientCheck } from '../../core/quarantine';
import type { Clock } from '../../core/time/clock';
import { headerBlockOf, headerFields } from '../mail/header-block';
import type { ThreadFingerprint } from '../mail/fingerprint-thread';
import { messageBlobOf } from '../store/blob-store';
import type { QuarantineIntakeWriter, QuarantinedMessageRow } from '../store/quarantine-intake-writer';
import { searchableText } from '../store/search-text';
import type { Store } from '../store/unit-of-work';
import { canIntakeQuarantine, type Principal } from '../../core/permissions';
import { forbidden, ServiceError } from './errors';
import type { PolicySource } from './settings-service';

export type IntakeSource = 'smtp' | 'http' | 'import';

export interface IntakeRequest {
  /** The message exactly as received. */
  bytes: Buffer;
  /** The envelope recipients as given (RCPT TO, X-Envelope-To, --recipient …). */
  recipients: readonly string[];
  /** MAIL FROM ('' for the null sender); undefined when unknown (the Return-Path is used then). */
  envelopeSender?: string;
  source: IntakeSource;
}

export interface IntakeOutcome {
  internetMessageId: string;
  messageSha256: string;
  stored: number;
  duplicates: number;
  items: QuarantineIntakeItem[];
}

/** Why a message was refused, as a stable code (the SMTP listener and the CLI read it). */
export type IntakeRefusalCode = 'emptyMessage' | 'tooLarge' | 'noHeaders' | 'noRecipients' | 'tooManyRecipients' | 'recipientRefused';

export class IntakeRefusal extends ServiceError {
  constructor(
    statusCode: number,
    readonly refusal: IntakeRefusalCode,
    message: string,
    /** Each refused recipient, when that is why. */
    readonly recipients: ReadonlyArray<Extract<RecipientCheck, { ok: false }>> = [],
  ) {
    super(statusCode, refusal, message, recipients.length > 0 ? recipients.map((r) => ({ code: r.code, message: `${r.recipient}: ${r.message}`, recipient: r.recipient })) : undefined);
  }
}

export interface QuarantineIntakeDeps {
  store: Store;
  writer: QuarantineIntakeWriter;
  clock: Clock;
  /** The accepted domains (the portal's settings, the environment's until an admin saves them). */
  policy: PolicySource;
  maxMessageBytes: number;
  /** Where the organisation's boundary is: whose filter headers count. */
  trust: TrustSettings;
  retentionDays: Readonly<Record<QuarantineReason, number>>;
  /** Which policy each reason's messages get (Settings, else the environment's mapping). */
  reasonPolicies: () => Promise<Readonly<Record<QuarantineReason, string>>>;
  /** The fingerprint thread (core/clusters' MinHash of the text). */
  fingerprint: (messages: ReadonlyArray<Uint8Array | undefined>) => Promise<ThreadFingerprint[]>;
  logError: (error: unknown, message: string) => void;
}

/** Recipients of one message at most (an SMTP transaction's RCPT TO count is held to it too). */
export const MAX_RECIPIENTS = 1000;
/** The band keys' scope: quarantined content is compared across every sender. */
const BAND_SCOPE = 'quarantine';

/** The row's id: the same Message-ID, recipient and bytes are the same row (and so a duplicate). */
export function quarantineRowId(internetMessageId: string, recipient: string, sha256: string): string {
  return hash('sha256', `${internetMessageId}\n${recipient}\n${sha256}`, 'hex').slice(0, 32);
}

export class QuarantineIntakeService {
  constructor(private readonly deps: QuarantineIntakeDeps) {}

  get maxMessageBytes(): number {
    return this.deps.maxMessageBytes;
  }

  /** Is `recipient` one the quarantine takes? (The SMTP listener asks at RCPT TO.) */
  async checkRecipient(recipient: string): Promise<RecipientCheck> {
    const { acceptedDomains } = await this.deps.policy.current();
    return checkRecipient(recipient, acceptedDomains);
  }

  /** POST /api/quarantine: an integration (the QuarantineIntake role) hands over a message. */
  async intakeUpload(principal: Principal, bytes: Buffer, recipients: readonly string[]): Promise<IntakeOutcome> {
    if (!canIntakeQuarantine(principal)) throw forbidden('handing messages to the quarantine needs the QuarantineIntake role');
    return this.intake({ bytes, recipients, source: 'http' });
  }

  /** Stores the message for each recipient; resolves once committed. Throws IntakeRefusal for what it will not take. */
  async intake(request: IntakeRequest): Promise<IntakeOutcome> {
    const { bytes } = request;
    if (bytes.length === 0) throw new IntakeRefusal(400, 'emptyMessage', 'the message is empty (0 bytes)');
    if (bytes.length > this.deps.maxMessageBytes) throw new IntakeRefusal(413, 'tooLarge', `the message is ${bytes.length} bytes; the limit is ${this.deps.maxMessageBytes}`);
    const headerBlock = headerBlockOf(bytes);
    if (headerFields(headerBlock).length === 0) throw new IntakeRefusal(400, 'noHeaders', 'the message has no header fields: it is not an RFC 5322 message');
    const mailboxes = await this.acceptedMailboxes(request.recipients);

    const facts = decodeHeaders(headerBlock, { trust: this.deps.trust });
    const fields = quarantineFields(facts.sender);
    const envelopeSender = request.envelopeSender ?? facts.sender.returnPath?.address ?? '';
    const blob = await messageBlobOf(bytes);
    const fingerprint = await this.fingerprintOf(bytes);
    const now = this.deps.clock.now();
    const received = now.toISOString();
    const reasonPolicies = await this.deps.reasonPolicies();

    const rows: QuarantinedMessageRow[] = mailboxes.map(({ mailbox, tag }) => {
      const decision = reasonFromVerdict(facts, tag);
      return {
        id: quarantineRowId(fields.internetMessageId, mailbox, blob.sha256),
        message_sha256: blob.sha256,
        message_size: blob.size,
        internet_message_id: fields.internetMessageId,
        recipient: mailbox,
        sender: fields.sender,
        sender_name: fields.senderName,
        sender_domain: fields.senderDomain,
        envelope_sender: storableToken(envelopeSender, MAX_ADDRESS).toLowerCase(),
        subject: fields.subject,
        subject_folded: searchableText(fields.subject),
        received_date_time: received,
        reason: decision.reason,
        reason_basis: decision.basis,
        reason_evidence: decision.evidence === undefined ? null : `${decision.evidence.header}: ${decision.evidence.value}`.slice(0, 1000),
        policy: reasonPolicies[decision.reason],
        expires_date_time: expiresAt(now, decision.reason, this.deps.retentionDays).toISOString(),
        release_status: 'notReleased',
        release_requested_date_time: null,
        release_decided_date_time: null,
        release_decided_by: null,
        released_date_time: null,
        source: request.source,
        fingerprint: fingerprint?.bytes ?? null,
        fingerprint_version: fingerprint === undefined ? 0 : FINGERPRINT_VERSION,
      };
    });

    // Rows already there are duplicates: the same delivery again. The insert leaves them as
    // they are (their ids are the same), so a race between two deliveries is harmless too.
    const existing = await this.deps.store.repos.quarantine.existingIds(rows.map((r) => r.id));
    const fresh = rows.filter((r) => !existing.has(r.id));
    if (fresh.length > 0) await this.deps.writer.insert({ rows: fresh, blob, bandKeys: fingerprint?.bandKeys ?? [] });
    return {
      internetMessageId: fields.internetMessageId,
      messageSha256: blob.sha256,
      stored: fresh.length,
      duplicates: rows.length - fresh.length,
      items: rows.map((row) => ({
        id: row.id,
        recipient: row.recipient,
        reason: row.reason as QuarantineReason,
        reasonBasis: row.reason_basis as QuarantineIntakeItem['reasonBasis'],
        policy: row.policy,
        expiresDateTime: row.expires_date_time,
        duplicate: existing.has(row.id),
      })),
    };
  }

  /** Every recipient checked: all accepted, or the message is refused naming each refusal. */
  private async acceptedMailboxes(recipients: readonly string[]): Promise<Array<{ mailbox: string; tag: QuarantineReason | undefined }>> {
    if (recipients.length === 0) throw new IntakeRefusal(400, 'noRecipients', 'name at least one envelope recipient: the quarantine keeps each message for the recipients it was addressed to');
    if (recipients.length > MAX_RECIPIENTS) throw new IntakeRefusal(400, 'tooManyRecipients', `a message may have at most ${MAX_RECIPIENTS} recipients; it had ${recipients.length}`);
    const checks = await Promise.all(recipients.map((r) => this.checkRecipient(r)));
    const refused = checks.filter((c): c is Extract<RecipientCheck, { ok: false }> => !c.ok);
    if (refused.length > 0) {
      throw new IntakeRefusal(400, 'recipientRefused', refused.map((r) => `${r.recipient}: ${r.message}`).join('; '), refused);
    }
    return distinctMailboxes(checks.filter((c): c is Extract<RecipientCheck, { ok: true }> => c.ok));
  }

  /**
   * The message's fingerprint and band keys, from the fingerprint thread. A message without
   * text has none; if the thread fails the message is still taken, without one (logged).
   */
  private async fingerprintOf(bytes: Buffer): Promise<{ bytes: Uint8Array; bandKeys: number[] } | undefined> {
    try {
      // A copy: the thread takes the buffer it is given, and the original is stored.
      const [result] = await this.deps.fingerprint([Uint8Array.from(bytes)]);
      const signature = result?.signature === undefined ? undefined : signatureFromBytes(result.signature);
      if (result?.signature === undefined || signature === undefined) return undefined;
      return { bytes: result.signature, bandKeys: bandKeys(signature, BAND_SCOPE) };
    } catch (error) {
      this.deps.logError(error, 'the fingerprint thread failed; the message is quarantined without a content fingerprint');
      return undefined;
    }
  }
}
