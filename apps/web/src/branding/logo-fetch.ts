import { lookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP } from 'node:net';

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

export function fetchLogo(url: string): Promise<Logo | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(null);
  }
  if (target.protocol !== 'https:' || isIP(target.hostname.replace(/^\[|\]$/g, '')) !== 0)
    return Promise.resolve(null);
  return new Promise((resolve) => {
    const req = request(
      target,
      {
        method: 'GET',
        headers: { accept: 'image/*' },
        timeout: TIMEOUT_MS,
        lookup: publicLookup as never,
      },
      (res) => {
        const type = String(res.headers['content-type'] ?? '')
          .split(';')[0]
          .trim()
          .toLowerCase();
        if (res.statusCode !== 200 || !IMAGE_TYPES.has(type)) {
          res.resume();
          return resolve(null);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BYTES) {
            req.destroy();
            return resolve(null);
          }
          chunks.push(c);
        });
        res.on('error', () => resolve(null));
        res.on('end', () => resolve({ type, body: Buffer.concat(chunks) }));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
    req.end();
  });
}
