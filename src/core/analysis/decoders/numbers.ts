/** Numbers as filters write them in headers: refused, not guessed, when they are not numbers. */

/** Parses a decimal number the way filters write them ("7.9", "-0.50", "+1"), else undefined. */
export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** Parses an integer within [min, max], else undefined. */
export function parseIntIn(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined || !/^\s*[+-]?\d{1,3}\s*$/.test(text)) return undefined;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : undefined;
}
