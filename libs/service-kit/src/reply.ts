import type { ServerResponse } from 'node:http';

/**
 * What a handler sets on its answer besides the body: a Fastify reply is one,
 * and a handler shared by several routes (or called with a stand-in in a unit
 * test) needs nothing more.
 */
export interface Reply {
  header(name: string, value: string): unknown;
  status(code: number): unknown;
}

/**
 * An open-data file written as it is read from the database (no whole export
 * in memory): the reply is taken over (`hijack`) and its raw response is
 * returned with the file's headers set — public for a minute, readable from
 * any site, shown inline.
 */
export function openDataStream(
  reply: { hijack(): unknown; raw: ServerResponse },
  type: string,
  filename: string,
): ServerResponse {
  reply.hijack();
  const res = reply.raw;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  res.setHeader('Cache-Control', 'public, max-age=60');
  res.setHeader('Access-Control-Allow-Origin', '*');
  return res;
}
