import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

let connection: Promise<DuckDBConnection> | null = null;

/** An independent reader for what the exporter writes: DuckDB's own Parquet, CSV and JSON readers. */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  const reader = await (await connection).runAndReadAll(sql);
  return reader.getRowObjects() as Record<string, unknown>[];
}

/** A path quoted for DuckDB SQL. */
export const q = (path: string) => `'${path.replaceAll("'", "''")}'`;
