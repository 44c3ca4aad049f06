import { randomInt } from 'node:crypto';
import { HttpException, Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { Topics } from '@palabre/contracts';
import { returnedRows } from '@palabre/persistence';
import {
  DATA_SOURCE,
  GroupCommit,
  GroupCommitOverloadedError,
  intSetting,
  SERVICE_RUNTIME,
  type ServiceRuntime,
} from '@palabre/service-kit';
import {
  meetingException,
  MeetingError,
  meetingNotFound,
  registrationRefused,
} from '../meetings.exception';
import { publishMeetingEvent } from '../meetings/meeting-events';
import type { MeetingRow } from '../meetings/meeting.view';
import { MeetingNotifications } from '../notifications/meeting-notifications';

/** A row of meetings.registrations. */
export interface RegistrationRow {
  id: string;
  organization_id: string;
  meeting_id: string;
  person_key: string;
  user_id: string | null;
  name: string | null;
  email: string | null;
  lang: string;
  status: 'confirmed' | 'waiting' | 'cancelled' | 'expired';
  mail_confirmed_at: Date | null;
  expires_at: Date | null;
  token_hash: string | null;
  code: string | null;
  arrival: string;
  registered_at: Date;
  confirmed_at: Date | null;
  cancelled_at: Date | null;
  ended_by: 'registrant' | 'meeting' | 'expired' | null;
  attended_at: Date | null;
}

interface About {
  organizationId: string;
  meetingId: string;
}

/** Everything that takes or frees a seat goes through the writer, one meeting row locked at a time. */
export type RegistrationOp = About &
  (
    | {
        kind: 'register';
        personKey: string;
        userId: string | null;
        name: string | null;
        email: string | null;
        lang: string;
        /** Without an account and not vouched for: holds its seat until expiresAt unless confirmed. */
        pending: boolean;
        expiresAt: Date | null;
        tokenHash: string | null;
        /** An organizer registering someone (private meetings are by invitation). */
        byOrganizer: boolean;
      }
    | { kind: 'cancel'; registrationId: string }
    | { kind: 'confirm-mail'; registrationId: string }
    | { kind: 'expire' }
    /** After the organizer changed the seats (or a cancelled meeting): seat whom the change lets in. */
    | { kind: 'settle' }
  );

export type RegistrationOutcome =
  | {
      ok: true;
      registration: RegistrationRow | null;
      created: boolean;
      /** Seated from the waiting list by this request (a seat it freed, more seats). */
      promoted: RegistrationRow[];
    }
  | { ok: false; error: unknown };

type Decided = { registration: RegistrationRow | null; created: boolean };

/** Short codes for the door: no 0/O, 1/I; 32^8 ≈ 10^12. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}

/** The registrant is known (an account, a confirmed address, or vouched for by an organizer). */
const known = (r: RegistrationRow) => r.user_id !== null || r.mail_confirmed_at !== null;

interface Seats {
  row: MeetingRow;
  taken: number;
  waiting: number;
  changed: boolean;
  /** Promoted in this batch, in order; each request gets those promoted while it was decided. */
  promoted: RegistrationRow[];
}

const hasSeat = (s: Seats) =>
  s.row.capacity === null || s.taken < Math.max(0, s.row.capacity - s.row.reserved_seats);

/**
 * The one place where seats are taken and freed (registering, cancelling,
 * confirming an address, expiry, the organizer changing the seats). Requests
 * gather into batches (group commit, ADR 0029); a batch locks its meetings'
 * rows, then decides its requests in arrival order against the seats in
 * force, promotes people from waiting lists in their order as seats free
 * up, and writes the counters once. Every registration that comes to hold
 * a seat for a known registrant publishes RegistrationConfirmed in the same
 * transaction, and tells a registrant with an account (ADR 0040).
 */
@Injectable()
export class RegistrationWriter implements OnModuleDestroy {
  private readonly commit: GroupCommit<RegistrationOp, RegistrationOutcome>;

  constructor(
    @Inject(DATA_SOURCE) ds: DataSource,
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    private readonly notifications: MeetingNotifications,
  ) {
    this.commit = new GroupCommit(ds, {
      name: 'meetings_registrations',
      help: 'Registration changes',
      maxQueue: intSetting(runtime, 'MEETINGS_REGISTRATION_QUEUE', 5_000),
      maxBatch: intSetting(runtime, 'MEETINGS_REGISTRATION_BATCH', 200),
      concurrency: intSetting(runtime, 'MEETINGS_WRITER_CONCURRENCY', 1),
      store: (m, ops) => this.store(m, ops),
    });
  }

  async submit(op: RegistrationOp): Promise<Extract<RegistrationOutcome, { ok: true }>> {
    let outcome: RegistrationOutcome;
    try {
      outcome = await this.commit.submit(op);
    } catch (error) {
      if (error instanceof GroupCommitOverloadedError)
        throw meetingException(
          MeetingError.Overloaded,
          'Too many registrations at once; try again in a moment',
          { retryAfter: error.retryAfterSeconds },
        );
      throw error;
    }
    if (!outcome.ok) throw outcome.error;
    return outcome;
  }

  async onModuleDestroy(): Promise<void> {
    await this.commit.close();
  }

  /** One batch, in its transaction (exported for tests of the decisions). */
  async store(m: EntityManager, ops: RegistrationOp[]): Promise<RegistrationOutcome[]> {
    const now = new Date();
    const pairs = [...new Map(ops.map((o) => [o.meetingId, o.organizationId])).entries()].sort(
      ([a], [b]) => (a < b ? -1 : 1),
    );
    const rows: MeetingRow[] = await m.query(
      `SELECT m.* FROM meetings.meetings m
         JOIN unnest($1::uuid[], $2::uuid[]) AS k(id, organization_id)
           ON m.id = k.id AND m.organization_id = k.organization_id
        ORDER BY m.id FOR UPDATE OF m`,
      [pairs.map(([id]) => id), pairs.map(([, org]) => org)],
    );
    const seats = new Map<string, Seats>(
      rows.map((row) => [
        row.id,
        { row, taken: row.seats_taken, waiting: row.waiting, changed: false, promoted: [] },
      ]),
    );
    // Registrations whose address was not confirmed in time hold nothing any more.
    for (const s of seats.values()) await this.expire(m, s, now);

    const outcomes: RegistrationOutcome[] = [];
    // Promotions by expiry at the start go with the batch's first request about the meeting.
    const reported = new Map<string, number>();
    for (const op of ops) {
      const s = seats.get(op.meetingId);
      try {
        if (!s) throw meetingNotFound();
        const decided = await this.apply(m, s, op, now);
        const from = reported.get(s.row.id) ?? 0;
        reported.set(s.row.id, s.promoted.length);
        outcomes.push({ ok: true, ...decided, promoted: s.promoted.slice(from) });
      } catch (error) {
        // A refusal concerns its request only; anything else rolls the batch back.
        if (!(error instanceof HttpException)) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    for (const s of seats.values())
      if (s.changed)
        await m.query(
          `UPDATE meetings.meetings SET seats_taken = $3, waiting = $4
            WHERE organization_id = $1 AND id = $2`,
          [s.row.organization_id, s.row.id, s.taken, s.waiting],
        );
    return outcomes;
  }

  private async apply(m: EntityManager, s: Seats, op: RegistrationOp, now: Date): Promise<Decided> {
    switch (op.kind) {
      case 'register':
        return this.register(m, s, op, now);
      case 'cancel':
        return this.cancel(m, s, op.registrationId, now);
      case 'confirm-mail':
        return this.confirmMail(m, s, op.registrationId, now);
      case 'expire':
        await this.expire(m, s, now);
        return { registration: null, created: false };
      case 'settle':
        await this.promote(m, s, now);
        return { registration: null, created: false };
    }
  }

  private async register(
    m: EntityManager,
    s: Seats,
    op: Extract<RegistrationOp, { kind: 'register' }>,
    now: Date,
  ): Promise<Decided> {
    const meeting = s.row;
    if (meeting.state === 'draft') throw registrationRefused('NOT_PUBLISHED');
    if (meeting.state !== 'published') throw registrationRefused('CANCELLED');
    if (!meeting.registrations_enabled) throw registrationRefused('REGISTRATIONS_CLOSED');
    if (new Date(meeting.starts_at) <= now) throw registrationRefused('STARTED');
    if (meeting.private && !op.byOrganizer) throw registrationRefused('PRIVATE');
    // Twice the same person (two tabs, a second click): the registration they have.
    const existing = async (): Promise<Decided | null> => {
      const [r]: RegistrationRow[] = await m.query(
        `SELECT * FROM meetings.registrations
          WHERE meeting_id = $1 AND person_key = $2 AND status IN ('confirmed', 'waiting')`,
        [meeting.id, op.personKey],
      );
      return r ? { registration: r, created: false } : null;
    };
    const seat = hasSeat(s);
    if (!seat && !meeting.waiting_list_enabled) {
      const had = await existing();
      if (had) return had;
      throw registrationRefused('FULL');
    }
    // One statement for a new registration: the person's live one (the meeting's row is
    // locked, so none can appear meanwhile) makes the insert do nothing, then it is read.
    const [r]: RegistrationRow[] = await m.query(
      `INSERT INTO meetings.registrations (organization_id, meeting_id, person_key, user_id, name,
         email, lang, status, mail_confirmed_at, expires_at, token_hash, code, registered_at,
         confirmed_at, accepted_terms_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13)
       ON CONFLICT (meeting_id, person_key) WHERE status IN ('confirmed', 'waiting') DO NOTHING
       RETURNING *`,
      [
        meeting.organization_id,
        meeting.id,
        op.personKey,
        op.userId,
        op.name,
        op.email,
        op.lang,
        seat ? 'confirmed' : 'waiting',
        op.userId === null && !op.pending ? now : null,
        op.pending ? op.expiresAt : null,
        op.tokenHash,
        seat ? newCode() : null,
        now,
        seat && !op.pending ? now : null,
      ],
    );
    if (!r) {
      const had = await existing();
      if (!had) throw new Error(`registration of ${op.personKey} neither inserted nor found`);
      return had;
    }
    if (seat) s.taken++;
    else s.waiting++;
    s.changed = true;
    if (seat && known(r)) await this.confirmed(m, meeting, r, false, now);
    return { registration: r, created: true };
  }

  private async lockRegistration(
    m: EntityManager,
    s: Seats,
    registrationId: string,
  ): Promise<RegistrationRow> {
    const [r]: RegistrationRow[] = await m.query(
      `SELECT * FROM meetings.registrations
        WHERE organization_id = $1 AND meeting_id = $2 AND id = $3 FOR UPDATE`,
      [s.row.organization_id, s.row.id, registrationId],
    );
    if (!r) throw meetingException(MeetingError.RegistrationNotFound, 'No such registration');
    return r;
  }

  private async cancel(
    m: EntityManager,
    s: Seats,
    registrationId: string,
    now: Date,
  ): Promise<Decided> {
    const r = await this.lockRegistration(m, s, registrationId);
    // Cancelled already (a second click): nothing more to free.
    if (r.status !== 'confirmed' && r.status !== 'waiting')
      return { registration: r, created: false };
    if (new Date(s.row.starts_at) <= now && s.row.state === 'published')
      throw meetingException(
        MeetingError.WrongState,
        'This meeting has started: a registration can no longer be cancelled',
        { reason: 'STARTED' },
      );
    const [after] = returnedRows<RegistrationRow>(
      await m.query(
        `UPDATE meetings.registrations SET status = 'cancelled', cancelled_at = $2, ended_by = 'registrant'
          WHERE id = $1 RETURNING *`,
        [r.id, now],
      ),
    );
    if (r.status === 'confirmed') s.taken--;
    else s.waiting--;
    s.changed = true;
    if (known(r))
      await publishMeetingEvent(m, s.row, {
        topic: Topics.MeetingsRegistrationCancelledV1,
        payload: {
          registrationId: r.id,
          userId: r.user_id ?? '',
          cause: 'registrant',
          heldSeat: r.status === 'confirmed',
          cancelledAt: now.toISOString(),
        },
      });
    if (r.status === 'confirmed') await this.promote(m, s, now);
    return { registration: after, created: false };
  }

  private async confirmMail(
    m: EntityManager,
    s: Seats,
    registrationId: string,
    now: Date,
  ): Promise<Decided> {
    const r = await this.lockRegistration(m, s, registrationId);
    if (r.status !== 'confirmed' && r.status !== 'waiting')
      throw meetingException(
        MeetingError.WrongState,
        r.status === 'expired'
          ? 'This registration expired before its address was confirmed: register again'
          : 'This registration was cancelled',
        { reason: r.status === 'expired' ? 'EXPIRED' : 'CANCELLED' },
      );
    if (r.mail_confirmed_at) return { registration: r, created: false };
    const [after] = returnedRows<RegistrationRow>(
      await m.query(
        `UPDATE meetings.registrations SET mail_confirmed_at = $2, expires_at = NULL,
           confirmed_at = CASE WHEN status = 'confirmed' THEN $2::timestamptz ELSE confirmed_at END
          WHERE id = $1 RETURNING *`,
        [r.id, now],
      ),
    );
    if (after.status === 'confirmed') await this.confirmed(m, s.row, after, false, now);
    return { registration: after, created: false };
  }

  /** Unconfirmed addresses past their time: the registration ends and frees what it held. */
  private async expire(m: EntityManager, s: Seats, now: Date): Promise<void> {
    const gone = returnedRows<{ was: string }>(
      await m.query(
        `WITH x AS (
           SELECT id, status FROM meetings.registrations
            WHERE meeting_id = $1 AND organization_id = $2 AND mail_confirmed_at IS NULL
              AND user_id IS NULL AND expires_at < $3 AND status IN ('confirmed', 'waiting')
            FOR UPDATE)
         UPDATE meetings.registrations r SET status = 'expired', cancelled_at = $3, ended_by = 'expired'
           FROM x WHERE r.id = x.id RETURNING x.status AS was`,
        [s.row.id, s.row.organization_id, now],
      ),
    );
    if (!gone.length) return;
    for (const g of gone) {
      if (g.was === 'confirmed') s.taken--;
      else s.waiting--;
    }
    s.changed = true;
    await this.promote(m, s, now);
  }

  /** Seats free and people waiting: the first in arrival order take them. */
  private async promote(m: EntityManager, s: Seats, now: Date): Promise<void> {
    if (s.row.state !== 'published' || new Date(s.row.starts_at) <= now) return;
    while (s.waiting > 0 && hasSeat(s)) {
      const [next] = returnedRows<RegistrationRow>(
        await m.query(
          `UPDATE meetings.registrations SET status = 'confirmed', code = $2,
             confirmed_at = CASE WHEN user_id IS NOT NULL OR mail_confirmed_at IS NOT NULL
                                 THEN $3::timestamptz END
            WHERE id = (SELECT id FROM meetings.registrations
                         WHERE meeting_id = $1 AND status = 'waiting' ORDER BY arrival LIMIT 1)
            RETURNING *`,
          [s.row.id, newCode(), now],
        ),
      );
      s.changed = true;
      if (!next) {
        // The counter drifted from the rows: the rows are the truth.
        s.waiting = 0;
        return;
      }
      s.waiting--;
      s.taken++;
      s.promoted.push(next);
      if (known(next)) await this.confirmed(m, s.row, next, true, now);
    }
  }

  private async confirmed(
    m: EntityManager,
    meeting: MeetingRow,
    r: RegistrationRow,
    fromWaitingList: boolean,
    now: Date,
  ): Promise<void> {
    await publishMeetingEvent(m, meeting, {
      topic: Topics.MeetingsRegistrationConfirmedV1,
      payload: {
        registrationId: r.id,
        userId: r.user_id ?? '',
        fromWaitingList,
        confirmedAt: now.toISOString(),
      },
    });
    // A registration is seated once: its id keys the notification.
    await this.notifications.tell(m, meeting, 'registration.confirmed', {
      recipients: [r.user_id],
      dedupeKey: `registration.confirmed:${r.id}`,
    });
  }
}
