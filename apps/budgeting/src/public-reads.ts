import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

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
  private readonly cache = new Map<string, { at: number; value: Promise<Rendered> }>();

  render(org: string, key: string, load: () => Promise<unknown>): Promise<Rendered> {
    const k = `${org}|${key}`;
    const hit = this.cache.get(k);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    if (this.cache.size >= MAX) this.cache.clear();
    const value = load().then((body) => {
      const json = JSON.stringify(body);
      return { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
    });
    this.cache.set(k, { at: Date.now(), value });
    value.catch(() => this.cache.delete(k));
    return value;
  }

  /** Drops every entry whose key mentions one of `ids` (a budget, a component…), or all. */
  invalidate(...ids: string[]): void {
    if (ids.length === 0) return this.cache.clear();
    for (const k of this.cache.keys()) if (ids.some((id) => k.includes(id))) this.cache.delete(k);
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
