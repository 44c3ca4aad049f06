import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { pickText } from '@palabre/contracts';
import { badInput, OrganizationDirectory, type OrganizationInfo } from '@palabre/service-kit';
import { ComponentAccess, CurrentCaller, UUID, type Caller } from '../components/component-access';
import { meetingNotFound } from '../meetings.exception';
import type { MeetingRow } from '../meetings/meeting.view';
import { MeetingsRepository } from '../meetings/meetings.repository';
import { MeetingsService } from '../meetings/meetings.service';
import { meetingPage } from '../registrations/registration-mails';
import {
  CALENDAR_CONTENT_TYPE,
  calendarContentDisposition,
  meetingsCalendar,
  type CalendarMeeting,
} from './ical';

/** Feeds keep what ended in the last month, so that a cancellation still reaches calendars. */
const KEEP_MS = 31 * 24 * 3600_000;

const langOf = (lang: unknown, org: OrganizationInfo): 'fr' | 'en' => {
  if (lang === undefined) return org.defaultLocale === 'en' ? 'en' : 'fr';
  if (lang === 'fr' || lang === 'en') return lang;
  throw badInput([{ field: 'lang', message: 'fr or en', rule: 'isIn' }], 'INVALID');
};

/**
 * iCalendar feeds (RFC 5545, ical-generator): one meeting, a component's, a
 * space's, the organization's. Feeds are read by calendar applications
 * without a session: they hold what anyone may see (published meetings,
 * not private, in spaces open to all; the online link only where it is
 * shown to everyone).
 */
@ApiTags('calendars')
@Controller()
export class CalendarController {
  constructor(
    private readonly access: ComponentAccess,
    private readonly meetings: MeetingsService,
    private readonly repo: MeetingsRepository,
    private readonly organizations: OrganizationDirectory,
  ) {}

  private item(m: MeetingRow, org: OrganizationInfo, lang: 'fr' | 'en'): CalendarMeeting {
    return {
      id: m.id,
      title: pickText(m.title, lang).text,
      description: pickText(m.description, lang).text,
      type: m.type,
      startsAt: new Date(m.starts_at),
      endsAt: new Date(m.ends_at),
      timeZone: m.time_zone,
      address: m.address,
      latitude: m.latitude,
      longitude: m.longitude,
      onlineUrl: m.online_visibility === 'all' ? m.online_url : null,
      url: meetingPage(org, m),
      state: m.state === 'draft' ? 'published' : m.state,
      updatedAt: new Date(m.updated_at),
      sequence: m.version,
    };
  }

  private async send(
    res: FastifyReply,
    caller: Caller,
    rows: MeetingRow[],
    name: { fr: string; en: string },
    file: string,
    langParam: unknown,
  ) {
    const org = await this.organizations.of(caller.identity.organizationId);
    const lang = langOf(langParam, org);
    const body = meetingsCalendar({
      name: org.name ? `${name[lang]} — ${org.name}` : name[lang],
      timeZone: org.timeZone,
      organizationHost: new URL(org.origin).hostname,
      meetings: rows.filter((m) => m.state !== 'draft').map((m) => this.item(m, org, lang)),
      lang,
    });
    res
      .header('Content-Type', CALENDAR_CONTENT_TYPE)
      .header('Content-Disposition', calendarContentDisposition(file, 'inline'))
      .header('Cache-Control', 'public, max-age=300')
      .send(body);
  }

  @Get('meetings/:id/calendar.ics')
  @ApiOperation({ summary: 'One meeting as an iCalendar file, to add to a calendar' })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async one(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query('lang') lang: unknown,
    @Res() res: FastifyReply,
  ) {
    const { m } = await this.meetings.visible(caller, id);
    if (m.state === 'draft') throw meetingNotFound();
    await this.send(res, caller, [m], { fr: 'Réunion', en: 'Meeting' }, `meeting-${m.id}`, lang);
  }

  @Get('components/:componentId/calendar.ics')
  @ApiOperation({ summary: 'A meetings component’s meetings as an iCalendar feed' })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async component(
    @CurrentCaller() caller: Caller,
    @Param('componentId') componentId: string,
    @Query('lang') lang: unknown,
    @Res() res: FastifyReply,
  ) {
    const c = await this.access.visible(caller, componentId);
    const rows = await this.repo.forCalendar(
      c.organizationId,
      { componentId: c.id, publicSpacesOnly: false },
      new Date(Date.now() - KEEP_MS),
    );
    await this.send(
      res,
      caller,
      rows,
      { fr: 'Réunions', en: 'Meetings' },
      `meetings-${c.id}`,
      lang,
    );
  }

  @Get('spaces/:spaceId/calendar.ics')
  @ApiOperation({ summary: 'A space’s meetings (every meetings component) as an iCalendar feed' })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async space(
    @CurrentCaller() caller: Caller,
    @Param('spaceId') spaceId: string,
    @Query('lang') lang: unknown,
    @Res() res: FastifyReply,
  ) {
    const org = caller.identity.organizationId;
    const space = UUID.test(spaceId) ? await this.access.space(org, spaceId) : null;
    if (!space || space.state !== 'published' || space.private) throw meetingNotFound();
    const rows = await this.repo.forCalendar(
      org,
      { spaceId, publicSpacesOnly: true },
      new Date(Date.now() - KEEP_MS),
    );
    const title = (l: 'fr' | 'en') => pickText(space.title, l).text;
    await this.send(
      res,
      caller,
      rows,
      { fr: `Réunions — ${title('fr')}`, en: `Meetings — ${title('en')}` },
      `meetings-${space.slug || space.id}`,
      lang,
    );
  }

  @Get('calendar.ics')
  @ApiOperation({ summary: 'Every meeting of the organization open to all, as an iCalendar feed' })
  @ApiQuery({ name: 'lang', required: false, enum: ['fr', 'en'] })
  async organization(
    @CurrentCaller() caller: Caller,
    @Query('lang') lang: unknown,
    @Res() res: FastifyReply,
  ) {
    const rows = await this.repo.forCalendar(
      caller.identity.organizationId,
      { publicSpacesOnly: true },
      new Date(Date.now() - KEEP_MS),
    );
    await this.send(res, caller, rows, { fr: 'Réunions', en: 'Meetings' }, 'meetings', lang);
  }
}
