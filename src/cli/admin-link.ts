/**
 * `second-look admin-link [--user ADDRESS] [--role ROLE]`: a fresh one-time sign-in link for the
 * portal (the one the server prints at start is single-use). Works where the server's links
 * work: its own issuer, listening on loopback.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../contracts/roles';
import { buildApp } from '../server/app';
import { signInLinkRefusals, type Config } from '../server/config/config';
import { LINK_LIFETIME_MS } from '../server/services/portal-sign-in-service';
import { UsageError, type CliIo } from './io';

export async function runAdminLink(argv: string[], config: Config, io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { user: { type: 'string' }, role: { type: 'string' } }, strict: true });
  const role = values.role ?? 'SecurityAdministrator';
  if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const user = (values.user ?? config.portal.linkUser).trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(user)) throw new UsageError(`--user must be an address, not "${user}"`);
  const refusals = signInLinkRefusals(config);
  if (refusals.length > 0) throw new UsageError(`one-time sign-in links are off: ${refusals.join('; ')}`);
  const app = await buildApp({ ...config, logLevel: false });
  try {
    const { url } = await app.services.signIn.createLink(user, [role as Role]);
    io.out(`${url}\n(signs in ${user} as ${role}; works once, within ${LINK_LIFETIME_MS / 60_000} minutes)`);
    return 0;
  } finally {
    await app.close();
  }
}
