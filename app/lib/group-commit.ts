/**
 * Group commit: writes that arrive while a batch is in flight wait for it,
 * then go together as the next batch (one statement, one round trip, one
 * commit), at most `max` at a time. An idle process adds no wait beyond the
 * end of the current event-loop turn (`setImmediate`), which gathers requests
 * that arrived together. Each caller's promise settles with its own result,
 * only after its batch has committed.
 */
export interface GroupCommitOptions<Item, Result> {
  /** Most items in one batch. */
  max: number;
  /**
   * Most batches in flight at once (default 1): with two, one executes while the other
   * waits for its commit to reach the disk.
   */
  inFlight?: number;
  /** Writes a batch of two or more, all or nothing; one result per item, in order. */
  writeBatch: (items: Item[]) => Promise<Result[]>;
  /** Writes one item alone: a lone item, and each member again when its batch failed. */
  writeOne: (item: Item) => Promise<Result>;
  /**
   * Items with the same key never share a batch: the later one waits for the next, so it sees
   * the earlier one written, as it would one after the other.
   */
  keyOf: (item: Item) => string;
  /**
   * Whether a failed batch's members are written again one by one (so one bad row fails
   * only its own caller). Not for errors every member would meet again (the database is down).
   */
  retryAlone: (error: unknown) => boolean;
  /** Told of a batch that failed and was written again one by one. */
  onBatchFailed?: (error: unknown, size: number) => void;
}

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<Item, Result> {
  private queue: Waiting<Item, Result>[] = [];
  /** Keys of the items in batches in flight: a later item with one of them waits for that batch. */
  private readonly writingKeys = new Set<string>();
  private inFlight = 0;
  private scheduled = false;

  constructor(private readonly options: GroupCommitOptions<Item, Result>) {
    if (!(options.max >= 1)) throw new RangeError("a batch holds at least one item");
    if (!((options.inFlight ?? 1) >= 1)) throw new RangeError("at least one batch must be let in flight");
  }

  /** Queues `item`; settles once the batch it went in has committed (or failed). */
  write(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled && this.inFlight < (this.options.inFlight ?? 1)) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.startBatches();
        });
      }
    });
  }

  /** Items waiting for a batch (not counting those in flight). */
  get waiting(): number {
    return this.queue.length;
  }

  private startBatches(): void {
    while (this.inFlight < (this.options.inFlight ?? 1)) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      const keys = batch.map((w) => this.options.keyOf(w.item));
      for (const key of keys) this.writingKeys.add(key);
      this.inFlight++;
      void this.writeNext(batch).finally(() => {
        for (const key of keys) this.writingKeys.delete(key);
        this.inFlight--;
        this.startBatches();
      });
    }
  }

  /**
   * The oldest waiting items, up to `max`, skipping (and keeping, in order) any whose key is
   * already in this batch or in one in flight.
   */
  private takeBatch(): Waiting<Item, Result>[] {
    const batch: Waiting<Item, Result>[] = [];
    const keys = new Set<string>();
    const left: Waiting<Item, Result>[] = [];
    for (const waiting of this.queue) {
      const key = this.options.keyOf(waiting.item);
      if (batch.length < this.options.max && !keys.has(key) && !this.writingKeys.has(key)) {
        keys.add(key);
        batch.push(waiting);
      } else {
        left.push(waiting);
      }
    }
    this.queue = left;
    return batch;
  }

  private async writeNext(batch: Waiting<Item, Result>[]): Promise<void> {
    if (batch.length === 1) return this.writeAlone(batch[0]!);
    let results: Result[];
    try {
      results = await this.options.writeBatch(batch.map((w) => w.item));
    } catch (error) {
      if (!this.options.retryAlone(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      this.options.onBatchFailed?.(error, batch.length);
      for (const w of batch) await this.writeAlone(w);
      return;
    }
    if (results.length !== batch.length) {
      const error = new Error(`a batch of ${batch.length} gave ${results.length} results`);
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }

  private async writeAlone(w: Waiting<Item, Result>): Promise<void> {
    try {
      w.resolve(await this.options.writeOne(w.item));
    } catch (error) {
      w.reject(error);
    }
  }
}
