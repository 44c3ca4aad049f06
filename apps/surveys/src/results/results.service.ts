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
/** Results are kept this long at most; an open survey's are refreshed in the background. */
const KEPT_MS = 600_000;

interface Cached {
  view: SurveyResultsView;
  closed: boolean;
  /** The survey's version the results are of (its questions may change while nobody answered). */
  version: number;
  computedAt: number;
}

/**
 * A survey's results: computed by reading its answers in pages (memory flat)
 * by one computation at a time per survey, then kept in memory. A closed
 * survey's are kept as they are; an open one's older than
 * SURVEYS_RESULTS_REFRESH_MS (5 s) are answered at once while one
 * computation refreshes them in the background, so a busy survey's readers
 * never wait for a count of 250,000 answers. A survey under 10,000 answers is
 * counted again after each answer (the person who answered sees it counted).
 * Its administrators see the results at any time; everyone once published.
 */
@Injectable()
export class ResultsService {
  private readonly cache: BoundedCache<Cached>;
  private readonly refreshMs: number;
  private readonly refreshing = new Set<string>();

  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly surveys: SurveysService,
    private readonly answers: AnswersService,
  ) {
    const refresh = Number(runtime.env.SURVEYS_RESULTS_REFRESH_MS ?? 5_000);
    this.refreshMs = Number.isFinite(refresh) && refresh >= 0 ? refresh : 5_000;
    this.cache = new BoundedCache({ max: 1_000, ttlMs: KEPT_MS });
  }

  /** A new answer: a small survey's results are computed again at the next read. */
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
    const cached = this.cache.peek(s.id);
    // Another version (the questions or dates changed): computed again, once.
    if (cached && cached.version !== version) this.cache.delete(s.id);
    else if (cached && !cached.closed && Date.now() - cached.computedAt >= this.refreshMs)
      this.refresh(s, version);
    const { view } = await this.cache.fetch(s.id, () => this.compute(s, version));
    return { ...view, published: !!s.results_published_at };
  }

  /** Refreshes an open survey's results in the background, one computation at a time. */
  private refresh(s: SurveyRow, version: number): void {
    if (this.refreshing.has(s.id)) return;
    this.refreshing.add(s.id);
    this.compute(s, version)
      .then((fresh) => {
        if (this.cache.peek(s.id)?.version === version) this.cache.set(s.id, fresh);
      })
      .catch((error: unknown) =>
        this.runtime.logger.emit('error', 'Refreshing survey results failed', {
          surveyId: s.id,
          error: String(error),
        }),
      )
      .finally(() => this.refreshing.delete(s.id));
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
    return { view, closed: statusOf(s) === 'closed', version, computedAt: Date.now() };
  }
}
