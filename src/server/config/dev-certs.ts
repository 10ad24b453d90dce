/**
 * Outlook loads add-ins only over HTTPS. For local sideloading, office-addin-dev-certs makes a
 * localhost certificate (`npx office-addin-dev-certs install`); when one is there and no
 * certificate is configured, the server uses it and its public URL becomes https.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Config } from './config';

export function devCertificatePaths(home: string = os.homedir()): { certFile: string; keyFile: string } {
  const dir = path.join(home, '.office-addin-dev-certs');
  return { certFile: path.join(dir, 'localhost.crt'), keyFile: path.join(dir, 'localhost.key') };
}

export function withDevCertificates(config: Config, env: Record<string, string | undefined>, home?: string): Config {
  if (config.tls || env['SECOND_LOOK_DEV_CERTS'] === 'off') return config;
  const paths = devCertificatePaths(home);
  if (!fs.existsSync(paths.certFile) || !fs.existsSync(paths.keyFile)) return config;
  const publicUrl = env['SECOND_LOOK_PUBLIC_URL'] ? config.publicUrl : `https://localhost:${config.port}`;
  return { ...config, tls: paths, publicUrl };
}
