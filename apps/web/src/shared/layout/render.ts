import {
  Catch,
  HttpException,
  Inject,
  Injectable,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { JsonLogger } from '@palabre/observability';
import { UNACCEPTABLE_TEXT } from '@palabre/service-kit';
import { type PageRequest, pathOf } from './http';
import { WEB_CONFIG, type WebConfig } from '../config/web.config';
import { html } from '../html/html';
import { layout, type PageOptions } from './layout';
import { PageContext } from './page-context';

/** Sends one page; no caching by shared caches (pages depend on the visitor's session and language). */
export function send(res: FastifyReply, ctx: PageContext, page: PageOptions, status = 200): void {
  res
    .status(status)
    .header('Cache-Control', 'private, no-cache')
    .type('text/html; charset=utf-8')
    .send(layout(ctx, page));
}

export function notFoundPage(ctx: PageContext): PageOptions {
  const { t } = ctx;
  return {
    title: t('notFound.title'),
    main: html`<h1>${t('notFound.title')}</h1>
      <p>${t('notFound.text')}</p>
      <p>${t('notFound.try')}</p>
      <ul>
        <li><a href="/">${t('notFound.home')}</a></li>
        <li><a href="/petitions">${t('notFound.petitions')}</a></li>
      </ul>`,
  };
}

/**
 * The fields of a request refused before any page's handler because their
 * text cannot be stored (U+0000, half a surrogate pair: the services' guard),
 * or null for any other error.
 */
function unacceptableFields(exception: unknown): string[] | null {
  if (!(exception instanceof HttpException)) return null;
  const body = exception.getResponse() as { code?: unknown; errors?: { field: string }[] };
  if (typeof body !== 'object' || body?.code !== UNACCEPTABLE_TEXT) return null;
  return (body.errors ?? []).map((e) => e.field);
}

/** Which field held text that cannot be stored, and the way back to the form (its address, read again). */
function refusedTextPage(ctx: PageContext, back: string, fields: string[]): PageOptions {
  const { t } = ctx;
  return {
    title: `${t('form.errorSummary', { count: fields.length })} ${t('form.refused.title')}`,
    main: html`<h1>${t('form.refused.title')}</h1>
      <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
        <h2>${t('form.errorSummary', { count: fields.length })}</h2>
        <ul>
          ${fields.map((field) => html`<li>${t('form.unacceptableText', { field })}</li>`)}
        </ul>
      </div>
      <p><a href="${back}">${t('form.refused.back')}</a></p>`,
  };
}

/** The page for a 404 or a failure: in the visitor's language when we can, bilingual and bare when even that fails. */
@Catch()
@Injectable()
export class PageErrorFilter implements ExceptionFilter {
  constructor(
    private readonly logger: JsonLogger,
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
  ) {}

  async catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<PageRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    if (res.sent) return;
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const requestId = String(req.headers['x-request-id'] ?? '');
    if (status >= 500) {
      // The message and stack only: never the request's body, cookies or query (personal data).
      this.logger.emit('error', 'Page failed', {
        error: exception instanceof Error ? exception.message : String(exception),
        path: pathOf(req),
        requestId,
      });
    }
    try {
      const ctx = await PageContext.load(req, res, this.config.gatewayUrl);
      if (status === 404) return send(res, ctx, notFoundPage(ctx), 404);
      const refused = unacceptableFields(exception);
      if (refused) return send(res, ctx, refusedTextPage(ctx, req.url, refused), 400);
      const { t } = ctx;
      return send(
        res,
        ctx,
        {
          title: t('error.title'),
          main: html`<h1>${t('error.title')}</h1>
            <p>${t('error.text')}</p>
            ${requestId ? html`<p>${t('error.reference', { id: requestId })}</p>` : ''}
            <p>
              <a href="${req.url}">${req.url}</a> ·
              <a href="/">${t('notFound.home')}</a>
            </p>`,
        },
        status >= 400 && status < 500 ? status : 500,
      );
    } catch {
      res
        .status(status === 404 ? 404 : 503)
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Service indisponible — Service unavailable</title></head><body><main><h1>Service momentanément indisponible</h1><p>Réessayez dans quelques instants.</p><p lang="en">The service is briefly unavailable. Please try again in a few moments.</p></main></body></html>`,
        );
    }
  }
}
