/**
 * Splits an mbox file into its messages, as bytes, streaming: a file of any size is read once,
 * and no message is held past the size limit.
 *
 * Written here rather than taken from npm: the mbox readers there (node-mbox, mbox-reader) turn
 * the file into lines of text and back, and node-mbox does not undo the ">From " escaping; a
 * quarantine must keep each message's exact bytes. The format is small (RFC 4155):
 *
 * - a message starts at a line beginning "From " (the separator line, not part of the message)
 *   at the start of the file or after an empty line, and looking like one ("From SENDER DATE");
 *   a "From " line anywhere else is body text;
 * - the empty line before the next separator belongs to the format, not the message;
 * - mboxrd escaping is undone: a line of one or more ">" then "From " loses one ">" (mboxrd
 *   escapes every such line; mboxo only "From ", so a message's own ">From " line in an mboxo
 *   file loses its ">": the format cannot tell them apart).
 * Line endings are kept as they are (LF or CRLF).
 */
export type MboxMessage =
  | { index: number; bytes: Buffer }
  /** Over the limit: its size is known, its bytes were not kept. */
  | { index: number; tooLarge: number };

const FROM = Buffer.from('From ');
const SEPARATOR = /^From \S+ +\S/;
const ESCAPED_FROM = /^>+From /;

function isBlank(line: Buffer): boolean {
  return (line.length === 1 && line[0] === 0x0a) || (line.length === 2 && line[0] === 0x0d && line[1] === 0x0a);
}

/** Does the file start like an mbox ("From " on its first line)? */
export function looksLikeMbox(head: Buffer): boolean {
  return head.subarray(0, FROM.length).equals(FROM) && SEPARATOR.test(head.subarray(0, 200).toString('latin1'));
}

class Current {
  lines: Buffer[] = [];
  size = 0;
  constructor(readonly index: number) {}
}

/** The messages of an mbox read from `chunks`, in order; `onBytes` is told how far the reading got. */
export async function* mboxMessages(chunks: AsyncIterable<Buffer>, maxBytes: number, onBytes?: (read: number) => void): AsyncGenerator<MboxMessage> {
  let pending: Buffer = Buffer.alloc(0);
  let read = 0;
  let current: Current | undefined;
  let previousBlank = true; // the start of the file counts as after an empty line
  let count = 0;

  const finish = (message: Current): MboxMessage => {
    // The empty line before the next separator (or the end) is the format's, not the message's.
    const last = message.lines[message.lines.length - 1];
    if (last !== undefined && isBlank(last)) {
      message.lines.pop();
      message.size -= last.length;
    }
    return message.size > maxBytes ? { index: message.index, tooLarge: message.size } : { index: message.index, bytes: Buffer.concat(message.lines, message.size) };
  };

  const take = function* (line: Buffer): Generator<MboxMessage> {
    if (line.subarray(0, FROM.length).equals(FROM) && previousBlank && SEPARATOR.test(line.subarray(0, 200).toString('latin1'))) {
      if (current !== undefined) yield finish(current);
      current = new Current(++count);
      previousBlank = false;
      return;
    }
    previousBlank = isBlank(line);
    if (current === undefined) return; // text before the first separator is no message
    let kept = line;
    if (line[0] === 0x3e && ESCAPED_FROM.test(line.subarray(0, 100).toString('latin1'))) kept = line.subarray(1);
    current.size += kept.length;
    // Past the limit only the size is kept (plus the last line, which may be the format's blank one).
    if (current.size - kept.length <= maxBytes) current.lines.push(kept);
    else current.lines = [kept];
  };

  for await (const chunk of chunks) {
    read += chunk.length;
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let start = 0;
    for (let end = pending.indexOf(0x0a, start); end !== -1; end = pending.indexOf(0x0a, start)) {
      yield* take(pending.subarray(start, end + 1));
      start = end + 1;
    }
    pending = pending.subarray(start);
    // A line longer than the limit cannot be part of a message we keep: count it and move on.
    if (pending.length > maxBytes + 1 && current !== undefined) {
      current.size += pending.length;
      current.lines = [];
      previousBlank = false;
      pending = Buffer.alloc(0);
    }
    onBytes?.(read);
  }
  if (pending.length > 0) yield* take(pending);
  if (current !== undefined) yield finish(current);
}
