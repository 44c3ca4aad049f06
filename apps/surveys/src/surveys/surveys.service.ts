import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  LocalizedText,
  SurveyListView,
  SurveySummaryView,
  SurveyView,
} from '@palabre/contracts';
import { BoundedCache } from '@palabre/cache';
import { returnedRows } from '@palabre/persistence';
import { DATA_SOURCE, localized, requiredText } from '@palabre/service-kit';
import { ComponentAccess, UUID, type Caller, type Component } from '../components/component-access';
import { invalidField, SurveyError, surveyException, surveyNotFound } from '../surveys.exception';
import type { CreateSurveyDto, UpdateSurveyDto } from './survey.dto';
import { parseQuestions, type Question } from './questions';

export interface SurveyRow {
  id: string;
  organization_id: string;
  component_id: string;
  space_id: string;
  title: LocalizedText;
  description: LocalizedText;
  questions: Question[];
  state: 'draft' | 'published';
  starts_at: Date | null;
  ends_at: Date | null;
  salt: Uint8Array;
  results_published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Where a survey stands in time: before its start, open, or after its end. */
export function statusOf(s: Pick<SurveyRow, 'state' | 'starts_at' | 'ends_at'>, now = Date.now()) {
  if (s.starts_at && new Date(s.starts_at).getTime() > now) return 'upcoming' as const;
  if (s.ends_at && new Date(s.ends_at).getTime() <= now) return 'closed' as const;
  return s.state === 'published' ? ('open' as const) : ('upcoming' as const);
}

const SELECT = `SELECT s.* FROM surveys.surveys s`;
/** A survey's answer count is counted at most this often (250,000 answers take ~30 ms to count). */
const COUNT_TTL_MS = 2_000;

/** Surveys of a component: the administrators write them, everyone sees the published ones. */
@Injectable()
export class SurveysService {
  private readonly counts = new BoundedCache<number>({ max: 10_000, ttlMs: COUNT_TTL_MS });

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    readonly access: ComponentAccess,
  ) {}

  /** How many answered (counted a moment ago at most). */
  answerCount(id: string): Promise<number> {
    return this.counts.fetch(id, async () => {
      const [r]: { n: string }[] = await this.ds.query(
        `SELECT count(*) AS n FROM surveys.answers WHERE survey_id = $1`,
        [id],
      );
      return Number(r.n);
    });
  }

  /** A new answer: the next count is exact. */
  answered(id: string): void {
    this.counts.delete(id);
  }

  private async hasAnswers(id: string): Promise<boolean> {
    const [r] = await this.ds.query(`SELECT 1 FROM surveys.answers WHERE survey_id = $1 LIMIT 1`, [
      id,
    ]);
    return !!r;
  }

  /** A survey just written (it exists: this request wrote it under its organization). */
  private async written(organizationId: string, id: string): Promise<SurveyRow> {
    const row = await this.row(organizationId, id);
    if (!row) throw surveyNotFound();
    return row;
  }

  async row(organizationId: string, id: string, m?: EntityManager): Promise<SurveyRow | null> {
    if (!UUID.test(id)) return null;
    const [row]: SurveyRow[] = await (m ?? this.ds).query(
      `${SELECT} WHERE s.organization_id = $1 AND s.id = $2`,
      [organizationId, id],
    );
    return row ?? null;
  }

  /** A survey the caller may see, with its component: 404 otherwise (drafts: its administrators only). */
  async visible(caller: Caller, id: string): Promise<{ s: SurveyRow; c: Component }> {
    const s = await this.row(caller.identity.organizationId, id);
    if (!s) throw surveyNotFound();
    const c = await this.access.visible(caller, s.component_id);
    if (s.state !== 'published' && !this.access.isAdmin(caller.identity, c)) throw surveyNotFound();
    return { s, c };
  }

  /** A survey its caller administers (403 otherwise). */
  async administered(caller: Caller, id: string): Promise<{ s: SurveyRow; c: Component }> {
    const { s, c } = await this.visible(caller, id);
    this.access.requireAdmin(caller.identity, c);
    return { s, c };
  }

  summary(s: SurveyRow, answerCount: number): SurveySummaryView {
    return {
      id: s.id,
      componentId: s.component_id,
      spaceId: s.space_id,
      title: s.title,
      state: s.state,
      startsAt: iso(s.starts_at),
      endsAt: iso(s.ends_at),
      status: statusOf(s),
      answerCount,
      resultsPublished: !!s.results_published_at,
    };
  }

  async view(s: SurveyRow, c: Component, caller: SurveyView['caller']): Promise<SurveyView> {
    return {
      ...this.summary(s, await this.answerCount(s.id)),
      description: s.description,
      questions: s.questions,
      anonymousAnswers: c.settings.anonymousAnswers,
      caller,
      createdAt: new Date(s.created_at).toISOString(),
      updatedAt: new Date(s.updated_at).toISOString(),
    };
  }

  async list(caller: Caller, componentId: string): Promise<SurveyListView> {
    const c = await this.access.visible(caller, componentId);
    const admin = this.access.isAdmin(caller.identity, c);
    const rows: SurveyRow[] = await this.ds.query(
      `${SELECT} WHERE s.organization_id = $1 AND s.component_id = $2 ${admin ? '' : `AND s.state = 'published'`}
        ORDER BY s.created_at DESC, s.id LIMIT 200`,
      [caller.identity.organizationId, c.id],
    );
    const counts: { survey_id: string; n: string }[] = rows.length
      ? await this.ds.query(
          `SELECT survey_id, count(*) AS n FROM surveys.answers WHERE survey_id = ANY($1::uuid[]) GROUP BY survey_id`,
          [rows.map((r) => r.id)],
        )
      : [];
    const byId = new Map(counts.map((x) => [x.survey_id, Number(x.n)]));
    return { items: rows.map((r) => this.summary(r, byId.get(r.id) ?? 0)) };
  }

