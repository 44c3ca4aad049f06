import { lookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, request } from 'undici';

/**
 * Fetches an organization's logo for this site to serve from its own origin
 * (the CSP allows no third-party image, and visitors' browsers never call
 * the logo's host). The address is an administrator's input: only https, no
 * redirect, only public addresses (checked on the address actually connected
 * to, so a DNS answer cannot point it inside), images only, 1 MB at most.
 */
export interface Logo {
  type: string;
  body: Buffer;
}

const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 5_000;
const IMAGE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/svg+xml',
]);

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip);
  if (family === 0) return false;
  return !PRIVATE.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export function publicLookup(hostname: string, options: object, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const allowed = addresses.filter((a) => isPublicAddress(a.address));
    if (allowed.length === 0)
      return callback(
        Object.assign(new Error('Logo host is not public'), { code: 'EPRIVATE' }),
        '',
      );
    if ((options as { all?: boolean }).all) return callback(null, allowed);
    callback(null, allowed[0].address, allowed[0].family);
  });
}

/**
 * Connections to images' hosts: only to public addresses (the check is in
 * the lookup, so it holds for the address connected to), within the timeout.
 */
const images = new Agent({ connect: { lookup: publicLookup as never, timeout: TIMEOUT_MS } });

/** `headers`: what the image's host asks of its clients (a tile server: a User-Agent naming the application). */
export async function fetchLogo(
  url: string,
  headers: Record<string, string> = {},
): Promise<Logo | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (target.protocol !== 'https:' || isIP(target.hostname.replace(/^\[|\]$/g, '')) !== 0)
    return null;
  try {
    // No redirect is followed (undici's request follows none).
    const res = await request(target, {
      method: 'GET',
      headers: { ...headers, accept: 'image/*' },
      dispatcher: images,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
    });
    const type = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (res.statusCode !== 200 || !IMAGE_TYPES.has(type)) {
      res.body.destroy();
      return null;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BYTES) {
        res.body.destroy();
        return null;
      }
      chunks.push(chunk as Buffer);
    }
    return { type, body: Buffer.concat(chunks) };
  } catch {
    return null;
  }
}
