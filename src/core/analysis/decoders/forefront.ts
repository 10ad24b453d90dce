/**
 * X-Forefront-Antispam-Report (Exchange Online Protection): `KEY:value;` tokens.
 * Values are checked against the documented vocabularies (message-headers-eop-mdo);
 * an unknown value is kept but also recorded, because the rules cannot explain it.
 */
import type { ForefrontFacts, HeaderField, KeyedToken } from '../types';
import type { ProblemLog } from '../problem-log';
import { parseIntIn } from './numbers';
import { scanColonTokens, upperCased } from './key-values';

export const SFV_VALUES = ['SPM', 'SKS', 'BLK', 'SFE', 'SKA', 'SKB', 'SKN', 'NSPM', 'SKQ', 'SKI'] as const;
export const CAT_VALUES = [
  'AMP', 'BIMP', 'BULK', 'DIMP', 'FTBP', 'GIMP', 'HPHSH', 'HPHISH', 'HSPM', 'INTOS',
  'MALW', 'OSPM', 'PHSH', 'SAP', 'SPM', 'SPOOF', 'UIMP', 'NONE',
] as const;
const SFV_SET: ReadonlySet<string> = new Set(SFV_VALUES);
const CAT_SET: ReadonlySet<string> = new Set(CAT_VALUES);
const DIR_SET: ReadonlySet<string> = new Set(['INB', 'OUT', 'INT']);
const ENUMERATED_KEYS: ReadonlySet<string> = new Set(['SFV', 'CAT', 'SRV', 'IPV', 'DIR']);
/**
 * The documented keys, each mapped to itself: a key cut out of the header is swapped for the
 * constant before it indexes `tokens`, because V8 must intern a freshly cut string on every
 * keyed access, and that was most of this decoder's time.
 */
const KNOWN_KEYS: ReadonlyMap<string, string> = new Map(
  ['CIP', 'CTRY', 'LANG', 'SCL', 'SRV', 'IPV', 'SFV', 'H', 'PTR', 'CAT', 'DIR', 'SFTY'].map((k) => [k, k]),
);

export function parseForefrontReport(field: HeaderField, log: ProblemLog): ForefrontFacts {
  const tokens: Record<string, KeyedToken> = {};
  const count = scanColonTokens(
    field.value,
    // Only the documented fields are kept; SFS and friends are long and opaque.
    (key) => KNOWN_KEYS.get(upperCased(key)),
    (key, v, text) => {
      // Enumerated values are compared upper-cased; the exact text stays in `text`.
      if (tokens[key] === undefined) tokens[key] = { value: ENUMERATED_KEYS.has(key) ? upperCased(v) : v, text };
    },
    (text) => log.add(field.name, 'unreadableValue', `token without a colon: ${text}`),
  );
  const facts: ForefrontFacts = { header: field.name, tokens };
  const read = (key: string): string | undefined => tokens[key]?.value;

  const sfv = read('SFV');
  if (sfv !== undefined) {
    facts.sfv = sfv;
    if (!SFV_SET.has(facts.sfv)) log.add(field.name, 'unknownValue', `SFV:${sfv}`);
  }
  const cat = read('CAT');
  if (cat !== undefined) {
    facts.cat = cat;
    if (!CAT_SET.has(facts.cat)) log.add(field.name, 'unknownValue', `CAT:${cat}`);
  }
  const sclText = read('SCL');
  if (sclText !== undefined) {
    const scl = parseIntIn(sclText, -1, 9);
    if (scl === undefined) log.add(field.name, 'unknownValue', `SCL:${sclText}`);
    else facts.scl = scl;
  }
  const dir = read('DIR');
  if (dir !== undefined) {
    facts.dir = dir;
    if (!DIR_SET.has(facts.dir)) log.add(field.name, 'unknownValue', `DIR:${dir}`);
  }
  const sfty = read('SFTY');
  if (sfty !== undefined && sfty !== '') {
    if (/^\d+\.\d+$/.test(sfty)) facts.sfty = sfty;
    else log.add(field.name, 'unknownValue', `SFTY:${sfty}`);
  }
  copyIfPresent(facts, 'ipv', read('IPV'), true);
  copyIfPresent(facts, 'srv', read('SRV'), true);
  copyIfPresent(facts, 'cip', read('CIP'), false);
  copyIfPresent(facts, 'ctry', read('CTRY'), false);
  copyIfPresent(facts, 'lang', read('LANG'), false);
  copyIfPresent(facts, 'ptr', read('PTR'), false);
  copyIfPresent(facts, 'h', read('H'), false);
  if (count === 0) log.add(field.name, 'emptyValue', 'no KEY:value tokens');
  return facts;
}

function copyIfPresent(
  facts: ForefrontFacts,
  key: 'ipv' | 'srv' | 'cip' | 'ctry' | 'lang' | 'ptr' | 'h',
  value: string | undefined,
  upper: boolean,
): void {
  if (value === undefined || value === '') return;
  facts[key] = upper ? value.toUpperCase() : value;
}
