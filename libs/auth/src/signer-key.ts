import { createHmac } from 'node:crypto';

/**
 * An anonymous signer's pseudonym in one organization: HMAC-SHA256 keyed by
 * the person's deployment-wide key (identity's HMAC(secret, FranceConnect
 * `sub`), which is never stored) over the organization's id. The same person
 * signing in two organizations of one deployment carries two pseudonyms that
 * nothing stored joins; within one organization it is stable, so one person
 * signs once.
 *
 * It is derived from the deployment-wide key rather than from `sub` directly
 * so that keys stored before organizations were mixed in could be rewritten in
 * place by each service's migration (`organizationSignerKey(stored, org)`),
 * without anyone ever holding a `sub` again (ADR 0007).
 */
export function organizationSignerKey(personKey: string, organizationId: string): string {
  return createHmac('sha256', personKey).update(`org\u0000${organizationId}`).digest('hex');
}
