/**
 * Where an organization is: its time zone (calendar feeds are written "with
 * the organization's time zone", RFC 5545; mails give times in it) and the
 * tile server of its maps. Rules shared by validation and storage.
 */
import { isURL } from 'class-validator';
import { IANAZone } from 'luxon';

export const DEFAULT_TIME_ZONE = 'Europe/Paris';
export const TIME_ZONE_MAX = 64;
export const MAP_TILE_URL_MAX = 2000;
/** OpenStreetMap's tile policy asks for the attribution on the map: one short line. */
export const MAP_ATTRIBUTION_MAX = 300;
/** One line of plain text: no control character at all. */
// eslint-disable-next-line no-control-regex
export const ONE_LINE = /^[^\u0000-\u001F\u007F]*$/;

const PLACEHOLDERS = ['{z}', '{x}', '{y}'] as const;

/**
 * An IANA zone name as luxon (and so meetings) understands it: Europe/Paris,
 * America/Cayenne, UTC. Offsets ("+01:00") and abbreviations ICU does not
 * know are not zones.
 */
export const isTimeZone = (value: string): boolean =>
  /^[A-Za-z][A-Za-z0-9_+/-]*$/.test(value) &&
  value.length <= TIME_ZONE_MAX &&
  IANAZone.isValidZone(value);

/**
 * A valid zone as stored: "europe/paris" → "Europe/Paris" (zone names are
 * case-insensitive, but feeds and mails show them). An alias the runtime
 * would map to another name (Asia/Kolkata → Asia/Calcutta in older ICU) is
 * kept as written: both name the same rules.
 */
export function canonicalTimeZone(value: string): string {
  const resolved = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  return resolved.toLowerCase() === value.toLowerCase() ? resolved : value;
}

/**
 * An OpenStreetMap-style tile URL template: https, {z}, {x} and {y} each
 * once, no other {placeholder} (the three that every map library fills), no
 * credentials. Null when it is one, else
 * what is wrong, in words an administrator can act on.
 */
export function tileTemplateProblem(value: string): string | null {
  if (value.length > MAP_TILE_URL_MAX) return `must be at most ${MAP_TILE_URL_MAX} characters`;
  const missing = PLACEHOLDERS.filter((p) => value.split(p).length !== 2);
  if (missing.length)
    return `must contain each of {z}, {x} and {y} once (missing or repeated: ${missing.join(', ')}), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png`;
  const sample = PLACEHOLDERS.reduce((url, p) => url.replace(p, '1'), value);
  if (/[{}]/.test(sample)) return 'may contain no placeholder other than {z}, {x} and {y}';
  // The characters of RFC 3986 but the quote: the address goes into pages and scripts as is.
  if (!/^[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]+$/.test(sample))
    return 'may contain no spaces, quotes, angle brackets or other characters outside an address';
  if (
    !isURL(sample, {
      protocols: ['https'],
      require_protocol: true,
      disallow_auth: true,
    })
  )
    return 'must be an https:// address, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png';
  return null;
}
