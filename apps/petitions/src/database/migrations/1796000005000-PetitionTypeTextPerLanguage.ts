import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The milestones array with each label rewritten by `label` (SQL of the element `m`). */
const milestones = (label: string) => `COALESCE((
  SELECT jsonb_agg(jsonb_build_object('threshold', m->'threshold', 'label', ${label}) ORDER BY i)
  FROM jsonb_array_elements(milestones) WITH ORDINALITY AS x(m, i)), '[]'::jsonb)`;

/**
 * A petition type's name, description and milestone labels per language
 * (docs/adr/0033): `{ "fr": …, "en": … }`, as spaces write theirs. The text
 * written so far was in one language that the service does not know (the
 * organization's default lives in identity): it is taken as French, the
 * language every organization offers today. The timeline's "milestone
 * reached" entries keep the label of their day, moved the same way. A name is
 * unique per organization in each language.
 */
export class PetitionTypeTextPerLanguage1796000005000 implements MigrationInterface {
  name = 'PetitionTypeTextPerLanguage1796000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE petitions.petition_types DROP CONSTRAINT IF EXISTS petition_types_organization_id_name_key`,
    );
    await q.query(`ALTER TABLE petitions.petition_types
      ALTER COLUMN name TYPE jsonb USING jsonb_build_object('fr', name),
      ALTER COLUMN description DROP DEFAULT,
      ALTER COLUMN description TYPE jsonb USING
        CASE WHEN description = '' THEN '{}'::jsonb ELSE jsonb_build_object('fr', description) END,
      ALTER COLUMN description SET DEFAULT '{}'::jsonb`);
    await q.query(
      `UPDATE petitions.petition_types SET milestones = ${milestones(
        `CASE WHEN jsonb_typeof(m->'label') = 'string' THEN jsonb_build_object('fr', m->'label') ELSE m->'label' END`,
      )}`,
    );
    await q.query(`UPDATE petitions.timeline
      SET detail = jsonb_set(detail, '{label}', jsonb_build_object('fr', detail->'label'))
      WHERE kind = 'milestone' AND jsonb_typeof(detail->'label') = 'string'`);
    for (const lang of ['fr', 'en'])
      await q.query(`CREATE UNIQUE INDEX petition_types_name_${lang}
        ON petitions.petition_types (organization_id, (name->>'${lang}'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    const text = (v: string) => `COALESCE(${v}->>'fr', ${v}->>'en', '')`;
    for (const lang of ['fr', 'en'])
      await q.query(`DROP INDEX IF EXISTS petitions.petition_types_name_${lang}`);
    await q.query(`UPDATE petitions.timeline
      SET detail = jsonb_set(detail, '{label}', to_jsonb(${text(`detail->'label'`)}))
      WHERE kind = 'milestone' AND jsonb_typeof(detail->'label') = 'object'`);
    await q.query(
      `UPDATE petitions.petition_types SET milestones = ${milestones(
        `CASE WHEN jsonb_typeof(m->'label') = 'object' THEN to_jsonb(${text(`m->'label'`)}) ELSE m->'label' END`,
      )}`,
    );
    await q.query(`ALTER TABLE petitions.petition_types
      ALTER COLUMN name TYPE text USING ${text('name')},
      ALTER COLUMN description DROP DEFAULT,
      ALTER COLUMN description TYPE text USING ${text('description')},
      ALTER COLUMN description SET DEFAULT ''`);
    await q.query(
      `ALTER TABLE petitions.petition_types ADD CONSTRAINT petition_types_organization_id_name_key UNIQUE (organization_id, name)`,
    );
  }
}
