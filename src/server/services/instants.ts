/**
 * Date-times from requests, through the core's one checked parse. The route schemas already
 * refuse what this refuses; services check again because not every caller is a route (the CLI,
 * jobs), and a value that cannot be an instant must be a 400, never a 500 further down.
 */
import { instantProblemText, parseInstant } from '../../core/time/instant';
import { badRequest } from './errors';

/** `value` as a canonical ISO-8601 UTC string (what the database stores), or a 400 naming `field`. */
export function isoInstant(value: string, field: string): string {
  const parsed = parseInstant(value);
  if (!parsed.ok) throw badRequest('invalid_date_time', instantProblemText(field, value, parsed.problem));
  return parsed.instant.toISOString();
}
