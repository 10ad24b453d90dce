/** `second-look token --user ADDRESS [--role ROLE] [--hours N]`: a bearer token from the embedded issuer. */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../contracts/roles';
import { loadEmbeddedIssuer, mintToken } from '../server/auth/embedded-issuer';
import type { Config } from '../server/config/config';
import { UsageError, type CliIo } from './io';

const ADDRESS = /^[^\s@<>()\[\],;:"]+@[^\s@<>()\[\],;:"]+\.[^\s@<>()\[\],;:"]+$/;

export async function runToken(argv: string[], config: Config, io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { user: { type: 'string' }, role: { type: 'string' }, hours: { type: 'string' } },
    strict: true,
  });
  if (!values.user || !ADDRESS.test(values.user)) throw new UsageError('--user ADDRESS is required, e.g. --user anna@contoso.example');
  const roles: Role[] = [];
  if (values.role !== undefined) {
    if (!(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    roles.push(values.role as Role);
  }
  const hours = values.hours === undefined ? 12 : Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new UsageError('--hours must be a number from 0 to 720');
  if (config.auth.kind !== 'embedded') {
    throw new UsageError('tokens come from your identity provider (SECOND_LOOK_JWKS_URL is set); the embedded issuer is off');
  }
  const issuer = await loadEmbeddedIssuer(config.dataDir, config.auth.issuer, config.auth.audience);
  const { token } = await mintToken(issuer, { email: values.user.toLowerCase(), roles, lifetime: Math.round(hours * 3600), now: new Date() });
  io.out(token);
  return 0;
}
