import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { hasRole, type InternalIdentity } from '@palabre/auth';
import {
  Topics,
  type LocalizedText,
  type MeetingListView,
  type MeetingOnlineView,
  type MeetingSpaceView,
  type MeetingView,
  type MyRegistrationView,
} from '@palabre/contracts';
import { returnedRows } from '@palabre/persistence';
import { badInput, DATA_SOURCE, localized, type FieldError } from '@palabre/service-kit';
import { ComponentAccess, UUID, type Caller, type Component } from '../components/component-access';
import {
  meetingException,
  MeetingError,
  meetingNotFound,
  type RegistrationRefusal,
} from '../meetings.exception';
import { MeetingNotifications } from '../notifications/meeting-notifications';
import { REMINDER_WINDOW_MS } from '../notifications/reminder.job';
import type { RegistrationRow } from '../registrations/registration-writer';
import { CancelMeetingDto, CreateMeetingDto, MinutesDto, UpdateMeetingDto } from './meeting.dto';
import { publishMeetingEvent } from './meeting-events';
import { changesOf, httpsProblem, meetingFields, photosFrom } from './meeting-fields';
import { iso, isoOrNull, minutesOf, summaryView, type MeetingRow } from './meeting.view';
import { MeetingsRepository, type ListQuery, type Visibility } from './meetings.repository';

const PAGE = 20;
const MAX_PAGE = 100;

/** A cursor: the last item's start and id, base64url. */
export function encodeCursor(m: { starts_at: Date; id: string }): string {
  return Buffer.from(`${new Date(m.starts_at).toISOString()}|${m.id}`).toString('base64url');
}

/** The list query from a request's parameters; 400 naming each one at fault. */
export function listQuery(
  query: Record<string, unknown>,
  extra: string[] = [],
): ListQuery & Record<string, unknown> {
  const known = ['when', 'type', 'from', 'to', 'cursor', 'limit', ...extra];
  const errors: FieldError[] = Object.keys(query)
    .filter((k) => !known.includes(k))
    .map((field) => ({ field, message: 'unknown query parameter', rule: 'unknown' }));
  const one = (k: string): string | undefined => {
    const v = query[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      errors.push({ field: k, message: 'give it once', rule: 'once' });
      return undefined;
    }
    return v;
  };
  const when = one('when') ?? 'upcoming';
  if (!['upcoming', 'past', 'all'].includes(when))
    errors.push({ field: 'when', message: 'one of upcoming, past, all', rule: 'isIn' });
  const type = one('type');
  if (type !== undefined && !['in_person', 'online', 'hybrid'].includes(type))
    errors.push({ field: 'type', message: 'one of in_person, online, hybrid', rule: 'isIn' });
  const date = (k: string) => {
    const v = one(k);
    if (v === undefined) return undefined;
    const d = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v) ? new Date(v) : null;
    if (!d || Number.isNaN(d.getTime())) {
      errors.push({ field: k, message: 'a date such as 2027-01-15', rule: 'isDate' });
      return undefined;
    }
    return d;
  };
  const from = date('from');
  const to = date('to');
  const limitText = one('limit');
  const limit = limitText === undefined ? PAGE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    errors.push({ field: 'limit', message: `1–${MAX_PAGE}`, rule: 'max', limit: MAX_PAGE });
  let after: ListQuery['after'];
  const cursor = one('cursor');
  if (cursor !== undefined) {
    const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
    const d = new Date(at ?? '');
    if (!id || !UUID.test(id) || Number.isNaN(d.getTime()))
      errors.push({ field: 'cursor', message: 'not a cursor this API gave', rule: 'isCursor' });
    else after = { at: d, id };
  }
  const rest: Record<string, unknown> = {};
  for (const k of extra) rest[k] = one(k);
  if (errors.length) throw badInput(errors, 'INVALID');
  return {
    when: when as ListQuery['when'],
    ...(type ? { type: type as ListQuery['type'] } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(after ? { after } : {}),
    limit,
    ...rest,
  };
}

/**
 * Meetings of meetings components: what organizers write (space
 * administrators; participants where the component lets them), publish,
 * edit (registrants told through MeetingChanged), cancel or withdraw
 * (registrations end), close with minutes; and what people see of them.
 */
