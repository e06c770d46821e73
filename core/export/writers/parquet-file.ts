import { ByteWriter, type SchemaElement } from 'hyparquet-writer';
import { writeColumn } from 'hyparquet-writer/src/column.js';
import { encodeNestedValues } from 'hyparquet-writer/src/dremel.js';
import { writeIndexes } from 'hyparquet-writer/src/indexes.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { schemaPathResolver } from 'hyparquet-writer/src/schema.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import type { RowGroup, SchemaTree } from 'hyparquet';
import type { FileFacts } from '../output';
import { BlockPool } from './block-pool';
import { ImageColumn, type ImageSource } from './image-column';
import { ParquetSink } from './parquet-sink';

type ColumnEncoder = Parameters<typeof writeColumn>[0]['column'];
type PageIndexes = Parameters<typeof writeIndexes>[1][number];

const MAGIC = 0x31524150; // "PAR1"
const PAGE_BYTES = 1 << 20;
const BLOCK_BYTES = 1 << 20;

/**
 * The blocks for files whose row groups together buffer up to `imageBytes` of images: those
 * filling, and as many again on their way to disk.
 */
export function imageBlockPool(imageBytes: number, imageColumns: number): BlockPool {
  return new BlockPool(BLOCK_BYTES, 2 * Math.ceil(imageBytes / BLOCK_BYTES) + 2 * imageColumns + 2);
}

/** A value column and its encoder, or an image column. */
type Column = { kind: 'values'; path: SchemaTree[]; encoder: ColumnEncoder; cells: unknown[] } | { kind: 'image'; image: ImageColumn };

/**
 * A Parquet file written row group by row group as rows arrive, with hyparquet-writer's encoders
 * for the value columns and `ImageColumn` for embedded images. One row group is on its way to
 * disk while the next fills, never more; the blocks come from a pool the caller shares between
 * files, and the caller decides when a row group is complete. No min/max statistics on text or binary columns: nobody filters on them, and
 * they would be kept per row group in the footer.
 */
export class StreamingParquetFile {
  private readonly columns: Column[];
  private readonly rowGroups: RowGroup[] = [];
  private readonly indexes: PageIndexes[] = [];
  private inFlight: Promise<void> = Promise.resolve();
  private rows = 0;
  private totalRows = 0n;

  private constructor(
    private readonly sink: ParquetSink,
    private readonly schema: SchemaElement[],
    imageColumns: ReadonlySet<string>,
    private readonly pool: BlockPool,
    private readonly createdBy: string,
  ) {
    const resolve = schemaPathResolver(schema);
    this.columns = schema.slice(1).map((element): Column => {
      if (imageColumns.has(element.name)) return { kind: 'image', image: new ImageColumn(element.name, this.pool, PAGE_BYTES) };
      const path = resolve([element.name]);
      const encoder: ColumnEncoder = {
        columnName: element.name,
        element,
        schemaPath: path.map((n) => n.element),
        codec: 'SNAPPY',
        compressors: { SNAPPY: snappyCompress },
        stats: element.type !== 'BYTE_ARRAY',
        pageSize: PAGE_BYTES,
        columnIndex: false,
        offsetIndex: true,
      };
      return { kind: 'values', path, encoder, cells: [] };
    });
  }

  static async create(file: string, schema: SchemaElement[], imageColumns: ReadonlySet<string>, pool: BlockPool, createdBy: string): Promise<StreamingParquetFile> {
    const sink = await ParquetSink.create(file);
    const writer = new StreamingParquetFile(sink, schema, imageColumns, pool, createdBy);
    const magic = new ByteWriter(4);
    magic.appendUint32(MAGIC);
    void sink.append([magic.getBytes()]).catch(() => undefined);
    return writer;
  }

  /** One row: a value per schema column in order, an `ImageSource` for the image columns. */
  async add(cells: readonly unknown[]): Promise<void> {
    for (const [i, column] of this.columns.entries()) {
      if (column.kind === 'values') column.cells.push(cells[i]);
      else await column.image.add(cells[i] as ImageSource);
    }
    this.rows += 1;
  }

  /** Rows in the row group being filled. */
  get bufferedRows(): number {
    return this.rows;
  }

  /** Image bytes in the row group being filled. */
  get bufferedImageBytes(): number {
    return this.columns.reduce((sum, c) => sum + (c.kind === 'image' ? c.image.bytes : 0), 0);
  }

  async finish(): Promise<FileFacts> {
    await this.flush();
    await this.inFlight;
    const footer = new ByteWriter(1 << 16);
    footer.offset = this.sink.offset;
    writeIndexes(footer, this.indexes);
    writeMetadata(footer, { version: 2, created_by: this.createdBy, schema: this.schema, num_rows: this.totalRows, row_groups: this.rowGroups, metadata_length: 0 });
    footer.appendUint32(MAGIC);
    await this.sink.append([footer.getBytes()]);
    return this.sink.finish();
  }

  /** Deletes the file; what was buffered is dropped. */
  async abort(): Promise<void> {
    await this.inFlight.catch(() => undefined);
    for (const column of this.columns) if (column.kind === 'image') column.image.discard();
    await this.sink.abort();
  }

  /** Ends the row group being filled: it goes to disk once the one before it is there. */
  async flush(): Promise<void> {
    if (this.rows === 0) return;
    const rows = this.rows;
    this.rows = 0;
    await this.inFlight;
    const start = this.sink.offset;
    const appends: Promise<void>[] = [];
    const blocks: ReturnType<ImageColumn['emit']>['blocks'] = [];
    const group: RowGroup = { columns: [], num_rows: BigInt(rows), total_byte_size: 0n };
    for (const column of this.columns) {
      let chunk: PageIndexes;
      let pieces: Uint8Array[];
      if (column.kind === 'image') {
        await column.image.ready();
        const emitted = column.image.emit(this.sink.offset, rows);
        blocks.push(...emitted.blocks);
        chunk = { chunk: emitted.chunk, offsetIndex: emitted.offsetIndex };
        pieces = emitted.pieces;
      } else {
        const writer = new ByteWriter(1 << 16);
        writer.offset = this.sink.offset;
        chunk = writeColumn({ writer, column: column.encoder, pageData: encodeNestedValues(column.path, column.cells as never) });
        column.cells = [];
        pieces = [writer.getBytes()];
      }
      appends.push(this.sink.append(pieces));
      group.columns.push(chunk.chunk);
      this.indexes.push(chunk);
      group.total_byte_size += chunk.chunk.meta_data?.total_uncompressed_size ?? 0n;
    }
    group.total_compressed_size = BigInt(this.sink.offset - start);
    this.rowGroups.push(group);
    this.totalRows += BigInt(rows);
    this.pool.sent(blocks.length);
    this.inFlight = Promise.all(appends).then(() => {
      for (const block of blocks) this.pool.give(block, true);
    });
    this.inFlight.catch(() => undefined);
  }
}
