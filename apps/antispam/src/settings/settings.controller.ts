import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Roles, type InternalIdentity } from '@palabre/auth';
import { badInput } from '@palabre/service-kit';
import { Models } from '../scoring/model.provider';
import { SpamSettingsDto, SpamSettingsView } from './settings.dto';
import { SettingsRepository } from './settings.repository';

@ApiTags('settings')
@Controller('settings')
export class SettingsController {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly models: Models,
  ) {}

  @Get()
  @Roles('org-admin')
  @ApiOperation({ summary: "The organization's thresholds, automatic blocking and model" })
  @ApiOkResponse({ type: SpamSettingsView })
  async get(@CurrentIdentity() identity: InternalIdentity): Promise<SpamSettingsView> {
    return {
      ...(await this.settings.of(identity.organizationId)),
      model: this.models.current.version,
    };
  }

  @Put()
  @Roles('org-admin')
  @ApiOperation({ summary: 'Changes the thresholds and automatic blocking' })
  @ApiOkResponse({ type: SpamSettingsView })
  async put(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: SpamSettingsDto,
  ): Promise<SpamSettingsView> {
    if (body.flagThreshold >= body.blockThreshold)
      throw badInput([
        {
          field: 'blockThreshold',
          message: 'blockThreshold must be above flagThreshold',
          rule: 'aboveFlagThreshold',
        },
      ]);
    const refusedDomains = [
      ...new Set((body.refusedDomains ?? []).map((d) => d.trim().toLowerCase().replace(/\.$/, ''))),
    ].sort();
    const saved = await this.settings.save(identity.organizationId, { ...body, refusedDomains });
    return { ...saved, model: this.models.current.version };
  }
}
