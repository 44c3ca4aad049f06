import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Streams one text column of a query, straight from PostgreSQL, as the bytes
 * of its values one after another: `COPY (query) TO STDOUT (FORMAT binary)`
 * through `pg-copy-streams`, each value unwrapped from its tuple. No row
 * objects and no strings are made in the process, so a large export costs
 * the socket buffers whatever its size (the query writes each value, a CSV
 * line say, the way it should appear). Waits for the reader (backpressure).
 *
 * PostgreSQL only: PGlite has no streaming COPY, so this returns null there
 * and the caller reads in pages. COPY takes no bind parameters: `query` must
 * carry its values as literals (pg's `escapeLiteral`).
 */
export async function copyTextOut(ds: DataSource, query: string): Promise<Readable | null> {
  // The embedded database comes in through a custom driver module (pglite-pool.ts).
  if ((ds.options as { driver?: unknown }).driver) return null;
  const [client, release] = (await (ds.driver as PostgresDriver).obtainMasterConnection()) as [
    PoolClient,
    (err?: Error | boolean) => void,
  ];
  let released = false;
  // A COPY cut short leaves the connection mid-protocol: the pool drops it then.
  const done = (broken: boolean) => {
    if (released) return;
    released = true;
    release(broken || undefined);
  };
  const copy = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`));
  const values = new BinaryCopyValues();
  copy.on('error', (e) => {
    done(true);
    values.destroy(e);
  });
  copy.on('end', () => done(false));
  values.on('close', () => {
    if (!copy.readableEnded) {
      done(true);
      copy.destroy();
    }
  });
  return copy.pipe(values);
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * The values of a one-column binary COPY stream, concatenated: the format's
 * header (signature, flags, extension), then per tuple an int16 field count
 * (-1 ends the data) and the field as an int32 length and its bytes (NULL:
 * length -1, nothing written). Tuples may straddle chunks.
 */
export class BinaryCopyValues extends Transform {
  private rest: Buffer | null = null;
  private headerRead = false;
  private ended = false;

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    const b = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let at = 0;
    if (!this.headerRead) {
      if (b.length < 19) return this.keep(b, 0, callback);
      if (!b.subarray(0, 11).equals(SIGNATURE))
        return callback(new Error('Not a binary COPY stream'));
      at = 19 + b.readInt32BE(15);
      this.headerRead = true;
    }
    const out: Buffer[] = [];
    while (!this.ended && b.length - at >= 2) {
      const fields = b.readInt16BE(at);
      if (fields === -1) {
        this.ended = true;
        at += 2;
        break;
      }
      if (fields !== 1) return callback(new Error(`Expected one column, got ${fields}`));
      if (b.length - at < 6) break;
      const length = b.readInt32BE(at + 2);
      const size = 6 + Math.max(length, 0);
      if (b.length - at < size) break;
      if (length > 0) out.push(b.subarray(at + 6, at + size));
      at += size;
    }
    if (out.length) this.push(out.length === 1 ? out[0] : Buffer.concat(out));
    this.keep(b, at, callback);
  }

  override _flush(callback: TransformCallback): void {
    callback(
      this.ended && !this.rest ? null : new Error('The COPY stream ended in the middle of a row'),
    );
  }

  private keep(b: Buffer, at: number, callback: TransformCallback): void {
    this.rest = at < b.length ? Buffer.from(b.subarray(at)) : null;
    callback();
  }
}
