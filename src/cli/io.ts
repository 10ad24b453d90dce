/** What a CLI command may touch, injected so tests run commands without a real terminal. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** A mistake in how the command was called: printed as one line, exit code 2, no stack. */
export class UsageError extends Error {}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};
