import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { BoundedCache } from '@palabre/cache';
import type { JsonLogger } from '@palabre/observability';
import { fetchLogo, type Logo } from './logo-fetch';

const TTL_MS = 10 * 60_000;

/** An image's file name on this site: a hash of its address (the page names it, the route finds it again). */
export const imageFile = (url: string): string =>
  `image-${createHash('sha256').update(url).digest('hex').slice(0, 12)}`;
export const IMAGE_FILE = /^image-[0-9a-f]{12}$/;

/** No image here: a plain 404, never a page (an <img> shows nothing rather than a page's markup). */
export function noImage(res: FastifyReply): void {
  res
    .status(404)
    .header('Cache-Control', 'no-cache')
    .type('text/plain; charset=utf-8')
    .send('Not found');
}

/**
 * Images at addresses an administrator or an organizer gave (a meeting's
 * photos, a map's tiles), fetched by this site and served from its origin:
 * the CSP allows no third-party image, and visitors' browsers never call
 * those hosts (fetchLogo's rules: https, public addresses, images, 1 MB).
 * Kept by address for ten minutes; one that could not be fetched is not
 * asked again before its time.
 */
export class RemoteImages {
  private readonly cache: BoundedCache<Logo | null>;

  constructor(
    private readonly logger: JsonLogger,
    /** What the warning names: "Meeting photo", "Map tile". */
    private readonly what: string,
    max = 500,
  ) {
    this.cache = new BoundedCache<Logo | null>({ max, ttlMs: TTL_MS });
  }

  /** Sends the image at `url`, or a 404 when there is none or it could not be fetched. */
  async send(
    res: FastifyReply,
    url: string | null | undefined,
    headers: Record<string, string> = {},
  ): Promise<void> {
    const image = url ? await this.fetch(url, headers) : null;
    if (!image) return noImage(res);
    res
      .status(200)
      // Never a page of this origin, even as SVG opened on its own: no script, no plugin.
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, max-age=3600')
      .type(image.type)
      .send(image.body);
  }

  private fetch(url: string, headers: Record<string, string>): Promise<Logo | null> {
    return this.cache.fetch(url, async () => {
      const image = await fetchLogo(url, headers);
      // An administrator's or organizer's address, not personal data.
      if (!image) this.logger.emit('warn', `${this.what} could not be fetched`, { url });
      return image;
    });
  }
}
