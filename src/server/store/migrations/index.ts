import type { Migration, MigrationProvider } from 'kysely';
import { m001Submissions } from './001-submissions';
import { m002Lists } from './002-lists';
import { m003AuditByTarget } from './003-audit-by-target';
import { m004MessageBlobs } from './004-message-blobs';
import { m005StableSubjects } from './005-stable-subjects';
import { m006ReviewAndSettings } from './006-review-and-settings';
import { m007MailOutbox } from './007-mail-outbox';
import { m008Clusters } from './008-clusters';
import { m009SignInLinks } from './009-sign-in-links';
import { m010Quarantine } from './010-quarantine';
import { m011RawMail } from './011-raw-mail';
import { m012QuarantineBulk } from './012-quarantine-bulk';

/**
 * Every migration, in order. Listed in code (not read from a folder) so the same list runs from
 * src/ under the tests and from build/ in production. Names never change once released.
 */
const MIGRATIONS: Record<string, Migration> = {
  '001-submissions': m001Submissions,
  '002-lists': m002Lists,
  '003-audit-by-target': m003AuditByTarget,
  '004-message-blobs': m004MessageBlobs,
  '005-stable-subjects': m005StableSubjects,
  '006-review-and-settings': m006ReviewAndSettings,
  '007-mail-outbox': m007MailOutbox,
  '008-clusters': m008Clusters,
  '009-sign-in-links': m009SignInLinks,
  '010-quarantine': m010Quarantine,
  '011-raw-mail': m011RawMail,
  '012-quarantine-bulk': m012QuarantineBulk,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