@Injectable()
export class MeetingsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly access: ComponentAccess,
    private readonly meetings: MeetingsRepository,
    private readonly notifications: MeetingNotifications,
  ) {}

  component(caller: Caller, componentId: string): Promise<Component> {
    return this.access.visible(caller, componentId);
  }

  /** The caller organizes this meeting: its space's administrators, or its participant author. */
  mayOrganize(identity: InternalIdentity, m: MeetingRow): boolean {
    return (
      hasRole(identity, 'space-admin', m.space_id) ||
      (m.organizer_kind === 'participant' && !!identity.userId && m.author_id === identity.userId)
    );
  }

  /** A meeting the caller may see (its component visible; drafts and private ones to whom they concern). */
  async visible(caller: Caller, id: string): Promise<{ m: MeetingRow; c: Component }> {
    if (!UUID.test(id)) throw meetingNotFound();
    const m = await this.meetings.find(caller.identity.organizationId, id);
    if (!m) throw meetingNotFound();
    const c = await this.access.visible(caller, m.component_id);
    if (this.mayOrganize(caller.identity, m)) return { m, c };
    if (m.state === 'draft') throw meetingNotFound();
    if (m.private && !m.transparent && !(await this.registrationOf(caller.identity, m)))
      throw meetingNotFound();
    return { m, c };
  }

  /**
   * A meeting the caller organizes. Checked before a write's transaction
   * opens, never inside it: the checks read through other connections (the
   * component host, the registrations), and the embedded database has one
   * session, which the open transaction holds.
   */
  private async organized(caller: Caller, id: string): Promise<MeetingRow> {
    const { m: found } = await this.visible(caller, id);
    if (!this.mayOrganize(caller.identity, found))
      throw meetingException(
        MeetingError.NotAllowed,
        'Only the organizers of this meeting may do this',
      );
    return found;
  }

  /** The meeting read again and locked, inside the write's transaction. */
  private async locked(m: EntityManager, found: MeetingRow): Promise<MeetingRow> {
    const row = await this.meetings.find(found.organization_id, found.id, m, true);
    if (!row) throw meetingNotFound();
    return row;
  }

  private async registrationOf(
    identity: InternalIdentity,
    m: MeetingRow,
  ): Promise<RegistrationRow | null> {
    if (!identity.userId) return null;
    const [r]: RegistrationRow[] = await this.ds.query(
      `SELECT * FROM meetings.registrations WHERE organization_id = $1 AND meeting_id = $2
          AND user_id = $3 AND status IN ('confirmed', 'waiting')`,
      [m.organization_id, m.id, identity.userId],
    );
    return r ?? null;
  }

  private visibility(identity: InternalIdentity, c: Component): Visibility {
    return {
      staffSpaces: hasRole(identity, 'space-admin', c.spaceId) ? 'all' : [],
      userId: identity.userId ?? null,
    };
  }

  async list(caller: Caller, componentId: string, query: ListQuery): Promise<MeetingListView> {
    const c = await this.component(caller, componentId);
    const rows = await this.meetings.listInComponent(
      c.organizationId,
      c.id,
      query,
      this.visibility(caller.identity, c),
    );
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((m) => summaryView(m, null)),
      nextCursor: more ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  async directory(
    caller: Caller,
    query: ListQuery & { spaceId?: string; area?: string },
  ): Promise<MeetingListView> {
    if (query.spaceId !== undefined && !UUID.test(query.spaceId))
      throw badInput(
        [{ field: 'spaceId', message: 'must be a space id', rule: 'isUuid' }],
        'INVALID',
      );
    const rows = await this.meetings.directory(caller.identity.organizationId, query);
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((m) =>
        summaryView(m, {
          id: m.space_id,
          slug: m.space_slug,
          title: m.space_title as LocalizedText,
          area: m.space_area as LocalizedText,
        }),
      ),
      nextCursor: more ? encodeCursor(page[page.length - 1]) : null,
    };
  }

  /**
   * Registering without an account is possible here: the component allows it
   * and its register permission asks nothing a guest cannot show (no
   * FranceConnect, no age, not members only); never for a private meeting.
   */
  guestsAllowed(m: MeetingRow, c: Component): boolean {
    if (!c.settings.guestRegistrations || m.private) return false;
    const rule = c.permissions ? c.permissions.register : undefined;
    return !rule || (rule.verification === 'any' && rule.minimumAge === null && !rule.membersOnly);
  }

  /** Why the caller could not register now, or null. */
  refusalFor(m: MeetingRow, c: Component, identity: InternalIdentity): RegistrationRefusal | null {
    if (m.state === 'draft') return 'NOT_PUBLISHED';
    if (m.state !== 'published') return 'CANCELLED';
    if (!m.registrations_enabled || c.settings.registrationsBlocked) return 'REGISTRATIONS_CLOSED';
    if (new Date(m.starts_at) <= new Date()) return 'STARTED';
    if (m.private) return 'PRIVATE';
    const offered = m.capacity === null ? null : m.capacity - m.reserved_seats;
    if (offered !== null && m.seats_taken >= offered && !m.waiting_list_enabled) return 'FULL';
    if (!identity.userId && !this.guestsAllowed(m, c)) return 'GUESTS_NOT_ALLOWED';
    return null;
  }

  async myRegistration(r: RegistrationRow): Promise<MyRegistrationView> {
    let position: number | null = null;
    if (r.status === 'waiting') {
      const [{ n }]: { n: number }[] = await this.ds.query(
        `SELECT count(*)::int AS n FROM meetings.registrations
          WHERE meeting_id = $1 AND status = 'waiting' AND arrival < $2`,
        [r.meeting_id, r.arrival],
      );
      position = n + 1;
    }
    const pending = r.user_id === null && r.mail_confirmed_at === null;
    return {
      id: r.id,
      status: pending ? 'pending' : (r.status as 'confirmed' | 'waiting'),
      code: pending || r.status !== 'confirmed' ? null : r.code,
      position,
      registeredAt: iso(r.registered_at),
    };
  }

  private online(m: MeetingRow, organizer: boolean, registered: boolean): MeetingOnlineView | null {
    if (m.type === 'in_person') return null;
    const shownFrom = new Date(
      new Date(m.starts_at).getTime() - m.online_shown_minutes_before * 60_000,
    );
    const timeCame = Date.now() >= shownFrom.getTime() && m.state === 'published';
    const allowed = m.online_visibility === 'all' || registered;
    return {
      url: organizer || (timeCame && allowed) ? m.online_url : null,
      visibility: m.online_visibility,
      shownFrom: shownFrom.toISOString(),
    };
  }

  async view(
    caller: Caller,
    m: MeetingRow,
    c: Component,
    space: MeetingSpaceView | null = null,
  ): Promise<MeetingView> {
    const organizer = this.mayOrganize(caller.identity, m);
    const mine = await this.registrationOf(caller.identity, m);
    const registered = mine?.status === 'confirmed';
    return {
      ...summaryView(m, space),
      description: m.description,
      locationHints: m.location_hints,
      latitude: m.latitude,
      longitude: m.longitude,
      online: this.online(m, organizer, registered),
      agenda: m.agenda,
      services: m.services,
      transparent: m.transparent,
      registrationTerms: m.registration_terms,
      guestRegistrations: this.guestsAllowed(m, c),
      registrationRefusal: mine ? null : this.refusalFor(m, c, caller.identity),
      cancelReason: m.cancel_reason,
      publishedAt: isoOrNull(m.published_at),
      cancelledAt: isoOrNull(m.cancelled_at),
      minutes: minutesOf(m),
      proposals: m.proposal_links,
      photos: m.photos,
      myRegistration: mine ? await this.myRegistration(mine) : null,
      mayOrganize: organizer,
      organizer: {
        kind: m.organizer_kind,
        name: m.organizer_kind === 'participant' ? m.author_name : null,
      },
      version: m.version,
    };
  }

  async create(
    caller: Caller,
    componentId: string,
    dto: CreateMeetingDto,
  ): Promise<{ m: MeetingRow; c: Component }> {
    const c = await this.component(caller, componentId);
    const official = this.access.isAdmin(caller.identity, c);
    if (!official) {
      await this.access.authorize(caller, c, 'create');
      if (!caller.identity.userId)
        throw this.access.refusal(
          { reason: 'SIGN_IN_REQUIRED', message: 'Sign in with an account to organize a meeting' },
          c,
        );
    }
    const fields = meetingFields(dto, null);
    const m = await this.ds.transaction((em) =>
      this.meetings.insert(
        em,
        {
          organization_id: c.organizationId,
          component_id: c.id,
          space_id: c.spaceId,
          organizer_kind: official ? 'official' : 'participant',
          author_id: caller.identity.userId ?? null,
          author_name: official ? null : (caller.identity.displayName ?? null),
        },
        {
          online_shown_minutes_before: c.settings.onlineLinkMinutesBefore,
          ...fields,
        },
      ),
    );
    return { m, c };
  }

  /** Edits the meeting; says what registrants rely on changed (told by the caller, after). */
  async update(
    caller: Caller,
    id: string,
    dto: UpdateMeetingDto,
  ): Promise<{ row: MeetingRow; relied: string[] }> {
    const found = await this.organized(caller, id);
    return this.ds.transaction(async (em) => {
      const m = await this.locked(em, found);
      if (m.state === 'cancelled' || m.state === 'withdrawn')
        throw meetingException(
          MeetingError.WrongState,
          'This meeting was cancelled or withdrawn: it can no longer be edited',
          { state: m.state },
        );
      const { changed, relied } = changesOf(m, meetingFields(dto, m));
      if (!Object.keys(changed).length) return { row: m, relied: [] };
      const published = m.state === 'published';
      // Moved beyond tomorrow: reminded again the day before (moved within it, the change is news enough).
      const remindAgain =
        changed.starts_at !== undefined &&
        new Date(changed.starts_at as Date).getTime() > Date.now() + REMINDER_WINDOW_MS;
      const after = await this.meetings.update(
        em,
        m,
        remindAgain ? { ...changed, reminded_at: null } : changed,
        published && relied.length > 0,
      );
      if (published && relied.length) {
        await publishMeetingEvent(em, after, {
          topic: Topics.MeetingsMeetingChangedV1,
          payload: { changed: relied, changedAt: new Date().toISOString() },
        });
        const registrants: { user_id: string }[] = await em.query(
          `SELECT user_id FROM meetings.registrations WHERE organization_id = $1 AND meeting_id = $2
              AND status IN ('confirmed', 'waiting') AND user_id IS NOT NULL`,
          [after.organization_id, after.id],
        );
        // The version moves with every change registrants rely on: one notification per change.
        await this.notifications.tell(em, after, 'meeting.changed', {
          recipients: registrants.map((r) => r.user_id),
          actorId: caller.identity.userId,
          dedupeKey: `meeting.changed:${after.id}:${after.version}`,
          params: { changes: relied.join(',') },
        });
      }
      return { row: after, relied: published ? relied : [] };
    });
  }

  async publish(caller: Caller, id: string): Promise<MeetingRow> {
    const found = await this.organized(caller, id);
    return this.ds.transaction(async (em) => {
      const m = await this.locked(em, found);
      if (m.state === 'published') return m;
      if (m.state !== 'draft')
        throw meetingException(MeetingError.WrongState, 'Only a draft can be published', {
          state: m.state,
        });
      if (m.type !== 'online' && !m.address)
        throw badInput(
          [
            {
              field: 'address',
              message: 'is required to publish a meeting people come to',
              rule: 'isNotEmpty',
            },
          ],
          'INVALID',
        );
      const now = new Date();
      const after = await this.meetings.update(
        em,
        m,
        { state: 'published', published_at: now },
        false,
      );
      await publishMeetingEvent(em, after, {
        topic: Topics.MeetingsMeetingPublishedV1,
        payload: {
          registrationsEnabled: after.registrations_enabled,
          publishedAt: now.toISOString(),
          description: after.description as Record<string, string>,
          authorId: after.organizer_kind === 'participant' ? (after.author_id ?? '') : '',
        },
      });
      return after;
    });
  }

  /** Cancelled (called off) or withdrawn (taken back): every registration ends with it. */
  async cancel(
    caller: Caller,
    id: string,
    how: 'cancelled' | 'withdrawn',
    dto: CancelMeetingDto,
  ): Promise<MeetingRow> {
    const found = await this.organized(caller, id);
    return this.ds.transaction(async (em) => {
      const m = await this.locked(em, found);
      if (m.state === how) return m;
      if (m.state !== 'published')
        throw meetingException(
          MeetingError.WrongState,
          m.state === 'draft'
            ? 'A draft is not announced: delete it instead'
            : 'This meeting was already called off',
          { state: m.state },
        );
      if (m.closed_at)
        throw meetingException(MeetingError.WrongState, 'A closed meeting took place', {
          state: 'closed',
        });
      const now = new Date();
      const after = await this.meetings.update(
        em,
        m,
        {
          state: how,
          cancelled_at: now,
          cancel_reason: localized(dto.reason),
          seats_taken: 0,
          waiting: 0,
        },
        true,
      );
      const ended = returnedRows<RegistrationRow & { was: string }>(
        await em.query(
          `UPDATE meetings.registrations r SET status = 'cancelled', cancelled_at = $3, ended_by = 'meeting'
            FROM (SELECT id, status FROM meetings.registrations
                   WHERE organization_id = $1 AND meeting_id = $2 AND status IN ('confirmed', 'waiting')
                   FOR UPDATE) x
           WHERE r.id = x.id RETURNING r.*, x.status AS was`,
          [m.organization_id, m.id, now],
        ),
      );
      for (const r of ended)
        if (r.user_id || r.mail_confirmed_at)
          await publishMeetingEvent(em, after, {
            topic: Topics.MeetingsRegistrationCancelledV1,
            payload: {
              registrationId: r.id,
              userId: r.user_id ?? '',
              cause: 'meeting',
              heldSeat: r.was === 'confirmed',
              cancelledAt: now.toISOString(),
            },
          });
      await publishMeetingEvent(em, after, {
        topic: Topics.MeetingsMeetingCancelledV1,
        payload: { how, reason: after.cancel_reason, cancelledAt: now.toISOString() },
      });
      // Called off once: a published meeting is never published again.
      await this.notifications.tell(em, after, 'meeting.cancelled', {
        recipients: ended.map((r) => r.user_id),
        actorId: caller.identity.userId,
        dedupeKey: `meeting.cancelled:${after.id}`,
        params: { how },
      });
      return after;
    });
  }

  async remove(caller: Caller, id: string): Promise<void> {
    const found = await this.organized(caller, id);
    await this.ds.transaction(async (em) => {
      const m = await this.locked(em, found);
      if (m.state !== 'draft')
        throw meetingException(
          MeetingError.WrongState,
          'Only a draft can be deleted; cancel or withdraw a published meeting',
          { state: m.state },
        );
      await this.meetings.delete(em, m);
    });
  }

  /** Closes the meeting with its minutes (again: edits them). */
  async close(caller: Caller, id: string, dto: MinutesDto): Promise<MeetingRow> {
    const errors: FieldError[] = [];
    const text = localized(dto.text);
    if (!Object.keys(text).length)
      errors.push({
        field: 'text',
        message: 'give it in French (fr) or English (en)',
        rule: 'isNotEmpty',
      });
    for (const field of ['audioUrl', 'videoUrl'] as const) {
      const v = dto[field]?.trim();
      const problem = v ? httpsProblem(v) : null;
      if (problem) errors.push({ field, message: problem, rule: 'isHttpsUrl' });
    }
    const photos = dto.photos ? photosFrom('photos', dto.photos, errors) : undefined;
    if (errors.length) throw badInput(errors, 'INVALID');
    const found = await this.organized(caller, id);
    return this.ds.transaction(async (em) => {
      const m = await this.locked(em, found);
      if (m.state !== 'published')
        throw meetingException(MeetingError.WrongState, 'Only a published meeting can be closed', {
          state: m.state,
        });
      const now = new Date();
      if (new Date(m.starts_at) > now)
        throw meetingException(
          MeetingError.WrongState,
          'This meeting has not started: close it once it took place',
          { reason: 'NOT_STARTED' },
        );
      const links = [...new Map((dto.proposals ?? []).map((p) => [p.proposalId, p])).values()].map(
        (p) => ({ proposalId: p.proposalId, kind: p.kind }),
      );
      const after = await this.meetings.update(
        em,
        m,
        {
          minutes: {
            text,
            attendeesCount: dto.attendeesCount,
            contributionsCount: dto.contributionsCount,
            organizations: dto.organizations?.trim() ?? '',
            audioUrl: dto.audioUrl?.trim() || null,
            videoUrl: dto.videoUrl?.trim() || null,
          },
          closed_at: m.closed_at ?? now,
          proposal_links: links,
          ...(photos ? { photos } : {}),
        },
        false,
      );
      await publishMeetingEvent(em, after, {
        topic: Topics.MeetingsMeetingClosedV1,
        payload: {
          attendeesCount: dto.attendeesCount,
          contributionsCount: dto.contributionsCount,
          proposals: links,
          closedAt: iso(after.closed_at ?? now),
        },
      });
      return after;
    });
  }
}
