/**
 * The shapes of the surveys API that the pages read (apps/surveys, reached
 * as /api/surveys/...), declared once in @palabre/contracts.
 *
 * Routes (all under /api/surveys):
 *   GET    /components/:componentId/surveys           SurveyListView
 *   POST   /components/:componentId/surveys           { title, description?, questions?, startsAt?, endsAt? } → SurveyView
 *   GET    /surveys/:id                               SurveyView (caller: answered, canAnswer, refusal)
 *   PATCH  /surveys/:id, POST /surveys/:id/publish | /unpublish, DELETE /surveys/:id
 *   POST   /surveys/:id/answers                       { answers: { questionId: AnswerValue } } → { id, token }
 *          (without an account: the cookie palabre_visitor, or the header x-palabre-visitor)
 *   GET    /surveys/:id/results                       SurveyResultsView (administrators; everyone once published)
 *   POST   /surveys/:id/results/publish | /results/unpublish
 *   GET    /surveys/:id/answers?cursor&limit          SurveyAnswerListView (administrators)
 *   GET    /surveys/:id/answers.csv | answers.json    streamed exports (administrators)
 * Refusals: 400 with errors[{ field: 'answers.<questionId>', rule }]; 409 ALREADY_ANSWERED,
 *   SURVEY_NOT_OPEN, WRONG_STATE; 404 SURVEY_NOT_FOUND, COMPONENT_NOT_FOUND; 403 NOT_ALLOWED;
 *   401 SIGN_IN_REQUIRED and 409 ANSWERS_CLOSED (component refusals, with `reason`).
 */
export type {
  AnswerValue,
  QuestionView,
  QuestionResultView,
  SurveyListView,
  SurveyResultsView,
  SurveySummaryView,
  SurveyView,
} from '@palabre/contracts';

export const SURVEYS_API = '/api/surveys';
/** The site's cookie that keeps answers without an account apart (read by the surveys service). */
export const VISITOR_COOKIE = 'palabre_visitor';
