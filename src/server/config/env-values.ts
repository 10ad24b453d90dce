/**
 * Reading one configuration value: a whole number in a range, an http(s) URL, a list. Each
 * refusal is a ConfigError naming the variable and what it must be, never a stack trace.
 */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

export function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

export function httpUrl(name: string, raw: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http(s) URL, got "${raw}"`);
  }
  return parsed;
}

/** An http(s) URL without its trailing slashes. */
export function url(name: string, raw: string): string {
  httpUrl(name, raw);
  return raw.replace(/\/+$/, '');
}

/** A comma- or space-separated list, trimmed, empty items dropped. */
export function list(env: Env, name: string): string[] {
  return (env[name] || '').split(/[\s,]+/).map((item) => item.trim()).filter(Boolean);
}

/** `on`/`off` (also true/false, 1/0, yes/no). */
export function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(raw)) return true;
  if (['off', 'false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be on or off, got "${env[name] ?? ''}"`);
}
