import type { HeaderProblem, ProblemCode } from './types';

/**
 * Collects what the decoders could not read. Capped, because a megabyte of garbage would
 * otherwise turn into a megabyte of problems; the count of the rest is kept.
 */
export class ProblemLog {
  static readonly MAX_ITEMS = 100;
  static readonly MAX_DETAIL = 160;

  readonly items: HeaderProblem[] = [];
  omitted = 0;

  add(header: string, problem: ProblemCode, detail: string): void {
    if (this.items.length >= ProblemLog.MAX_ITEMS) {
      this.omitted += 1;
      return;
    }
    this.items.push({
      header: clip(header, 80),
      problem,
      detail: clip(detail, ProblemLog.MAX_DETAIL),
    });
  }
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
