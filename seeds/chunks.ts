/** Inserts rows in chunks: one statement per chunk keeps each query well under PostgreSQL's parameter limit. */
export async function inChunks<T>(rows: readonly T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await insert(rows.slice(start, start + size));
}
