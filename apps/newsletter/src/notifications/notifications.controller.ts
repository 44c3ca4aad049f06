import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Put,
  Query,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import {
  NOTIFICATION_CADENCES,
  NOTIFICATION_KINDS,
  type NewsletterLanguage,
  type NotificationCadence,
  type NotificationCountView,
  type NotificationKind,
  type NotificationListView,
  type NotificationPreferencesView,
} from '@palabre/contracts';
import { badInput, type FieldError } from '@palabre/service-kit';
import { DEFAULT_CADENCE, inLanguage, isNotificationKind, sentence } from './notification-kinds';
import { MarkReadDto, PreferencesDto } from './notifications.dto';
import { NotificationsRepository } from './notifications.repository';

const userOf = (identity: InternalIdentity) => {
  if (!identity.userId) throw new UnauthorizedException('Sign in first');
  return identity.userId;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function cursorOf(value: unknown): { at: Date; id: string } | null {
  if (typeof value !== 'string' || value === '') return null;
  const [at, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || !UUID.test(id) || Number.isNaN(date.getTime()))
    throw badInput([{ field: 'cursor', rule: 'invalid', message: 'Not a cursor of this list' }]);
  return { at: date, id };
}

/** A person's notifications and how they want them (ADR 0040). */
@ApiTags('notifications')
@Controller('me')
export class NotificationsController {
  constructor(private readonly repo: NotificationsRepository) {}

  @Get('notifications')
  @Header('Cache-Control', 'private, no-store')
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1–100, default 20' })
  @ApiOperation({ summary: 'My notifications, newest first, with the number unread' })
  async list(
    @CurrentIdentity() identity: InternalIdentity,
    @Query('lang') l?: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limitText?: string,
  ): Promise<NotificationListView> {
    const userId = userOf(identity);
    const lang: NewsletterLanguage = l === 'en' ? 'en' : 'fr';
    const limit = limitText === undefined ? 20 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw badInput([{ field: 'limit', rule: 'range', message: 'limit is from 1 to 100' }]);
    const rows = await this.repo.page(identity.organizationId, userId, limit + 1, cursorOf(cursor));
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        kind: r.kind,
        text: sentence(lang, r.kind, r.title, r.params),
        path: r.path,
        space: r.space_id ? { id: r.space_id, title: inLanguage(r.space_title, lang) } : null,
        occurredAt: new Date(r.occurred_at).toISOString(),
        readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
      })),
      unread: await this.repo.unread(identity.organizationId, userId),
      next:
        rows.length > limit && last
          ? Buffer.from(`${new Date(last.occurred_at).toISOString()}|${last.id}`).toString(
              'base64url',
            )
          : null,
    };
  }

  @Get('notifications/count')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'How many of my notifications are unread (the header’s number)' })
  async count(@CurrentIdentity() identity: InternalIdentity): Promise<NotificationCountView> {
    return { unread: await this.repo.unread(identity.organizationId, userOf(identity)) };
  }

  @Post('notifications/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark these, or all, of my notifications read' })
  async read(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: MarkReadDto,
  ): Promise<NotificationCountView> {
    const userId = userOf(identity);
    if (!body.all && !body.ids?.length)
      throw badInput([{ field: 'ids', rule: 'required', message: 'Give ids, or all: true' }]);
    await this.repo.markRead(identity.organizationId, userId, body.all ? null : (body.ids ?? []));
    return { unread: await this.repo.unread(identity.organizationId, userId) };
  }

  @Get('notification-preferences')
  @ApiOperation({ summary: 'How I want each kind of notification: instant, daily, weekly, never' })
  async preferences(
    @CurrentIdentity() identity: InternalIdentity,
  ): Promise<NotificationPreferencesView> {
    return this.view(identity.organizationId, userOf(identity));
  }

  @Put('notification-preferences')
  @ApiOperation({ summary: 'Change how I want some kinds of notification' })
  async save(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: PreferencesDto,
  ): Promise<NotificationPreferencesView> {
    const userId = userOf(identity);
    const errors: FieldError[] = [];
    const choices: [NotificationKind, NotificationCadence][] = [];
    for (const [kind, cadence] of Object.entries(body.preferences)) {
      if (!isNotificationKind(kind))
        errors.push({
          field: `preferences.${kind}`,
          rule: 'oneOf',
          message: `Kinds are ${NOTIFICATION_KINDS.join(', ')}`,
        });
      else if (!(NOTIFICATION_CADENCES as readonly string[]).includes(cadence))
        errors.push({
          field: `preferences.${kind}`,
          rule: 'oneOf',
          message: `A cadence is one of ${NOTIFICATION_CADENCES.join(', ')}`,
        });
      else choices.push([kind, cadence as NotificationCadence]);
    }
    if (errors.length) throw badInput(errors, 'INVALID');
    await this.repo.savePreferences(identity.organizationId, userId, choices);
    return this.view(identity.organizationId, userId);
  }

  private async view(organizationId: string, userId: string): Promise<NotificationPreferencesView> {
    const preferences = { ...DEFAULT_CADENCE } as Record<NotificationKind, NotificationCadence>;
    for (const p of await this.repo.preferences(organizationId, userId))
      if (isNotificationKind(p.kind)) preferences[p.kind] = p.cadence;
    return { preferences };
  }
}
