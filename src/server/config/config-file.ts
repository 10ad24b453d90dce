/**
 * The optional config file: JSON with the same names as the environment variables, e.g.
 * { "SECOND_LOOK_PORT": "3443", "DATABASE_URL": "postgres://…" }. The environment wins.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config';

export const DEFAULT_CONFIG_FILE = 'second-look.config.json';

export function readConfigFile(env: Record<string, string | undefined>, cwd: string): Record<string, string> {
  const named = env['SECOND_LOOK_CONFIG'];
  const file = path.resolve(cwd, named || DEFAULT_CONFIG_FILE);
  if (!fs.existsSync(file)) {
    if (named) throw new ConfigError(`SECOND_LOOK_CONFIG names ${file}, which does not exist`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${file} must hold one JSON object of NAME: value pairs`);
  }
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new ConfigError(`${file}: ${name} must be a string, number or boolean`);
    }
    values[name] = String(value);
  }
  return values;
}
