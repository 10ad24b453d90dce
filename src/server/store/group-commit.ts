/**
 * Group commit: rows that arrive while a commit is on disk wait and go together in the next
 * transaction, so a burst of reports costs one fsync instead of one each. Every caller still
 * gets its promise resolved only after its own row is committed — nothing is acknowledged
 * early. If a batch fails (say one row breaks a unique index), each row of it is retried alone,
 * so only the offending caller sees the error.
 */
export type CommitMany<Row> = (rows: Row[]) => Promise<void>;

interface Pending<Row> {
  row: Row;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface BatchLimits<Row> {
  /** Rows per transaction at most. */
  maxRows: number;
  /** The size of a row (bytes it carries), and the most a batch may carry: always one row. */
  sizeOf?: (row: Row) => number;
  maxSize?: number;
}

export class GroupCommit<Row> {
  private queue: Pending<Row>[] = [];
  private flushing = false;

  constructor(
    private readonly commit: CommitMany<Row>,
    private readonly limits: BatchLimits<Row> = { maxRows: 256 },
  ) {}

  /** The next batch off the queue: up to maxRows rows, and maxSize bytes unless one row is more. */
  private nextBatch(): Pending<Row>[] {
    const { maxRows, sizeOf, maxSize } = this.limits;
    let count = 0;
    let size = 0;
    for (const pending of this.queue) {
      if (count === maxRows) break;
      const rowSize = sizeOf === undefined ? 0 : sizeOf(pending.row);
      if (count > 0 && maxSize !== undefined && size + rowSize > maxSize) break;
      size += rowSize;
      count++;
    }
    return this.queue.splice(0, count);
  }

  add(row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        // Let the I/O already waiting run first: requests that arrived while the last commit
        // was on disk join this batch instead of each paying an fsync.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const batch = this.nextBatch();
        try {
          await this.commit(batch.map((p) => p.row));
          for (const p of batch) p.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0]?.reject(error);
            continue;
          }
          for (const p of batch) {
            try {
              await this.commit([p.row]);
              p.resolve();
            } catch (single) {
              p.reject(single);
            }
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
