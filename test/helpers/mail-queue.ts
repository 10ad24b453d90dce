/**
 * The outgoing mail queue from outside a server: queue notices as a review would (in a unit of
 * work of their own), and read rows back, over a connection of the test's own.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase, type Db } from '../../src/server/store/database';
import type { MailRow, NewMail } from '../../src/server/store/mail-outbox-repo';
import { Store } from '../../src/server/store/unit-of-work';

export interface QueueAccess {
  store: Store;
  db: Db;
  /** Queues `count` notices at `now`, in one transaction; returns them in order. */
  queue(count: number, now: Date, overrides?: Partial<NewMail>): Promise<NewMail[]>;
  row(id: string): Promise<MailRow>;
  close(): Promise<void>;
}

export function notice(overrides: Partial<NewMail> = {}): NewMail {
  const id = randomUUID();
  return {
    id,
    kind: 'reviewNotice',
    from: '"Second Look" <second-look@contoso.example>',
    to: 'anna@contoso.example',
    subject: 'Your report: Faktura 2026-118',
    text: 'Hello Anna,\n\nThe message you reported was legitimate.\n\nThe security team',
    messageId: `<${id}@contoso.example>`,
    relatedId: null,
    ...overrides,
  };
}

export function queueAccess(options: { dataDir: string; databaseUrl: string | undefined }): QueueAccess {
  const db = openDatabase(options);
  const store = new Store(db);
  return {
    store,
    db,
    async queue(count, now, overrides = {}) {
      const mails = Array.from({ length: count }, () => notice(overrides));
      await store.transaction(async (unit) => {
        for (const mail of mails) await unit.mail.enqueue(mail, now.toISOString());
      });
      return mails;
    },
    async row(id) {
      const row = await store.repos.mail.byId(id);
      if (!row) throw new Error(`no mail ${id} in the queue`);
      return row;
    },
    close: () => db.destroy(),
  };
}
