import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type {
  AnswerValue,
  SurveyAnswerListView,
  SurveyAnswerView,
  SurveyView,
} from '@palabre/contracts';
import { copyTextOut, returnedRows } from '@palabre/persistence';
import { csvLine, DATA_SOURCE } from '@palabre/service-kit';
import type { Caller, Component } from '../components/component-access';
import { invalidField, SurveyError, surveyException } from '../surveys.exception';
import { readAnswers } from '../surveys/questions';
import { csvHeader, exportColumns, exportCopyQuery, exportPageQuery } from './export';
import { statusOf, SurveysService, type SurveyRow } from '../surveys/surveys.service';

/**
 * The secret a visitor without an account presents: the site keeps it in its
 * cookie `palabre_visitor` (random, set on a survey's page), an API client
 * sends it in this header. It is never stored: only the token derived from it.
 */
export const VISITOR_HEADER = 'x-palabre-visitor';
export const VISITOR_COOKIE = 'palabre_visitor';
const VISITOR = /^[A-Za-z0-9_-]{32,128}$/;

/** The visitor's secret from the header, else from the site's cookie. */
export function visitorSecret(header: string | undefined, cookie: string | undefined) {
  if (header) return header;
  for (const part of (cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === VISITOR_COOKIE) return part.slice(i + 1).trim();
  }
  return undefined;
}
const PAGE = 500;
/**
 * Answers per page of an export on PGlite: a page's text (about 170 characters per CSV
 * line, 450 per JSON answer, two bytes each once a letter is accented) stays
 * under V8's large-object size (128 KiB), so it is allocated young and
 * collected young; larger pages went straight to the old generation and grew
 * the process by their size until a full collection.
 */
const CSV_PAGE = 200;
const JSON_PAGE = 80;

/** Who answers, as the survey keeps them apart: an account (or FranceConnect signer), or a visitor's session. */
type Subject = { kind: 'account' | 'signer' | 'visitor'; value: string };

/** The answer's token: HMAC of the subject with the survey's own salt. */
export const tokenOf = (salt: Uint8Array, subject: Subject): Buffer =>
  createHmac('sha256', salt).update(`${subject.kind}:${subject.value}`).digest();

/** What the administrator sees of a token: its first 12 hex digits (the export has it whole). */
export const shortToken = (token: Uint8Array) => hex(token).slice(0, 12);
/** bytea comes as a Buffer from pg and a Uint8Array from PGlite. */
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

interface AnswerRow {
  id: string;
  token: Uint8Array;
  answers: Record<string, AnswerValue>;
  locale: string | null;
  answered_at: Date;
  seq: string;
}

