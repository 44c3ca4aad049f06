import type { FastifyReply } from 'fastify';
import { BoundedCache } from '@palabre/cache';
import type { NotificationCountView } from '@palabre/contracts';
import { keepCookie, type PageRequest } from './http';
import { GatewayClient, gatewayBase, siteClientOf } from '../gateway/gateway-client';
import {
  I18n,
  LANG_COOKIE,
  LOCALES,
  fromAcceptLanguage,
  isLocale,
  type Locale,
} from '../i18n/i18n';

export interface Organization {
  id: string;
  name: string;
  defaultLocale?: string;
  locales?: string[];
  /** How accounts are opened: 'open', 'invitation' or 'franceconnect' (with identityProviders). */
  registrationMode?: string;
  identityProviders?: string[];
  /** Branding and announcement (see branding/branding.ts). */
  logoUrl?: string | null;
  primaryColor?: string | null;
  welcomeText?: Partial<Record<string, string>>;
  announcement?: Partial<Record<string, string>>;
  /** IANA zone of calendar feeds and mails (the site's own dates are still given in Europe/Paris). */
  timeZone?: string;
  /** A tile URL template ({z}, {x}, {y}) and the credit to show with it; null: no map, an address and a link. */
  mapTileUrl?: string | null;
  mapAttribution?: string | null;
}

export type Me =
  /** `adult: false` when the FranceConnect sign-in says they are under 18 (no age beyond that). */
  | { kind: 'signer'; adult?: boolean }
  | { kind: 'account'; id: string; displayName: string | null; email: string; grants: unknown[] };

const SESSION_COOKIE = 'palabre_session';
/**
 * How long a page waits for the header's count of unread notifications: a
 * slow or absent newsletter service costs the page its number, never the page.
 */
const UNREAD_WAIT_MS = 2_000;
/** By host: as many as the gateway keeps (its OrganizationResolver), as long. */
const organizations = new BoundedCache<Organization>({ max: 10_000, ttlMs: 30_000 });

/** After a change of the organization's settings through this site: the next page reads them afresh. */
export function forgetOrganization(host: string | undefined): void {
  organizations.delete(host ?? 'localhost');
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name)
      return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** What every page needs: language, the API client for this visitor, the organization, who is signed in. */
export class PageContext {
  private constructor(
    readonly req: PageRequest,
    readonly i18n: I18n,
    readonly api: GatewayClient,
    readonly org: Organization,
    readonly me: Me | null,
    readonly locales: Locale[],
    /**
     * The signed-in person's unread notifications, for the header; null when
     * unknown (signed out, a signer, the newsletter service not answering).
     * A page that marks some read sets what the API then answers.
     */
    public unread: number | null = null,
  ) {}

  get locale(): Locale {
    return this.i18n.locale;
  }

  get t() {
    return this.i18n.t.bind(this.i18n);
  }

  /** The current path with one query parameter changed (for the language switch, pagers). */
  pathWith(name: string, value: string): string {
    const url = new URL(this.req.url, 'http://x');
    url.searchParams.set(name, value);
    return `${url.pathname}${url.search}`;
  }

  static async load(req: PageRequest, res: FastifyReply, gatewayUrl: string | undefined) {
    const host = req.headers.host ?? 'localhost';
    const requested = typeof req.query.lang === 'string' ? req.query.lang : undefined;
    if (isLocale(requested)) {
      keepCookie(res, LANG_COOKIE, requested, 365 * 86_400);
    }
    const cookieLang = readCookie(req.headers.cookie, LANG_COOKIE);
    const preferred = isLocale(requested)
      ? requested
      : isLocale(cookieLang)
        ? cookieLang
        : fromAcceptLanguage(req.headers['accept-language']);
    const base = gatewayBase(req, gatewayUrl);
    const requestId =
      typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : undefined;
    const client = (locale: string) =>
      new GatewayClient(base, {
        host,
        cookie: req.headers.cookie,
        locale,
        requestId,
        siteClient: siteClientOf(req),
        userAgent: req.headers['user-agent'],
      });
    const probe = client(preferred ?? 'fr');
    const session = readCookie(req.headers.cookie, SESSION_COOKIE);
    const [org, me, unread] = await Promise.all([
      PageContext.organization(host, probe),
      session
        ? probe.get<Me>('/api/identity/me').then((r) => (r.status === 200 ? r.body : null))
        : Promise.resolve(null),
      session ? PageContext.unreadCount(probe) : Promise.resolve(null),
    ]);
    const offered = LOCALES.filter((l) => !org.locales?.length || org.locales.includes(l));
    const locales = offered.length ? offered : [...LOCALES];
    const fallback = isLocale(org.defaultLocale) ? org.defaultLocale : 'fr';
    const locale = preferred && locales.includes(preferred) ? preferred : fallback;
    res.header('Content-Language', locale);
    res.header('Vary', 'Cookie, Accept-Language');
    return new PageContext(
      req,
      new I18n(locale),
      client(locale),
      org,
      me,
      locales,
      me?.kind === 'account' ? unread : null,
    );
  }

  /** The header's number of unread notifications, or null: asked beside `me`, never failing the page. */
  private static async unreadCount(api: GatewayClient): Promise<number | null> {
    const asked = api.get<NotificationCountView>('/api/newsletter/me/notifications/count').then(
      (r) => (r.status === 200 && typeof r.body?.unread === 'number' ? r.body.unread : null),
      () => null,
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(resolve, UNREAD_WAIT_MS, null);
    });
    try {
      return await Promise.race([asked, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private static organization(host: string, api: GatewayClient): Promise<Organization> {
    return organizations.fetch(host, async () => {
      const r = await api.get<Organization>('/api/identity/organizations/current');
      if (r.status !== 200 || !r.body?.name)
        throw new Error(`Organization lookup answered ${r.status}`);
      return r.body;
    });
  }
}
