import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { csvLine, DATA_SOURCE, openDataStream } from '@palabre/service-kit';
import { CurrentCaller, type Caller } from '../components/component-access';
import { minutesOf, seatsOf, type MeetingRow } from '../meetings/meeting.view';

/** Published meetings anyone may see: not private (unless transparent), in spaces open to all. */
const PUBLIC_MEETINGS = `SELECT m.* FROM meetings.meetings m
  JOIN meetings.spaces s ON s.organization_id = m.organization_id AND s.space_id = m.space_id
 WHERE m.organization_id = $1 AND m.state <> 'draft' AND (NOT m.private OR m.transparent)
   AND s.state = 'published' AND NOT s.private
 ORDER BY m.starts_at, m.id`;

/**
 * Open data: meetings and their minutes, as JSON and CSV, with no
 * registrant data (seat counts only). Read from the database as a whole
 * for now: an organization's meetings are thousands, not millions.
 */
@ApiTags('open data')
@Controller('open-data')
export class OpenDataController {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  private rows(caller: Caller): Promise<MeetingRow[]> {
    return this.ds.query(PUBLIC_MEETINGS, [caller.identity.organizationId]);
  }

  @Get('meetings.json')
  @ApiOperation({ summary: 'Every public meeting with its minutes (JSON)' })
  async json(@CurrentCaller() caller: Caller, @Res() reply: FastifyReply) {
    const rows = await this.rows(caller);
    const res = openDataStream(reply, 'application/json; charset=utf-8', 'meetings.json');
    res.end(
      JSON.stringify(
        rows.map((m) => {
          const seats = seatsOf(m);
          return {
            id: m.id,
            spaceId: m.space_id,
            componentId: m.component_id,
            title: m.title,
            description: m.description,
            type: m.type,
            startsAt: new Date(m.starts_at).toISOString(),
            endsAt: new Date(m.ends_at).toISOString(),
            timeZone: m.time_zone,
            address: m.address,
            latitude: m.latitude,
            longitude: m.longitude,
            state: m.state,
            organizer: m.organizer_kind,
            services: m.services,
            agenda: m.agenda,
            registrations: {
              enabled: seats.enabled,
              capacity: seats.capacity,
              taken: seats.taken,
            },
            minutes: minutesOf(m),
            proposals: m.proposal_links,
          };
        }),
      ),
    );
  }

  @Get('meetings.csv')
  @ApiOperation({ summary: 'Every public meeting, one line each, with its minutes (CSV)' })
  async csv(@CurrentCaller() caller: Caller, @Res() reply: FastifyReply) {
    const rows = await this.rows(caller);
    const res = openDataStream(reply, 'text/csv; charset=utf-8', 'meetings.csv');
    res.end(
      '\ufeff' +
        csvLine([
          'meeting_id',
          'space_id',
          'component_id',
          'title_fr',
          'title_en',
          'type',
          'starts_at',
          'ends_at',
          'time_zone',
          'address',
          'latitude',
          'longitude',
          'state',
          'organizer',
          'capacity',
          'seats_taken',
          'closed_at',
          'attendees_count',
          'contributions_count',
          'organizations',
          'minutes_fr',
          'minutes_en',
          'audio_url',
          'video_url',
          'proposal_ids',
        ]) +
        rows
          .map((m) => {
            const minutes = minutesOf(m);
            return csvLine([
              m.id,
              m.space_id,
              m.component_id,
              m.title.fr ?? '',
              m.title.en ?? '',
              m.type,
              new Date(m.starts_at).toISOString(),
              new Date(m.ends_at).toISOString(),
              m.time_zone,
              m.address ?? '',
              m.latitude ?? '',
              m.longitude ?? '',
              m.state,
              m.organizer_kind,
              m.capacity ?? '',
              m.seats_taken,
              minutes?.closedAt ?? '',
              minutes?.attendeesCount ?? '',
              minutes?.contributionsCount ?? '',
              minutes?.organizations ?? '',
              minutes?.text.fr ?? '',
              minutes?.text.en ?? '',
              minutes?.audioUrl ?? '',
              minutes?.videoUrl ?? '',
              m.proposal_links.map((p) => p.proposalId).join(' '),
            ]);
          })
          .join(''),
    );
  }
}
