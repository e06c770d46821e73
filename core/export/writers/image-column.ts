import { read } from 'node:fs';
import { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import type { ColumnChunk, OffsetIndex } from 'hyparquet';
import type { Block, BlockPool } from './block-pool';

/** One image's bytes: an open file of a known size, read in the background, or bytes already in memory. */
export type ImageSource =
  | { fd: number; size: number; close(): void; failed(error: unknown): Error }
  | { bytes: Uint8Array };

interface Span {
  block: Block;
  start: number;
  end: number;
}

interface Page {
  spans: Span[];
  values: number;
  bytes: number;
}

const newPage = (): Page => ({ spans: [], values: 0, bytes: 0 });

/** A column chunk ready to append: its bytes as pieces, its metadata, and the blocks to give back once written. */
export interface EmittedChunk {
  pieces: Uint8Array[];
  chunk: ColumnChunk;
  offsetIndex: OffsetIndex;
  blocks: Block[];
}

/**
 * A BYTE_ARRAY column of embedded images, PLAIN and uncompressed (JPEG does not compress). Each
 * value's 4-byte length and bytes are laid out in pooled blocks exactly as the page holds them,
 * so a page goes to disk as its header plus views of the blocks: the file is read into memory
 * once and never copied again. Reads run ahead in the background; `emit` waits for them.
 */
export class ImageColumn {
  private pages: Page[] = [];
  private page = newPage();
  private blocks: Block[] = [];
  private block: Block | null = null;
  private used = 0;
  private reads: Promise<void>[] = [];
  /** Image bytes in the current row group. */
  bytes = 0;

  constructor(
    private readonly name: string,
    private readonly pool: BlockPool,
    private readonly pageBytes: number,
  ) {}

  async add(image: ImageSource): Promise<void> {
    const size = 'bytes' in image ? image.bytes.byteLength : image.size;
    const spans = await this.reserve(4 + size);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, size, true);
    copyInto(spans, 0, length);
    if ('bytes' in image) copyInto(spans, 4, image.bytes);
    else {
      const reading = readInto(image, spans, 4);
      // Seen by `ready`; until then a failure must not count as unhandled.
      reading.catch(() => undefined);
      this.reads.push(reading);
    }
    this.bytes += size;
    this.page.values += 1;
    if (this.page.bytes >= this.pageBytes) this.closePage();
  }

  /** Waits for the reads of the row group so far; the first failure is thrown. */
  async ready(): Promise<void> {
    const reads = this.reads;
    this.reads = [];
    const results = await Promise.allSettled(reads);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** The chunk as it lands at `offset`, then an empty column for the next row group. Call after `ready`. */
  emit(offset: number, rows: number): EmittedChunk {
    this.closePage();
    const pieces: Uint8Array[] = [];
    const page_locations: OffsetIndex['page_locations'] = [];
    let at = offset;
    let firstRow = 0;
    let values = 0;
    for (const page of this.pages) {
      const header = new ByteWriter(64);
      writePageHeader(header, {
        type: 'DATA_PAGE_V2',
        uncompressed_page_size: page.bytes,
        compressed_page_size: page.bytes,
        data_page_header_v2: {
          num_values: page.values,
          num_nulls: 0,
          num_rows: page.values,
          encoding: 'PLAIN',
          definition_levels_byte_length: 0,
          repetition_levels_byte_length: 0,
          is_compressed: false,
        },
      });
      pieces.push(header.getBytes(), ...page.spans.map((s) => s.block.bytes.subarray(s.start, s.end)));
      page_locations.push({ offset: BigInt(at), compressed_page_size: header.offset + page.bytes, first_row_index: BigInt(firstRow) });
      at += header.offset + page.bytes;
      firstRow += page.values;
      values += page.values;
    }
    if (values !== rows) throw new Error(`column ${this.name} holds ${values} values for ${rows} rows`);
    const size = BigInt(at - offset);
    const chunk: ColumnChunk = {
      file_offset: BigInt(offset),
      meta_data: {
        type: 'BYTE_ARRAY',
        encodings: ['PLAIN'],
        path_in_schema: [this.name],
        codec: 'UNCOMPRESSED',
        num_values: BigInt(values),
        total_uncompressed_size: size,
        total_compressed_size: size,
        data_page_offset: BigInt(offset),
      },
    };
    const blocks = this.blocks;
    this.pages = [];
    this.blocks = [];
    this.block = null;
    this.bytes = 0;
    return { pieces, chunk, offsetIndex: { page_locations }, blocks };
  }

  /** Blocks held by a row group that will not be written (a failed export), so the pool can be dropped cleanly. */
  discard(): Block[] {
    const blocks = this.blocks;
    this.blocks = [];
    this.block = null;
    this.pages = [];
    this.page = newPage();
    return blocks;
  }

  private closePage(): void {
    if (this.page.values > 0) this.pages.push(this.page);
    this.page = newPage();
  }

  private async reserve(n: number): Promise<Span[]> {
    const spans: Span[] = [];
    let left = n;
    while (left > 0) {
      if (this.block === null || this.used === this.pool.blockBytes) {
        this.block = await this.pool.take();
        this.blocks.push(this.block);
        this.used = 0;
      }
      const take = Math.min(left, this.pool.blockBytes - this.used);
      const span = { block: this.block, start: this.used, end: this.used + take };
      spans.push(span);
      const last = this.page.spans.at(-1);
      if (last && last.block === span.block && last.end === span.start) last.end = span.end;
      else this.page.spans.push({ ...span });
      this.page.bytes += take;
      this.used += take;
      left -= take;
    }
    return spans;
  }
}

/** Copies `bytes` into the spans, starting `skip` bytes into them. */
function copyInto(spans: Span[], skip: number, bytes: Uint8Array): void {
  let from = 0;
  let offset = skip;
  for (const s of spans) {
    const room = s.end - s.start;
    if (offset >= room) {
      offset -= room;
      continue;
    }
    const take = Math.min(room - offset, bytes.byteLength - from);
    s.block.bytes.set(bytes.subarray(from, from + take), s.start + offset);
    from += take;
    offset = 0;
    if (from === bytes.byteLength) return;
  }
}

const readAt = (fd: number, target: Uint8Array, position: number) =>
  new Promise<number>((resolve, reject) => read(fd, target, 0, target.byteLength, position, (error, n) => (error ? reject(error) : resolve(n))));

/** Reads the whole file into the spans after their first `skip` bytes; a file that shrank is an error. */
async function readInto(image: Extract<ImageSource, { fd: number }>, spans: Span[], skip: number): Promise<void> {
  let position = 0;
  let offset = skip;
  try {
    for (const s of spans) {
      const room = s.end - s.start;
      if (offset >= room) {
        offset -= room;
        continue;
      }
      let at = s.start + offset;
      offset = 0;
      while (at < s.end) {
        const n = await readAt(image.fd, s.block.bytes.subarray(at, s.end), position);
        if (n === 0) throw new Error(`the file ended after ${position} of its ${image.size} bytes; it changed during the export`);
        at += n;
        position += n;
      }
    }
  } catch (error) {
    throw image.failed(error);
  } finally {
    image.close();
  }
}
