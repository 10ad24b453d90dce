/**
 * The one way a quarantined row is released, for every path that releases (the recipient, an
 * admin, an approved request, release + submit + allow, a bulk release job): its status set to
 * released, conditional on it still being one of `from`, and its delivery queued in the same
 * unit of work: the original, unchanged but for one X-Second-Look-Released line, to the recipient.
 */
import { randomUUID } from 'node:crypto';
import type { ReleaseStatus } from '../../contracts/quarantine';
import { releasedHeaderLine } from '../mail/released-copy';
import type { QuarantineRow } from '../store/quarantine-repo';
import type { UnitOfWork } from '../store/unit-of-work';
import { noticeMessageId } from './notice-templates-service';

/**
 * Releases `row` by `by` at `now`, its delivery sent from `noticeSender` (read before the
 * transaction: see the settings cache). Returns the queued mail's id, or undefined when the
 * row's status was no longer one of `from` (nothing is written then).
 */
export async function releaseInUnit(
  unit: UnitOfWork,
  row: Pick<QuarantineRow, 'id' | 'recipient' | 'subject' | 'message_sha256'>,
  by: string,
  from: readonly ReleaseStatus[],
  now: string,
  noticeSender: string,
): Promise<string | undefined> {
  if (!(await unit.quarantine.setRelease(row.id, from, { release_status: 'released', released_date_time: now, release_decided_date_time: now, release_decided_by: by }))) return undefined;
  const mailId = randomUUID();
  await unit.mail.enqueue({
    id: mailId, kind: 'quarantineRelease', from: noticeSender, to: row.recipient, subject: row.subject,
    text: releasedHeaderLine(row.id, by), messageId: noticeMessageId(noticeSender), relatedId: row.id, rawSha256: row.message_sha256,
  }, now);
  return mailId;
}
