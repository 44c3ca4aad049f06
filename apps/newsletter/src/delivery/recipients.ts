import type { RecipientView, RecipientsView } from '@palabre/contracts';
import { SERVICE_HEADER } from '@palabre/auth';
import { ServiceUnreachableError, type ServiceRuntime } from '@palabre/service-kit';

/** Identity's most ids per question. */
const BATCH = 1000;

/**
 * Where to write to these accounts now, asked of identity as this service
 * (POST /internal/recipients, ADR 0038): for a newsletter only those whose
 * consent is granted, with their unsubscribe link; accounts blocked, deleted
 * or without a confirmed address are left out. Kept by nobody: used for the
 * batch being sent. ServiceUnreachableError when identity cannot answer.
 */
export async function recipientsOf(
  runtime: ServiceRuntime,
  organizationId: string,
  userIds: string[],
  purpose: 'newsletter' | 'notification',
): Promise<RecipientView[]> {
  const tokens = runtime.serviceTokens;
  if (!tokens) throw new Error('The newsletter service holds no service token keys (ADR 0038)');
  const out: RecipientView[] = [];
  for (let i = 0; i < userIds.length; i += BATCH) {
    const r = await runtime.internal.call<RecipientsView>(
      'identity',
      'POST',
      '/internal/recipients',
      {
        headers: { [SERVICE_HEADER]: tokens.issue('identity', organizationId) },
        body: { userIds: userIds.slice(i, i + BATCH), purpose },
        timeoutMs: 15_000,
      },
    );
    if (r.status !== 200 || !Array.isArray(r.body?.recipients))
      throw new ServiceUnreachableError('identity', `recipients answered ${r.status}`);
    out.push(...r.body.recipients);
  }
  return out;
}
