import { Agent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Inject, Injectable } from '@nestjs/common';
import type { AuthorizeResponseJson } from '@palabre/contracts';
import { IDENTITY_HEADER } from '@palabre/auth';
import { injectTraceHeaders } from '@palabre/observability';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { ProposalError, proposalException } from '../proposals.exception';

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

const agent = new Agent({ keepAlive: true, maxSockets: 32, maxFreeSockets: 8 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32, maxFreeSockets: 8 });
const TIMEOUT_MS = 3_000;
const DEFAULT_MAX_AGE_MS = 2_000;

/**
 * The spaces service's internal API (proto/palabre/spaces/v1/internal.proto),
 * over HTTP at SERVICE_URL_SPACES, forwarding the caller's identity token so
 * spaces answers for that person. There is no shared service-to-service
 * client in libs/ yet, nor a way to reach a service in the same process in
 * embedded mode: without SERVICE_URL_SPACES, `remote` is false and the
 * caller decides from its local copy of the settings (ComponentAccess).
 */
@Injectable()
export class SpacesClient {
  private readonly base: string | null;

  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    const url = runtime.env.SERVICE_URL_SPACES?.trim();
    this.base = url ? url.replace(/\/$/, '') : null;
  }

  get remote(): boolean {
    return this.base !== null;
  }

  async authorize(token: string, componentId: string, action: string): Promise<AuthorizeResult> {
    const r = await this.post('/internal/spaces/authorize', token, { componentId, action });
    if (r.status === 404) return { found: false };
    if (r.status !== 200)
      throw proposalException(
        ProposalError.SpacesUnavailable,
        'The spaces service could not say whether this is allowed; try again shortly',
      );
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
    const url = new URL(`${this.base}${path}`);
    const payload = Buffer.from(JSON.stringify(body));
    const headers: Record<string, string> = {
      [IDENTITY_HEADER]: token,
      'content-type': 'application/json',
      'content-length': String(payload.length),
      accept: 'application/json',
    };
    injectTraceHeaders(headers);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers,
          agent: url.protocol === 'https:' ? httpsAgent : agent,
          timeout: TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
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
      req.on('error', () =>
        reject(
          proposalException(
            ProposalError.SpacesUnavailable,
            'The spaces service is unreachable; try again shortly',
          ),
        ),
      );
      req.end(payload);
    });
  }
}
