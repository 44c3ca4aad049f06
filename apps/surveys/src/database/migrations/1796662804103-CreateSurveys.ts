import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createComponentTables } from '@palabre/component-host';
import { createMessagingTables, dropMessagingTables } from '@palabre/messaging';

/**
 * Surveys of surveys components and their answers, and the component host's
 * tables. Every row carries its organization; every query is scoped by it.
 */
export class CreateSurveys1796662804103 implements MigrationInterface {
  name = 'CreateSurveys1796662804103';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'surveys');
    await createComponentTables(q, 'surveys');
    await q.query(`CREATE TABLE surveys.surveys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      component_id uuid NOT NULL,
      space_id uuid NOT NULL,
      title jsonb NOT NULL,
      description jsonb NOT NULL DEFAULT '{}',
      -- The questions as one checked document (apps/surveys/src/surveys/questions.ts);
      -- frozen once someone answered.
      questions jsonb NOT NULL DEFAULT '[]',
      state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
      starts_at timestamptz,
      ends_at timestamptz,
      -- Keys each answer's token: HMAC(salt, account or session). A token says
      -- "the same person or session" within this survey only.
      salt bytea NOT NULL,
      results_published_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at))`);
    await q.query(
      `CREATE INDEX surveys_by_component ON surveys.surveys (organization_id, component_id, created_at DESC)`,
    );
    await q.query(`CREATE TABLE surveys.answers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organization_id uuid NOT NULL,
      survey_id uuid NOT NULL REFERENCES surveys.surveys (id) ON DELETE CASCADE,
      -- HMAC of the account or of the session's secret with the survey's salt:
      -- one answer per token, and never an identity.
      token bytea NOT NULL,
      answers jsonb NOT NULL,
      locale text,
      answered_at timestamptz NOT NULL DEFAULT now(),
      -- Export and pages order: answered_at, then id.
      seq bigserial NOT NULL,
      UNIQUE (survey_id, token))`);
    await q.query(`CREATE INDEX answers_by_survey ON surveys.answers (survey_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS surveys.answers`);
    await q.query(`DROP TABLE IF EXISTS surveys.surveys`);
    await q.query(`DROP TABLE IF EXISTS surveys.components`);
    await q.query(`DROP TABLE IF EXISTS surveys.phases`);
    await q.query(`DROP TABLE IF EXISTS surveys.spaces`);
    await dropMessagingTables(q, 'surveys');
  }
}
