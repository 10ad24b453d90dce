/**
 * Starts the real OpenID provider (oidc-provider-process.mjs) as its own Node process and reads
 * what a server needs from it the way an admin would: the issuer it prints, then jwks_uri from
 * its discovery document. Its output is kept and shown only if it fails to start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Role } from '../../../src/contracts/roles';

const SCRIPT = path.join(__dirname, 'oidc-provider-process.mjs');
const START_TIMEOUT_MS = 20_000;

export interface ProviderAccount {
  /** What is typed into the provider's login form; also the account's `sub`. */
  login: string;
  email: string;
  name: string;
  roles: Role[];
  /** Access token lifetime for this account (default an hour). */
  accessTokenSeconds?: number;
}

export interface ProviderSettings {
  /** The portal's origin: its redirect URI is ORIGIN/admin/sign-in. */
  portalOrigin: string;
  clientId: string;
  /** The API's audience (resource indicator) every access token is issued for. */
  audience: string;
  /** The API's scope, as the portal asks for it. */
  apiScope: string;
  accounts: ProviderAccount[];
}

export interface OidcProvider {
  issuer: string;
  jwksUrl: string;
  /** What the process wrote so far (stdout and stderr), for a failure's message. */
  output(): string;
  stop(): Promise<void>;
}

function firstLine(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`the OpenID provider did not start in time:\n${output()}`)), START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const end = buffered.indexOf('\n');
      if (end < 0) return;
      clearTimeout(timer);
      resolve(buffered.slice(0, end).trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider exited (${code}) before it listened:\n${output()}`));
    });
  });
}

export async function startOidcProvider(settings: ProviderSettings): Promise<OidcProvider> {
  // Plain Node, no Jest flags: the provider is an outside program, not part of the test.
  const child = spawn(process.execPath, [SCRIPT, JSON.stringify(settings)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const output = () => log;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const issuer = await firstLine(child, output);
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
    if (discovery.issuer !== issuer) throw new Error(`discovery names issuer ${discovery.issuer}, not ${issuer}`);
    return { issuer, jwksUrl: discovery.jwks_uri, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
