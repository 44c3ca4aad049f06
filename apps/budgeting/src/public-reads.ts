import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { BoundedCache } from '@palabre/cache';

export interface Rendered {
  json: string;
  etag: string;
}

const TTL_MS = 1_000;
const MAX = 5_000;

export const PUBLIC_CACHE = 'public, max-age=2, stale-while-revalidate=30';
export const PRIVATE_CACHE = 'private, no-store';

/**
 * Public reads (budgets, project lists, results, progress) rendered at most
 * once a second per organization and key however many people look, served
 * with an ETag; the gateway (and a CDN) keep them for max-age and answer
 * If-None-Match. Writes of this process drop the entries they change.
 */
@Injectable()
export class PublicReads {
  private readonly cache = new BoundedCache<Rendered>({ max: MAX, ttlMs: TTL_MS });

  render(org: string, key: string, load: () => Promise<unknown>): Promise<Rendered> {
    return this.cache.fetch(`${org}|${key}`, async () => {
      const json = JSON.stringify(await load());
      return { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
    });
  }

  /** Drops every entry whose key mentions one of `ids` (a budget, a component…), or all. */
  invalidate(...ids: string[]): void {
    if (ids.length === 0) return this.cache.clear();
    this.cache.deleteWhere((k) => ids.some((id) => k.includes(id)));
  }

  /** Sends a rendered body with its ETag; 304 when the client already has it. */
  send(res: FastifyReply, r: Rendered, ifNoneMatch: string | undefined, isPublic: boolean): void {
    res.header('ETag', r.etag);
    res.header('Cache-Control', isPublic ? PUBLIC_CACHE : PRIVATE_CACHE);
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === r.etag))
      return void res.status(304).send();
    res.status(200).type('application/json').send(r.json);
  }
}
