/**
 * How the outbox lies in storage: one small index (what the pane lists) plus one item per
 * report payload. Keeping payloads apart means a large EML is written once, not on every
 * index change, and a payload too big for the quota fails alone.
 */
import type { CreateSubmission } from '../../contracts/submissions';
import { readStoredRefusal } from '../refusal/refusal';
import type { KeyValueStorage, OutboxEntry } from './types';

export const DEFAULT_STORAGE_KEY = 'second-look.outbox.v1';

/** `lastError` of an entry whose stored payload has gone missing (it failed without a refusal). */
export const UNREADABLE_PAYLOAD = 'unreadable';

/**
 * An index entry as this version reads it. Entries written before refusals were kept have
 * only the server's message in `lastError`: a failed one reads as refused with no status and
 * no code, so the pane says in the user's language that the server did not accept it.
 */
function upgradeEntry(entry: OutboxEntry): OutboxEntry {
  const stored = (entry as Partial<OutboxEntry>).refusal;
  if (stored === null) return entry;
  if (stored === undefined) {
    const refused = entry.state === 'failed' && entry.lastError !== UNREADABLE_PAYLOAD;
    return { ...entry, refusal: refused ? readStoredRefusal(null) : null };
  }
  return { ...entry, refusal: readStoredRefusal(stored) };
}

export class OutboxStore {
  constructor(
    private readonly storage: KeyValueStorage,
    private readonly prefix: string = DEFAULT_STORAGE_KEY,
  ) {}

  private payloadKey(key: string): string {
    return `${this.prefix}.payload.${key}`;
  }

  async readIndex(): Promise<OutboxEntry[]> {
    const raw = await this.storage.getItem(this.prefix);
    if (raw === null || raw === '') return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? (parsed as OutboxEntry[]).map(upgradeEntry) : [];
    } catch {
      // A torn or foreign value: start afresh rather than refuse every future report.
      return [];
    }
  }

  async writeIndex(entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) await this.storage.removeItem(this.prefix);
    else await this.storage.setItem(this.prefix, JSON.stringify(entries));
  }

  async readPayload(key: string): Promise<CreateSubmission | null> {
    const raw = await this.storage.getItem(this.payloadKey(key));
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as CreateSubmission;
    } catch {
      return null;
    }
  }

  writePayload(key: string, submission: CreateSubmission): Promise<void> {
    return this.storage.setItem(this.payloadKey(key), JSON.stringify(submission));
  }

  removePayload(key: string): Promise<void> {
    return this.storage.removeItem(this.payloadKey(key));
  }
}
