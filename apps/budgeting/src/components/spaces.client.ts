import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthorizeResponseJson } from '@palabre/contracts';
import { IDENTITY_HEADER } from '@palabre/auth';
import { injectTraceHeaders } from '@palabre/observability';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { BudgetingError, budgetingException } from '../budgeting.exception';

export interface AuthorizeAnswer {
  allowed: boolean;
  reason: string;
  message: string;
  phase?: { id: string; title: Record<string, string> };
  spaceId: string;
  componentType: string;
}

/** `found: false`: spaces does not show this component to this person (its 404). */
export type AuthorizeResult =
  { found: false } | { found: true; answer: AuthorizeAnswer; maxAgeMs: number };

const agent = new Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 });
const TIMEOUT_MS = 3_000;
const DEFAULT_MAX_AGE_MS = 2_000;

const unavailable = () =>
  budgetingException(
    BudgetingError.SpacesUnavailable,
    'The spaces service could not say whether you may vote; try again shortly',
  );

/**
 * The spaces service's internal API (proto/palabre/spaces/v1/internal.proto)
 * over HTTP at SERVICE_URL_SPACES, forwarding the caller's identity token so
 * spaces answers for that person. The URL is read at each call (a test
 * platform learns it after start-up). Without it (embedded mode has no
 * service-to-service route yet), `remote` is false and ComponentAccess
 * decides from the local copy of the settings.
 */
@Injectable()
export class SpacesClient {
  constructor(@Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime) {}

  private get base(): string | null {
    const url = this.runtime.env.SERVICE_URL_SPACES?.trim();
    return url ? url.replace(/\/$/, '') : null;
  }

  get remote(): boolean {
    return this.base !== null;
  }

  async authorize(token: string, componentId: string, action: string): Promise<AuthorizeResult> {
    const r = await this.post('/internal/spaces/authorize', token, { componentId, action });
    if (r.status === 404) return { found: false };
    if (r.status !== 200) throw unavailable();
    const body = r.body as AuthorizeResponseJson;
    const maxAge = /max-age=(\d+)/.exec(r.cacheControl ?? '');
    return {
      found: true,
      maxAgeMs: maxAge ? Math.min(10_000, Number(maxAge[1]) * 1000) : DEFAULT_MAX_AGE_MS,
      answer: {
        allowed: body.allowed === true,
        reason: body.reason ?? '',
        message: body.message ?? '',
        ...(body.phase?.id ? { phase: { id: body.phase.id, title: body.phase.title ?? {} } } : {}),
        spaceId: body.spaceId ?? '',
        componentType: body.componentType ?? '',
      },
    };
  }

  private post(
    path: string,
    token: string,
    body: unknown,
  ): Promise<{ status: number; body: unknown; cacheControl?: string }> {
    const base = this.base;
    if (!base) return Promise.reject(unavailable());
    const url = new URL(`${base}${path}`);
    const payload = Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {
      [IDENTITY_HEADER]: token,
      'content-type': 'application/json',
      'content-length': String(payload.length),
      accept: 'application/json',
    };
    injectTraceHeaders(headers);
    const https = url.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        { method: 'POST', headers, agent: https ? httpsAgent : agent, timeout: TIMEOUT_MS },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', () => reject(unavailable()));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = null;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              parsed = null;
            }
            resolve({
              status: res.statusCode ?? 0,
              body: parsed,
              cacheControl: res.headers['cache-control'],
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`POST ${path} timed out`)));
      req.on('error', () => reject(unavailable()));
      req.end(payload);
    });
  }
}
