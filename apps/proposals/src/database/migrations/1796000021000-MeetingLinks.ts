import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The meetings a proposal was born in or linked to, from meetings' events
 * (meetings.meeting.closed.v1 carries every link of a meeting; its title and
 * date come with every meeting event). `meetings` holds what a proposal page
 * shows of a meeting once, and the time of the newest closing applied, so
 * that an older closing never brings back links a newer one removed — even
 * when the newer one left the meeting without any link. `ref_at` is the time
 * of the event its title, place and date come from.
 */
export class MeetingLinks1796000021000 implements MigrationInterface {
  name = 'MeetingLinks1796000021000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE proposals.meetings (
      organization_id uuid NOT NULL,
      meeting_id uuid NOT NULL,
      space_id uuid NOT NULL,
      component_id uuid NOT NULL,
      title jsonb NOT NULL DEFAULT '{}',
      starts_at timestamptz,
      ref_at timestamptz NOT NULL,
      closed_at timestamptz NOT NULL,
      PRIMARY KEY (organization_id, meeting_id))`);
    await q.query(`CREATE TABLE proposals.meeting_links (
      organization_id uuid NOT NULL,
      proposal_id uuid NOT NULL REFERENCES proposals.proposals(id) ON DELETE CASCADE,
      meeting_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('born', 'linked')),
      PRIMARY KEY (proposal_id, meeting_id),
      FOREIGN KEY (organization_id, meeting_id)
        REFERENCES proposals.meetings (organization_id, meeting_id) ON DELETE CASCADE)`);
    await q.query(
      `CREATE INDEX meeting_links_by_meeting ON proposals.meeting_links (organization_id, meeting_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE proposals.meeting_links`);
    await q.query(`DROP TABLE proposals.meetings`);
  }
}
