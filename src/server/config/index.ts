import { loadConfig, type Config } from './config';
import { readConfigFile } from './config-file';
import { withDevCertificates } from './dev-certs';

/** The configuration the server and CLI run with: file, then environment, then dev certs. */
export function configFromEnvironment(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const file = readConfigFile(env, cwd);
  return withDevCertificates(loadConfig(env, file, cwd), { ...file, ...env });
}
