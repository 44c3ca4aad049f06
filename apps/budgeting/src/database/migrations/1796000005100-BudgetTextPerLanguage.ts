import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['budgets', 'projects'] as const;

/**
 * A budget's and a project's title and description per language
 * (docs/adr/0033): `{ "fr": …, "en": … }`, as spaces and petition types write
 * theirs. The text written so far was in one language that the service does
 * not know (the organization's default lives in identity): it is taken as
 * French, the language every organization offers today. Down keeps French,
 * else English.
 */
export class BudgetTextPerLanguage1796000005100 implements MigrationInterface {
  name = 'BudgetTextPerLanguage1796000005100';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES)
      await q.query(`ALTER TABLE budgeting.${table}
        ALTER COLUMN title TYPE jsonb USING jsonb_build_object('fr', title),
        ALTER COLUMN description DROP DEFAULT,
        ALTER COLUMN description TYPE jsonb USING
          CASE WHEN description = '' THEN '{}'::jsonb ELSE jsonb_build_object('fr', description) END,
        ALTER COLUMN description SET DEFAULT '{}'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    const text = (c: string) => `COALESCE(${c}->>'fr', ${c}->>'en', '')`;
    for (const table of TABLES)
      await q.query(`ALTER TABLE budgeting.${table}
        ALTER COLUMN title TYPE text USING ${text('title')},
        ALTER COLUMN description DROP DEFAULT,
        ALTER COLUMN description TYPE text USING ${text('description')},
        ALTER COLUMN description SET DEFAULT ''`);
  }
}
