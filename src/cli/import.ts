/**
 * `second-look import PATH [--recipient ADDRESS]...`: puts the messages at PATH (one .eml file,
 * an mbox, or a Maildir) in the quarantine, as the SMTP listener would, with a progress bar on
 * stderr and a summary at the end: imported, duplicates, and each rejected message with why.
 *
 * The recipients of each message: every --recipient given (the same for all messages); without
 * one, the message's topmost Delivered-To field (the mailbox it was finally delivered to), else
 * its topmost X-Original-To. A message with none of them is rejected, saying so. They are held
 * to the same rules as SMTP's (an accepted domain; a +quarantine-TAG names the reason).
 *
 * Exit code 0 when every message was imported or already there, 1 when any was rejected, 2 for
 * a mistake in the command line.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { buildApp } from '../server/app';
import type { Config } from '../server/config/config';
import { headerBlockOf, headerFields } from '../server/mail/header-block';
import { MessageFilesError, openMessageFiles } from '../server/mail/message-files';
import { IntakeRefusal, type QuarantineIntakeService } from '../server/services/quarantine-intake-service';
import { UsageError, type CliIo } from './io';

export interface ImportIo extends CliIo {
  /** Where the progress bar goes (stderr); drawn only when it is a terminal. */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface ImportSummary {
  imported: number;
  /** Copies stored (one per recipient) by the imported messages. */
  copies: number;
  duplicates: number;
  rejected: Array<{ label: string; reason: string }>;
}

/** Rejections listed one by one at most; the rest are counted. */
const MAX_LISTED = 50;

/** The recipients a message names for itself: its topmost Delivered-To, else its topmost X-Original-To. */
export function headerRecipients(bytes: Buffer): string[] {
  const fields = headerFields(headerBlockOf(bytes));
  for (const name of ['delivered-to', 'x-original-to']) {
    const field = fields.find((f) => f.name.toLowerCase() === name);
    const value = field?.value.trim().replace(/^<(.*)>$/, '$1').trim();
    if (value) return [value];
  }
  return [];
}

async function importOne(intake: QuarantineIntakeService, bytes: Buffer, given: readonly string[], summary: ImportSummary, label: string): Promise<void> {
  const recipients = given.length > 0 ? given : headerRecipients(bytes);
  if (recipients.length === 0) {
    summary.rejected.push({ label, reason: 'no recipient: give --recipient, or import messages with a Delivered-To or X-Original-To field' });
    return;
  }
  try {
    const outcome = await intake.intake({ bytes, recipients, source: 'import' });
    if (outcome.stored > 0) {
      summary.imported++;
      summary.copies += outcome.stored;
    } else {
      summary.duplicates++;
    }
  } catch (error) {
    if (error instanceof IntakeRefusal) summary.rejected.push({ label, reason: error.message });
    else summary.rejected.push({ label, reason: `not stored: ${error instanceof Error ? error.message : String(error)}` });
  }
}

export function summaryLines(summary: ImportSummary): string[] {
  const lines = [
    `imported ${summary.imported} message${summary.imported === 1 ? '' : 's'} (${summary.copies} quarantined ${summary.copies === 1 ? 'copy' : 'copies'}, one per recipient)`,
    `duplicates ${summary.duplicates} (already in the quarantine for every recipient)`,
    `rejected ${summary.rejected.length}${summary.rejected.length > 0 ? ':' : ''}`,
  ];
  for (const { label, reason } of summary.rejected.slice(0, MAX_LISTED)) lines.push(`  ${label}: ${reason}`);
  if (summary.rejected.length > MAX_LISTED) lines.push(`  … and ${summary.rejected.length - MAX_LISTED} more`);
  return lines;
}

export async function runImport(argv: string[], config: Config, io: ImportIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { recipient: { type: 'string', multiple: true } }, allowPositionals: true, strict: true });
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0) throw new UsageError('give one PATH: a .eml file, an mbox file or a Maildir folder (second-look import PATH [--recipient ADDRESS]...)');
  const given = values.recipient ?? [];
  let files;
  try {
    files = await openMessageFiles(target, config.maxMessageBytes);
  } catch (error) {
    if (error instanceof MessageFilesError) throw new UsageError(error.message);
    throw error;
  }

  const app = await buildApp({ ...config, logLevel: false });
  const summary: ImportSummary = { imported: 0, copies: 0, duplicates: 0, rejected: [] };
  const stream = io.progress ?? process.stderr;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `importing ${files.kind} [{bar}] {percentage}% | imported {imported} | duplicates {duplicates} | rejected {rejected}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const counts = () => ({ imported: summary.imported, duplicates: summary.duplicates, rejected: summary.rejected.length });
  bar.start(files.total, 0, counts());
  try {
    for await (const message of files.messages((done) => bar.update(done, counts()))) {
      if ('tooLarge' in message) summary.rejected.push({ label: message.label, reason: `the message is ${message.tooLarge} bytes; the limit is ${config.maxMessageBytes}` });
      else await importOne(app.quarantine.intake, message.bytes, given, summary, message.label);
      bar.update(counts());
    }
  } finally {
    bar.stop();
    await app.close();
  }
  io.out(summaryLines(summary).join('\n'));
  return summary.rejected.length > 0 ? 1 : 0;
}
