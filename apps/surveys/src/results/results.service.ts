import { Inject, Injectable } from '@nestjs/common';
import type { SurveyResultsView } from '@palabre/contracts';
import { BoundedCache } from '@palabre/cache';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { AnswersService } from '../answers/answers.service';
import type { Caller } from '../components/component-access';
import { SurveyError, surveyException } from '../surveys.exception';
import { statusOf, SurveysService, type SurveyRow } from '../surveys/surveys.service';
import { ResultsFolder } from './results';

/** Below this many answers, results are computed again after each answer (a few ms). */
const SMALL = 10_000;

interface Cached {
  view: SurveyResultsView;
  closed: boolean;
  /** The survey's version the results are of (its questions may change while nobody answered). */
  version: number;
}

/** A closed survey's results change no more: kept ten minutes. */
const CLOSED_TTL_MS = 600_000;

/**
 * A survey's results: computed by reading its answers in pages (memory flat),
 * then kept in memory — an open survey's for SURVEYS_RESULTS_REFRESH_MS (5 s
 * by default: a busy survey is read from cache, at most that old), a closed
 * one's ten minutes. Its administrators see them at any time; everyone once
 * they are published.
 */
@Injectable()
export class ResultsService {
  private readonly cache: BoundedCache<Cached>;
  private readonly refreshMs: number;

  constructor(
    @Inject(SERVICE_RUNTIME) runtime: ServiceRuntime,
    private readonly surveys: SurveysService,
    private readonly answers: AnswersService,
  ) {
    const refresh = Number(runtime.env.SURVEYS_RESULTS_REFRESH_MS ?? 5_000);
    this.refreshMs = Number.isFinite(refresh) && refresh >= 0 ? refresh : 5_000;
    this.cache = new BoundedCache({
      max: 1_000,
      ttlMs: (v) => (v.closed ? CLOSED_TTL_MS : this.refreshMs),
    });
  }

  /**
   * A new answer: a small survey's results are computed again at the next
   * read (the person who just answered sees their answer counted); a large
   * one's stay cached for the refresh delay.
   */
  answered(surveyId: string): void {
    const cached = this.cache.peek(surveyId);
    if (cached && (this.refreshMs === 0 || cached.view.answerCount < SMALL))
      this.cache.delete(surveyId);
  }

  async results(caller: Caller, id: string): Promise<SurveyResultsView> {
    const { s, c } = await this.surveys.visible(caller, id);
    if (!s.results_published_at && !this.surveys.access.isAdmin(caller.identity, c))
      throw surveyException(SurveyError.NotAllowed, 'The results of this survey are not published');
    const version = new Date(s.updated_at).getTime();
    if (this.cache.peek(s.id)?.version !== version) this.cache.delete(s.id);
    const { view } = await this.cache.fetch(s.id, () => this.compute(s, version));
    return { ...view, published: !!s.results_published_at };
  }

  private async compute(s: SurveyRow, version: number): Promise<Cached> {
    const folder = new ResultsFolder(s.questions);
    for await (const page of this.answers.pages(s.organization_id, s.id))
      for (const r of page) folder.add(r.answers);
    const view: SurveyResultsView = {
      surveyId: s.id,
      answerCount: folder.count,
      computedAt: new Date().toISOString(),
      published: !!s.results_published_at,
      questions: folder.view(),
    };
    return { view, closed: statusOf(s) === 'closed', version };
  }
}
