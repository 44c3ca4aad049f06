import { IDENTITY_HEADER } from '@palabre/auth';
import type { AccountContactView, AccountContactsView } from '@palabre/contracts';
import { ServiceUnreachableError, type InternalServices } from './internal-services';

/** Identity's most ids per question (POST /internal/accounts/contacts). */
const BATCH = 500;

/**
 * Identity refused the question (400: not account ids; 401/403: this token may
 * not read addresses, ADR 0035). A bug of the caller, never worth asking again.
 */
export class AccountContactsRefusedError extends Error {
  constructor(
    readonly status: number,
    reason: string,
  ) {
    super(`Identity refused account contacts (${status}): ${reason}`);
    this.name = 'AccountContactsRefusedError';
  }
}

const isContact = (c: unknown): c is AccountContactView => {
  const v = c as Partial<AccountContactView> | null;
  return (
    typeof v?.userId === 'string' &&
    typeof v.email === 'string' &&
    (v.name === null || typeof v.name === 'string') &&
    typeof v.locale === 'string'
  );
};

/**
 * Where and how to write to these accounts, asked of identity at the moment
 * of mailing, with `token` the identity token of the request being served (a
 * signed-in account's, passed on): addresses stay with identity (ADR 0035),
 * so the caller uses the answer for this mail and keeps none of it. Accounts
 * that cannot be written to (blocked, deleted, unconfirmed, unknown, of
 * another organization) are left out; the others come in the order asked,
 * once each, in batches of 500. Throws ServiceUnreachableError when identity
 * cannot answer (no address known, network, 5xx or any unexpected answer),
 * which the caller turns into its own 503; AccountContactsRefusedError when
 * it refuses (400, 401, 403).
 */
export async function accountContacts(
  internal: InternalServices,
  token: string,
  userIds: string[],
): Promise<AccountContactView[]> {
  const ids = [...new Set(userIds)];
  const contacts: AccountContactView[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const r = await internal.call<AccountContactsView & { message?: string }>(
      'identity',
      'POST',
      '/internal/accounts/contacts',
      { headers: { [IDENTITY_HEADER]: token }, body: { userIds: ids.slice(i, i + BATCH) } },
    );
    if (r.status === 400 || r.status === 401 || r.status === 403)
      throw new AccountContactsRefusedError(r.status, String(r.body?.message ?? ''));
    if (r.status !== 200 || !Array.isArray(r.body?.contacts))
      throw new ServiceUnreachableError('identity', `account contacts answered ${r.status}`);
    contacts.push(...r.body.contacts.filter(isContact));
  }
  return contacts;
}
