import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@palabre/auth';
import { BoundedCache } from '@palabre/cache';
import { JsonLogger } from '@palabre/observability';
import { type PageRequest, pathOf } from '../layout/http';
import { WEB_CONFIG, type WebConfig } from '../config/web.config';
import { GatewayClient, gatewayBase } from '../gateway/gateway-client';
import type { Organization } from '../layout/page-context';
import { brandCss, brandCssPath, logoPath } from './branding';
import { fetchLogo, type Logo } from './logo-fetch';

const YEAR = 365 * 86_400;
const LOGO_TTL_MS = 10 * 60_000;
/** By address; one that could not be fetched is not asked again before its time. */
const logos = new BoundedCache<Logo | null>({ max: 200, ttlMs: LOGO_TTL_MS });

/**
 * The organization's stylesheet and logo, at addresses named by a hash of
 * their content (cached for a year); an old address answers the current
 * content, briefly cached. Asks for the organization without the visitor's
 * cookie: these are the same for everyone on the host.
 */
@ApiExcludeController()
@Public()
@Controller('assets/brand')
export class BrandingController {
  constructor(
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    private readonly logger: JsonLogger,
  ) {}

  private async organization(req: PageRequest): Promise<Organization | null> {
    const client = new GatewayClient(gatewayBase(req, this.config.gatewayUrl), {
      host: req.headers.host ?? 'localhost',
      locale: 'fr',
    });
    const r = await client.get<Organization>('/api/identity/organizations/current');
    return r.status === 200 && r.body?.name ? r.body : null;
  }

  private notFound(res: FastifyReply) {
    res
      .status(404)
      .header('Cache-Control', 'no-cache')
      .type('text/plain; charset=utf-8')
      .send('Not found');
  }

  @Get(':file')
  async asset(@Param('file') file: string, @Req() req: PageRequest, @Res() res: FastifyReply) {
    if (!/^(logo-)?[0-9a-f]{12}(\.css)?$/.test(file)) return this.notFound(res);
    const org = await this.organization(req);
    if (!org) return this.notFound(res);
    const cache = (current: boolean) =>
      current ? `public, max-age=${YEAR}, immutable` : 'public, max-age=60';
    if (file.endsWith('.css')) {
      return void res
        .status(200)
        .header('Cache-Control', cache(pathOf(req) === brandCssPath(org)))
        .type('text/css; charset=utf-8')
        .send(brandCss(org));
    }
    const path = logoPath(org);
    if (!file.startsWith('logo-') || !path || !org.logoUrl) return this.notFound(res);
    const logo = await this.logo(org.logoUrl);
    if (!logo) return this.notFound(res);
    res
      .status(200)
      // Never a page of this origin, even as SVG opened on its own: no script, no plugin.
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .header('X-Content-Type-Options', 'nosniff')
      .header(
        'Cache-Control',
        pathOf(req) === path ? 'public, max-age=86400' : 'public, max-age=60',
      )
      .type(logo.type)
      .send(logo.body);
  }

  private logo(url: string): Promise<Logo | null> {
    return logos.fetch(url, async () => {
      const logo = await fetchLogo(url);
      // The organization's own setting, not personal data.
      if (!logo) this.logger.emit('warn', 'Organization logo could not be fetched', { url });
      return logo;
    });
  }
}