/** Answering a survey once per person or session; the answers by token for its administrators, in pages and exports. */
@Injectable()
export class AnswersService {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly surveys: SurveysService,
  ) {}

  private subjectOf(caller: Caller, visitor: string | undefined): Subject | null {
    if (caller.identity.userId) return { kind: 'account', value: caller.identity.userId };
    if (caller.identity.signerKey) return { kind: 'signer', value: caller.identity.signerKey };
    if (visitor && VISITOR.test(visitor)) return { kind: 'visitor', value: visitor };
    return null;
  }

  /** The caller's standing before a survey: answered, may answer, or why not. */
  async standing(
    caller: Caller,
    s: SurveyRow,
    c: Component,
    visitor: string | undefined,
  ): Promise<SurveyView['caller']> {
    const isAdmin = this.surveys.access.isAdmin(caller.identity, c);
    const subject = this.subjectOf(caller, visitor);
    let answered = false;
    if (subject) {
      const [row] = await this.ds.query(
        `SELECT 1 FROM surveys.answers WHERE survey_id = $1 AND token = $2`,
        [s.id, tokenOf(s.salt, subject)],
      );
      answered = !!row;
    }
    const refusal = answered ? 'ALREADY_ANSWERED' : await this.refusal(caller, s, c);
    return { answered, canAnswer: refusal === null, refusal, isAdmin };
  }

  /** Why the caller may not answer now (a code), or null. */
  private async refusal(caller: Caller, s: SurveyRow, c: Component): Promise<string | null> {
    const status = statusOf(s);
    if (s.state !== 'published') return 'NOT_PUBLISHED';
    if (status !== 'open') return status === 'upcoming' ? 'NOT_OPEN' : 'CLOSED';
    const no = await this.surveys.access.refusalFor(caller, c, 'answer');
    if (!no) return null;
    // Without an account: where the component allows it, the session's token stands in.
    if (no.reason === 'SIGN_IN_REQUIRED' && c.settings.anonymousAnswers) return null;
    return no.reason;
  }

  /**
   * Records one person's (or session's) answers: 409 ALREADY_ANSWERED when
   * their token answered already (the first answer is kept: two tabs at once
   * make one answer, the unique token decides), 409 SURVEY_NOT_OPEN outside
   * its dates, the component's refusal, 400 naming each wrong answer.
   */
  async answer(
    caller: Caller,
    id: string,
    raw: unknown,
    visitor: string | undefined,
    locale: string | null,
  ): Promise<{ id: string; token: string }> {
    const { s, c } = await this.surveys.visible(caller, id);
    if (s.state !== 'published' || statusOf(s) !== 'open')
      throw surveyException(
        SurveyError.NotOpen,
        statusOf(s) === 'closed' ? 'This survey is closed' : 'This survey is not open yet',
        { status: statusOf(s) },
      );
    const no = await this.surveys.access.refusalFor(caller, c, 'answer');
    const anonymous =
      !!no &&
      no.reason === 'SIGN_IN_REQUIRED' &&
      c.settings.anonymousAnswers &&
      !caller.identity.userId;
    if (no && !anonymous) throw this.surveys.access.refusal(no, c);
    const subject = this.subjectOf(caller, visitor);
    if (!subject)
      throw invalidField(
        VISITOR_HEADER,
        'answering without an account needs the session secret (32-128 letters, digits, - or _)',
        'isVisitor',
      );
    const answers = readAnswers(s.questions, raw);
    const token = tokenOf(s.salt, subject);
    const [row] = returnedRows<{ id: string }>(
      await this.ds.query(
        `INSERT INTO surveys.answers (organization_id, survey_id, token, answers, locale)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (survey_id, token) DO NOTHING RETURNING id`,
        [caller.identity.organizationId, s.id, token, JSON.stringify(answers), locale],
      ),
    );
    if (!row)
      throw surveyException(
        SurveyError.AlreadyAnswered,
        'This survey was already answered from this account or session; the first answer is kept',
      );
    this.surveys.answered(s.id);
    return { id: row.id, token: shortToken(token) };
  }

  private toView(r: AnswerRow): SurveyAnswerView {
    return {
      id: r.id,
      token: shortToken(r.token),
      answeredAt: new Date(r.answered_at).toISOString(),
      locale: r.locale,
      answers: r.answers,
    };
  }

  /** The answers by token, oldest first, in pages (`cursor`: the last one's position). */
  async list(
    caller: Caller,
    id: string,
    cursor: string | undefined,
    limit = 50,
  ): Promise<SurveyAnswerListView> {
    const { s } = await this.surveys.administered(caller, id);
    if (cursor !== undefined && !/^\d{1,18}$/.test(cursor))
      throw invalidField('cursor', 'must be a cursor this list gave');
    const rows: AnswerRow[] = await this.ds.query(
      `SELECT id, token, answers, locale, answered_at, seq FROM surveys.answers
        WHERE organization_id = $1 AND survey_id = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
      [caller.identity.organizationId, s.id, cursor ?? '0', limit + 1],
    );
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => this.toView(r)),
      nextCursor: more ? page[page.length - 1].seq : null,
    };
  }

  /**
   * Every answer's rows in pages (keyset on seq): what results read.
   */
  async *pages(
    organizationId: string,
    surveyId: string,
    options: { size?: number } = {},
  ): AsyncGenerator<AnswerRow[]> {
    const size = options.size ?? PAGE;
    let after = '0';
    for (;;) {
      const rows: AnswerRow[] = await this.ds.query(
        `SELECT id, token, answers, locale, answered_at, seq
           FROM surveys.answers
          WHERE organization_id = $1 AND survey_id = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
        [organizationId, surveyId, after, size],
      );
      if (rows.length) yield rows;
      if (rows.length < size) return;
      after = rows[rows.length - 1].seq;
    }
  }

  /**
   * The export, written as it is read (memory flat whatever the number of
   * answers; waits for the client when its buffer is full). CSV: one line
   * per answer, one column per question (matrix and grades: one per row or
   * option), UTF-8 with a BOM for spreadsheets. JSON: `{survey, answers: […]}`.
   */
  async exportable(caller: Caller, id: string): Promise<SurveyRow> {
    return (await this.surveys.administered(caller, id)).s;
  }

  async export(s: SurveyRow, format: 'csv' | 'json', res: ServerResponse): Promise<void> {
    try {
      await this.write(s, format, res);
    } catch (error) {
      // Headers are gone: cutting the connection tells the client the file is incomplete.
      res.destroy(error as Error);
    }
  }

  private async write(s: SurveyRow, format: 'csv' | 'json', res: ServerResponse): Promise<void> {
    res.setHeader(
      'Content-Type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    );
    res.setHeader('Content-Disposition', `attachment; filename="survey-${s.id}-answers.${format}"`);
    res.setHeader('Cache-Control', 'private, no-store');
    const write = async (chunk: string) => {
      if (!res.write(chunk)) await new Promise<void>((r) => res.once('drain', () => r()));
    };
    if (format === 'csv') await write(`\ufeff${csvLine(csvHeader(exportColumns(s.questions)))}`);
    else
      await write(
        `{"survey":${JSON.stringify({ id: s.id, title: s.title, questions: s.questions })},"answers":[`,
      );
    // PostgreSQL streams the lines by COPY; PGlite gives them in pages (export.ts).
    const copy = await copyTextOut(
      this.ds,
      exportCopyQuery(format, s.questions, s.organization_id, s.id),
    );
    if (copy) await pipeline(copy, res, { end: false });
    else {
      const page = exportPageQuery(format, s.questions, s.organization_id, s.id);
      const size = format === 'csv' ? CSV_PAGE : JSON_PAGE;
      let after = '0';
      for (;;) {
        const [row]: { chunk: string | null; last: string | null }[] = await this.ds.query(
          page.sql,
          page.params(after, size),
        );
        if (!row?.chunk || !row.last) break;
        if (format === 'json' && after !== '0') await write(',');
        await write(row.chunk);
        after = row.last;
      }
    }
    if (format === 'json') await write(']}');
    res.end();
  }
}
