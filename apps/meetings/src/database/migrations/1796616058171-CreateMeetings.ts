import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createComponentTables } from '@palabre/component-host';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/**
 * Meetings of meetings components, their registrations, and the component
 * host's tables. Every row carries its organization; every query is scoped by it.
 */
export class CreateMeetings1796616058171 implements MigrationInterface {
  name = 'CreateMeetings1796616058171';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'meetings');
    await createComponentTables(q, 'meetings');
    await q.query(`CREATE TABLE meetings.meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      space_id uuid NOT NULL,
      -- 'official': by the space's administrators; 'participant': by a participant
      -- where the component lets them (author_id is then theirs).
      organizer_kind text NOT NULL CHECK (organizer_kind IN ('official', 'participant')),
      author_id uuid,
      author_name text,
      title jsonb NOT NULL,
      description jsonb NOT NULL DEFAULT '{}',
      type text NOT NULL CHECK (type IN ('in_person', 'online', 'hybrid')),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      time_zone text NOT NULL,
      address text,
      location_hints jsonb NOT NULL DEFAULT '{}',
      latitude double precision,
      longitude double precision,
      online_url text,
      online_visibility text NOT NULL DEFAULT 'registered' CHECK (online_visibility IN ('all', 'registered')),
      online_shown_minutes_before integer NOT NULL DEFAULT 30,
      agenda jsonb NOT NULL DEFAULT '[]',
      services text[] NOT NULL DEFAULT '{}',
      private boolean NOT NULL DEFAULT false,
      transparent boolean NOT NULL DEFAULT false,
      state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'withdrawn', 'cancelled')),
      cancel_reason jsonb NOT NULL DEFAULT '{}',
      registrations_enabled boolean NOT NULL DEFAULT false,
      -- null: no limit.
      capacity integer CHECK (capacity IS NULL OR capacity >= 0),
      reserved_seats integer NOT NULL DEFAULT 0 CHECK (reserved_seats >= 0),
      waiting_list_enabled boolean NOT NULL DEFAULT true,
      registration_terms jsonb NOT NULL DEFAULT '{}',
      -- Seats held by confirmed registrations (and unexpired ones awaiting their
      -- mail confirmation); people waiting. Kept by the registration writer.
      seats_taken integer NOT NULL DEFAULT 0 CHECK (seats_taken >= 0),
      waiting integer NOT NULL DEFAULT 0 CHECK (waiting >= 0),
      minutes jsonb,
      closed_at timestamptz,
      proposal_links jsonb NOT NULL DEFAULT '[]',
      photos jsonb NOT NULL DEFAULT '[]',
      -- Bumped by every change registrants rely on (iCalendar SEQUENCE).
      version integer NOT NULL DEFAULT 1,
      published_at timestamptz,
      cancelled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at))`);
    // A component's list and the directory: by start, published first.
    await q.query(
      `CREATE INDEX meetings_by_component ON meetings.meetings (organization_id, component_id, starts_at, id)`,
    );
    await q.query(
      `CREATE INDEX meetings_directory ON meetings.meetings (organization_id, starts_at, id) WHERE state = 'published'`,
    );

    await q.query(`CREATE SEQUENCE meetings.registration_arrival`);
    await q.query(`CREATE TABLE meetings.registrations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      meeting_id uuid NOT NULL REFERENCES meetings.meetings (id) ON DELETE CASCADE,
      -- One live registration per person and meeting: 'account:<uuid>', or
      -- 'email:<SHA-256 of the lower-cased address>' without an account.
      person_key text NOT NULL,
      user_id uuid,
      -- Registrations without an account only: what the registrant typed. Erased
      -- (null) once the meeting is long past (see the privacy job).
      name text,
      email text,
      lang text NOT NULL DEFAULT 'fr',
      status text NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled', 'expired')),
      -- Without an account: null until the mail link is followed; until then the
      -- registration holds its seat (or its place) until expires_at.
      mail_confirmed_at timestamptz,
      expires_at timestamptz,
      -- SHA-256 of the random token in the mailed links (confirm, cancel).
      token_hash text,
      -- Shown at the door; given once the registration holds a seat.
      code text,
      -- Arrival order (the waiting list's order).
      arrival bigint NOT NULL DEFAULT nextval('meetings.registration_arrival'),
      registered_at timestamptz NOT NULL DEFAULT now(),
      confirmed_at timestamptz,
      cancelled_at timestamptz,
      -- Who ended it: 'registrant', 'meeting' (cancelled or withdrawn), 'expired'.
      ended_by text CHECK (ended_by IN ('registrant', 'meeting', 'expired')),
      attended_at timestamptz,
      accepted_terms_at timestamptz)`);
    await q.query(
      `CREATE UNIQUE INDEX registrations_one_per_person ON meetings.registrations (meeting_id, person_key)
        WHERE status IN ('confirmed', 'waiting')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX registrations_code ON meetings.registrations (meeting_id, code) WHERE code IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX registrations_waiting ON meetings.registrations (meeting_id, arrival) WHERE status = 'waiting'`,
    );
    await q.query(
      `CREATE INDEX registrations_by_user ON meetings.registrations (organization_id, user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX registrations_expiring ON meetings.registrations (expires_at)
        WHERE mail_confirmed_at IS NULL AND status IN ('confirmed', 'waiting')`,
    );
    await q.query(
      `CREATE UNIQUE INDEX registrations_token ON meetings.registrations (token_hash) WHERE token_hash IS NOT NULL`,
    );

    // Embedded mode only: the meetings components of the demo spaces, seeded once.
    await q.query(`CREATE TABLE meetings.demo_components (
      component_id uuid PRIMARY KEY,
      organization_id uuid NOT NULL,
      space_id uuid NOT NULL,
      seeded_at timestamptz)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS meetings.demo_components`);
    await q.query(`DROP TABLE IF EXISTS meetings.registrations`);
    await q.query(`DROP SEQUENCE IF EXISTS meetings.registration_arrival`);
    await q.query(`DROP TABLE IF EXISTS meetings.meetings`);
    await q.query(`DROP TABLE IF EXISTS meetings.phases`);
    await q.query(`DROP TABLE IF EXISTS meetings.components`);
    await dropMessagingTables(q, 'meetings');
  }
}
