import { Writable } from 'node:stream';
import { metricsRegistry } from '@palabre/observability';
import { pipeline } from 'node:stream/promises';
import { BinaryCopyValues, copyTextOut } from './copy-out';
import type { Database } from './database';
import { testDatabaseTargets } from './test-targets';

const collect = async (readable: NodeJS.ReadableStream) => {
  const parts: Buffer[] = [];
  for await (const chunk of readable) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
};

/** A binary COPY stream of one text column, as PostgreSQL writes it. */
function binaryCopy(values: (string | null)[]): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const v of values) {
    const head = Buffer.alloc(6);
    head.writeInt16BE(1, 0);
    const bytes = v === null ? Buffer.alloc(0) : Buffer.from(v, 'utf8');
    head.writeInt32BE(v === null ? -1 : bytes.length, 2);
    parts.push(head, bytes);
  }
  const end = Buffer.alloc(2);
  end.writeInt16BE(-1, 0);
  parts.push(end);
  return Buffer.concat(parts);
}

describe('BinaryCopyValues', () => {
  const values = ['a,b\r\n', null, 'Élise "dit" ça\r\n', '', 'x'.repeat(300)];
  const stream = binaryCopy(values);

  it('gives the values one after another, wherever the chunks are cut', async () => {
    for (const cut of [1, 2, 3, 7, 19, 20, 64, stream.length]) {
      const parser = new BinaryCopyValues();
      const out = collect(parser);
      for (let i = 0; i < stream.length; i += cut) parser.write(stream.subarray(i, i + cut));
      parser.end();
      expect(await out).toBe(values.filter((v) => v !== null).join(''));
    }
  });

  it('fails on a stream cut in the middle of a row, or that is not a binary COPY', async () => {
    const cut = new BinaryCopyValues();
    const cutOut = collect(cut);
    cut.end(stream.subarray(0, stream.length - 10));
    await expect(cutOut).rejects.toThrow(/middle of a row/);
    const other = new BinaryCopyValues();
    const otherOut = collect(other);
    other.end(Buffer.from('id,name\n1,x\n'.repeat(3)));
    await expect(otherOut).rejects.toThrow(/Not a binary COPY/);
  });
});

describe.each(testDatabaseTargets())('copyTextOut on $name', ({ name, open }) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('streams a query’s text column from PostgreSQL, and says null on PGlite; the pool is in the metrics', async () => {
    const ds = db.dataSource({ schema: 'public' });
    await ds.initialize();
    try {
      const query = `SELECT 'ligne ' || i || ' é' || E'\\r\\n' FROM generate_series(1, 20000) i ORDER BY i`;
      const stream = await copyTextOut(ds, query);
      if (name === 'PGlite') {
        expect(stream).toBeNull();
        return;
      }
      const text = await collect(stream!);
      const lines = text.split('\r\n');
      expect(lines).toHaveLength(20001);
      expect(lines[0]).toBe('ligne 1 é');
      expect(lines[19999]).toBe('ligne 20000 é');
      // A reader that stops early gives the connection back (dropped, mid-COPY): the pool still serves.
      const early = await copyTextOut(ds, query);
      let seen = 0;
      await expect(
        pipeline(
          early!,
          new Writable({
            write(chunk: Buffer, _e, done) {
              seen += chunk.length;
              done(seen > 1000 ? new Error('enough') : null);
            },
          }),
        ),
      ).rejects.toThrow('enough');
      const pool = (ds.driver as unknown as { master: { totalCount: number; idleCount: number } })
        .master;
      await new Promise((r) => setTimeout(r, 50));
      expect(pool.totalCount - pool.idleCount).toBe(0);
      for (let i = 0; i < 12; i++) expect(await ds.query(`SELECT ${i} AS n`)).toEqual([{ n: i }]);
      // A failing query rejects the stream.
      const failing = await copyTextOut(ds, 'SELECT 1 / 0');
      await expect(collect(failing!)).rejects.toThrow(/division by zero/);
      expect(await ds.query(`SELECT 1 AS n`)).toEqual([{ n: 1 }]);
      expect(pool.totalCount - pool.idleCount).toBe(0);
      // The pool is reported at each scrape (palabre_db_pool_connections).
      const scraped = await metricsRegistry.getSingleMetricAsString('palabre_db_pool_connections');
      expect(scraped).toContain(`{service="public",state="total"} ${pool.totalCount}`);
      expect(scraped).toContain(`{service="public",state="waiting"} 0`);
    } finally {
      await ds.destroy();
    }
  });
});
