import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import type { AccountContactsView } from '@palabre/contracts';
import { AccountError, accountException } from './accounts.exception';
import { AccountsRepository } from './accounts.repository';
import { AccountContactsDto } from './dtos/account-contacts.dto';

/**
 * The services that write to accounts themselves (a meeting's confirmation,
 * change and cancellation) and so may ask where to, each of them in
 * TOKEN_RELAYS to identity. A service that starts mailing accounts is added
 * here, not given a copy of their addresses.
 */
export const CONTACT_READERS: readonly string[] = ['meetings'];

/**
 * Who may ask (ADR 0035): a service of CONTACT_READERS, at the moment it
 * mails, passing on the identity token the gateway minted for the request of
 * a signed-in account acting there (its organizer, or the registrant). Only
 * that token's claims name the route (`routedTo`, under every MAC), so a
 * token minted for identity itself, or for any other service, is refused,
 * whoever holds it; and an anonymous visitor's or signer's request, even to
 * meetings, never reads an address. Identity does not know who registered to
 * what: the reader asks for the people it writes to, and gets accounts of the
 * token's organization only.
 */
function requireContactReader(identity: InternalIdentity): void {
  if (!identity.routedTo || !CONTACT_READERS.includes(identity.routedTo))
    throw accountException(
      AccountError.ContactsNotForThisCaller,
      `Account contacts are for services that mail accounts (${CONTACT_READERS.join(', ')}), passing on the token of the request they act for`,
    );
  if (!identity.userId)
    throw accountException(
      AccountError.ContactsNeedAnAccount,
      'Account contacts are given for the action of a signed-in account only',
    );
}

/**
 * For other services (never routed by the gateway): where and how to write
 * to accounts, asked at the moment of mailing and kept by nobody but
 * identity. 200 with the accounts that can be written to (active, confirmed
 * address, of the token's organization), in the order asked; any other id is
 * left out. 400 for a list that is not 1 to 500 account ids.
 */
@ApiExcludeController()
@Controller('internal/accounts')
export class AccountContactsController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Post('contacts')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async contacts(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: AccountContactsDto,
  ): Promise<AccountContactsView> {
    requireContactReader(identity);
    const ids = [...new Set(body.userIds.map((id) => id.toLowerCase()))];
    const rows = await this.accounts.contactsOf(identity.organizationId, ids);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      contacts: ids.flatMap((id) => {
        const r = byId.get(id);
        return r ? [{ userId: r.id, email: r.email, name: r.display_name, locale: r.locale }] : [];
      }),
    };
  }
}
