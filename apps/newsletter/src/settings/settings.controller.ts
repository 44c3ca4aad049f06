import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Roles, type InternalIdentity } from '@palabre/auth';
import type { NewsletterSettingsView } from '@palabre/contracts';
import { NewsletterConfig } from '../config/newsletter.config';
import { Senders } from '../delivery/senders';
import { SettingsDto } from './settings.dto';
import { SettingsRepository, settingsView } from './settings.repository';

@ApiTags('newsletter')
@Controller('settings')
@Roles('org-admin')
export class SettingsController {
  constructor(
    private readonly repo: SettingsRepository,
    private readonly config: NewsletterConfig,
    private readonly senders: Senders,
  ) {}

  @Get()
  @ApiOperation({ summary: "The organization's newsletter sender, pace and SMTP server" })
  async get(@CurrentIdentity() identity: InternalIdentity): Promise<NewsletterSettingsView> {
    return settingsView(await this.repo.of(identity.organizationId));
  }

  @Put()
  @ApiOperation({
    summary: 'Change the sender, the pace (messages per second) or the SMTP server',
    description:
      'Fields left out keep their value. The SMTP password is write-only: absent keeps the stored one.',
  })
  async put(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: SettingsDto,
  ): Promise<NewsletterSettingsView> {
    const current = await this.repo.of(identity.organizationId);
    const keep = <T>(given: T | undefined, stored: T): T => (given === undefined ? stored : given);
    let smtp = current.smtp;
    if (body.smtp === null) smtp = null;
    else if (body.smtp) {
      const password =
        body.smtp.password === undefined
          ? (current.smtp?.password ?? null)
          : body.smtp.password === null
            ? null
            : this.config.seal(body.smtp.password);
      smtp = {
        host: body.smtp.host.toLowerCase(),
        port: body.smtp.port,
        secure: body.smtp.secure,
        user: body.smtp.user ?? null,
        password,
      };
    }
    const saved = await this.repo.save(identity.organizationId, {
      sender_name: keep(body.senderName, current.sender_name),
      sender_address: keep(body.senderAddress, current.sender_address),
      reply_to: keep(body.replyTo, current.reply_to),
      messages_per_second: keep(body.messagesPerSecond, current.messages_per_second),
      smtp,
    });
    this.senders.forget(identity.organizationId);
    return settingsView(saved);
  }
}
