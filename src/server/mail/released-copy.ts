/**
 * A quarantined message on its way to the recipient after release: the original bytes,
 * unchanged, with one header field in front that marks the copy as released, so the
 * organisation's filter can let it through (README: "Released messages").
 */

/** The header field name every released copy carries. */
export const RELEASED_HEADER = 'X-Second-Look-Released';

/** One header line's value, with nothing that could end the line or start another. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029;]+/g, ' ').trim().slice(0, 320);
}

/** `X-Second-Look-Released: <id>; by=<who>` (without a line end). */
export function releasedHeaderLine(quarantineId: string, by: string): string {
  return `${RELEASED_HEADER}: ${plain(quarantineId)}; by=${plain(by)}`;
}

/**
 * `line` in front of `original`, ending as the original's first line ends (CRLF, or a bare LF
 * in a file written on Unix), so the header block stays one style.
 */
export function releasedCopy(line: string, original: Buffer): Buffer {
  const firstLf = original.indexOf(0x0a);
  const eol = firstLf > 0 && original[firstLf - 1] !== 0x0d ? '\n' : '\r\n';
  return Buffer.concat([Buffer.from(`${line}${eol}`, 'utf8'), original]);
}
