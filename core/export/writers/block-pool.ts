/** A piece of a shared block: hashing it in the worker costs no copy. */
export interface Block {
  bytes: Uint8Array;
}

/**
 * Image bytes live in 1 MB blocks of shared memory, reused once a row group's pages are written
 * and hashed, so memory stays flat however many gigabytes pass through. `take` waits for a block
 * to come back when the cap is reached and one is still on its way to disk; with none in flight
 * it grows past the cap rather than wait forever (one row group of unusually large images).
 */
export class BlockPool {
  private readonly free: Block[] = [];
  private readonly waiting: ((block: Block) => void)[] = [];
  private allocated = 0;
  private inFlight = 0;

  constructor(
    readonly blockBytes: number,
    private readonly cap: number,
  ) {}

  async take(): Promise<Block> {
    const block = this.free.pop();
    if (block) return block;
    if (this.allocated < this.cap || this.inFlight === 0) {
      this.allocated += 1;
      return { bytes: new Uint8Array(new SharedArrayBuffer(this.blockBytes)) };
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Blocks handed to the sink: they come back through `give` once written and hashed. */
  sent(blocks: number): void {
    this.inFlight += blocks;
  }

  give(block: Block, wasInFlight: boolean): void {
    if (wasInFlight) this.inFlight -= 1;
    const next = this.waiting.shift();
    if (next) next(block);
    else this.free.push(block);
  }

  /** Blocks made so far, for the memory figure of a test or a benchmark. */
  get blocksAllocated(): number {
    return this.allocated;
  }
}
