import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CallingService, ServiceRoute, type ServiceCaller } from '@palabre/auth';
import type { AccountSignalsView, AdministratorsView } from '@palabre/contracts';
import { AccountsRepository } from '../accounts/accounts.repository';
import { AccountSignalsDto } from './recipients.dto';

/**
 * What the antispam service scores an account on (ADR 0041), asked by it as
 * itself (ADR 0038) when it scores: the public name, the domain of the
 * address (never the address), the account's age and state. Nothing is kept
 * there but the score. Also the organization's administrators, to whom its
 * daily digest goes (account ids only). Never routed by the gateway.
 */
@ApiExcludeController()
@Controller('internal')
export class AccountSignalsController {
  constructor(private readonly accounts: AccountsRepository) {}

  @Post('account-signals')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ServiceRoute('antispam')
  async signals(
    @CallingService() caller: ServiceCaller,
    @Body() body: AccountSignalsDto,
  ): Promise<AccountSignalsView> {
    const ids = [...new Set(body.userIds.map((id) => id.toLowerCase()))];
    const rows = await this.accounts.signalsOf(caller.organizationId, ids);
    return {
      accounts: rows.map((r) => ({
        userId: r.id,
        displayName: r.display_name ?? '',
        emailDomain: r.email ? r.email.slice(r.email.lastIndexOf('@') + 1) : '',
        createdAt: new Date(r.created_at).toISOString(),
        status: r.status,
        staff: r.staff,
      })),
    };
  }

  @Get('administrators')
  @Header('Cache-Control', 'no-store')
  @ServiceRoute('antispam')
  async administrators(@CallingService() caller: ServiceCaller): Promise<AdministratorsView> {
    return { userIds: await this.accounts.administratorsOf(caller.organizationId) };
  }
}