  private dates(
    body: { startsAt?: string | null; endsAt?: string | null },
    before?: SurveyRow,
  ): { startsAt: Date | null; endsAt: Date | null } {
    const pick = (v: string | null | undefined, old: Date | null | undefined) =>
      v === undefined ? (old ? new Date(old) : null) : v === null ? null : new Date(v);
    const startsAt = pick(body.startsAt, before?.starts_at);
    const endsAt = pick(body.endsAt, before?.ends_at);
    if (startsAt && endsAt && endsAt <= startsAt)
      throw invalidField('endsAt', 'must be after startsAt', 'isAfter');
    return { startsAt, endsAt };
  }

  async create(caller: Caller, componentId: string, body: CreateSurveyDto): Promise<SurveyRow> {
    const c = await this.access.administered(caller, componentId);
    const title = requiredText('title', body.title);
    const questions = parseQuestions(body.questions ?? []);
    const { startsAt, endsAt } = this.dates(body);
    const [row] = returnedRows<{ id: string }>(
      await this.ds.query(
        `INSERT INTO surveys.surveys (organization_id, component_id, space_id, title, description, questions, starts_at, ends_at, salt)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          caller.identity.organizationId,
          c.id,
          c.spaceId,
          JSON.stringify(title),
          JSON.stringify(localized(body.description)),
          JSON.stringify(questions),
          startsAt,
          endsAt,
          randomBytes(32),
        ],
      ),
    );
    return this.written(caller.identity.organizationId, row.id);
  }

  /** Edits; the questions only while nobody answered (409 after: answers would lose their meaning). */
  async update(caller: Caller, id: string, body: UpdateSurveyDto): Promise<SurveyRow> {
    const org = caller.identity.organizationId;
    await this.administered(caller, id);
    await this.ds.transaction(async (m) => {
      const [locked]: SurveyRow[] = await m.query(
        `SELECT * FROM surveys.surveys WHERE organization_id = $1 AND id = $2 FOR UPDATE`,
        [org, id],
      );
      if (!locked) throw surveyNotFound();
      const sets: string[] = [];
      const params: unknown[] = [org, id];
      const set = (column: string, value: unknown) =>
        sets.push(`${column} = $${params.push(value)}`);
      if (body.title !== undefined) set('title', JSON.stringify(requiredText('title', body.title)));
      if (body.description !== undefined)
        set('description', JSON.stringify(localized(body.description)));
      if (body.questions !== undefined) {
        const questions = parseQuestions(body.questions);
        const [answered] = await m.query(
          `SELECT 1 FROM surveys.answers WHERE survey_id = $1 LIMIT 1`,
          [id],
        );
        if (answered && JSON.stringify(questions) !== JSON.stringify(locked.questions))
          throw surveyException(
            SurveyError.WrongState,
            'The questions cannot change once someone answered',
          );
        set('questions', JSON.stringify(questions));
      }
      if (body.startsAt !== undefined || body.endsAt !== undefined) {
        const { startsAt, endsAt } = this.dates(body, locked);
        set('starts_at', startsAt);
        set('ends_at', endsAt);
      }
      if (!sets.length) return;
      await m.query(
        `UPDATE surveys.surveys SET ${sets.join(', ')}, updated_at = now()
          WHERE organization_id = $1 AND id = $2`,
        params,
      );
    });
    return this.written(org, id);
  }

  /** Published: listed, and answerable within its dates; a draft needs questions first. */
  async setState(caller: Caller, id: string, state: 'draft' | 'published'): Promise<SurveyRow> {
    const { s } = await this.administered(caller, id);
    if (state === 'published' && !s.questions.some((q) => q.type !== 'section'))
      throw surveyException(SurveyError.WrongState, 'A survey needs a question to be published');
    if (state === 'draft' && (await this.hasAnswers(s.id)))
      throw surveyException(
        SurveyError.WrongState,
        'A survey someone answered stays published (close it with its end date)',
      );
    await this.ds.query(
      `UPDATE surveys.surveys SET state = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`,
      [caller.identity.organizationId, id, state],
    );
    return this.written(caller.identity.organizationId, id);
  }

  async setResultsPublished(caller: Caller, id: string, published: boolean): Promise<SurveyRow> {
    const { s } = await this.administered(caller, id);
    if (published && s.state !== 'published')
      throw surveyException(SurveyError.WrongState, 'Publish the survey before its results');
    await this.ds.query(
      `UPDATE surveys.surveys SET results_published_at = ${published ? 'coalesce(results_published_at, now())' : 'NULL'}, updated_at = now()
        WHERE organization_id = $1 AND id = $2`,
      [caller.identity.organizationId, id],
    );
    return this.written(caller.identity.organizationId, id);
  }

  /** A draft nobody answered may go; a published survey keeps its answers. */
  async remove(caller: Caller, id: string): Promise<void> {
    const { s } = await this.administered(caller, id);
    if (s.state !== 'draft' || (await this.hasAnswers(s.id)))
      throw surveyException(SurveyError.WrongState, 'Only a draft nobody answered can be deleted');
    await this.ds.query(`DELETE FROM surveys.surveys WHERE organization_id = $1 AND id = $2`, [
      caller.identity.organizationId,
      id,
    ]);
  }
}
