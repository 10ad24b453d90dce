/**
 * The one way services reach the database: repositories bound to it, and units of work. A unit
 * of work is a transaction whose repositories all run in it, so a change and its audit rows
 * commit together or not at all. Services decide what happens; the store only how it is kept.
 */
import { sql, type Transaction } from 'kysely';
import { AllowBlockRepo } from './allow-block-repo';
import { AuditRepo } from './audit-repo';
import { BulkReleaseRepo } from './bulk-release-repo';
import { ClustersRepo } from './clusters-repo';
import { MailOutboxRepo } from './mail-outbox-repo';
import { OverviewRepo } from './overview-repo';
import { QuarantineRepo } from './quarantine-repo';
import { ReviewsRepo } from './reviews-repo';
import { SettingsRepo } from './settings-repo';
import { SignInLinksRepo } from './sign-in-links-repo';
import type { Db } from './database';
import type { Executor } from './executor';
import { RetentionRepo } from './retention-repo';
import type { Database } from './schema';
import { serializeOn } from './serialize';
import { UserListsRepo } from './user-lists-repo';

export interface Repos {
  entries: AllowBlockRepo;
  audit: AuditRepo;
  userLists: UserListsRepo;
  mail: MailOutboxRepo;
  settings: SettingsRepo;
  reviews: ReviewsRepo;
  overview: OverviewRepo;
  clusters: ClustersRepo;
  signInLinks: SignInLinksRepo;
  quarantine: QuarantineRepo;
  bulkRelease: BulkReleaseRepo;
}

export interface UnitOfWork extends Repos {
  retention: RetentionRepo;
  /**
   * Waits until no other unit of work holding `key` runs, on any server instance, until this
   * one ends: read-check-write sequences (duplicate and limit checks) then cannot interleave.
   */
  serializeOn(key: string): Promise<void>;
}

function reposOn(db: Executor): Repos {
  return {
    entries: new AllowBlockRepo(db),
    audit: new AuditRepo(db),
    userLists: new UserListsRepo(db),
    mail: new MailOutboxRepo(db),
    settings: new SettingsRepo(db),
    reviews: new ReviewsRepo(db),
    overview: new OverviewRepo(db),
    clusters: new ClustersRepo(db),
    signInLinks: new SignInLinksRepo(db),
    quarantine: new QuarantineRepo(db),
    bulkRelease: new BulkReleaseRepo(db),
  };
}

function unitOfWorkOn(trx: Transaction<Database>): UnitOfWork {
  return { ...reposOn(trx), retention: new RetentionRepo(trx), serializeOn: (key) => serializeOn(trx, key) };
}

export class Store {
  /** Repositories outside any transaction: each query commits on its own. */
  readonly repos: Repos;

  constructor(private readonly db: Db) {
    this.repos = reposOn(db);
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (unit: UnitOfWork) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(unitOfWorkOn(trx)));
  }

  /** Resolves when the database answers a query; rejects with its error otherwise. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}
