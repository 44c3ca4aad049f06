import type { LocalizedText } from './text';

/** What a survey asks (ADR 0042). `section` is a title and a description, nothing to answer. */
export const QUESTION_TYPES = [
  'short',
  'long',
  'single',
  'multiple',
  'ranking',
  'matrix_single',
  'matrix_multiple',
  'grades',
  'section',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuestionChoiceView {
  id: string;
  label: LocalizedText;
}

/** Shown only when the answer to an earlier single or multiple choice question is one of `anyOf`. */
export interface QuestionConditionView {
  question: string;
  anyOf: string[];
}

export interface QuestionView {
  /** Stable within the survey (letters, digits, dashes): answers and exports name it. */
  id: string;
  type: QuestionType;
  title: LocalizedText;
  description?: LocalizedText;
  mandatory: boolean;
  /** single, multiple, ranking, matrices (the columns), grades (the options graded). */
  options?: QuestionChoiceView[];
  /** single and multiple: an "Other" choice with a free text. */
  other?: boolean;
  /** multiple and matrix_multiple: at most this many choices (per row). */
  maxChoices?: number;
  /** matrices: the rows. */
  rows?: QuestionChoiceView[];
  /** grades: the scale from the best grade to the worst (e.g. Excellent … To reject). */
  scale?: LocalizedText[];
  showIf?: QuestionConditionView;
}

/**
 * One person's answer to one question, by question type:
 * short/long `{ text }`; single `{ choice, other? }` (`choice` "other" with its text);
 * multiple `{ choices, other? }`; ranking `{ order }` (every option, first is preferred);
 * matrix_single `{ rows: { rowId: optionId } }`; matrix_multiple `{ rows: { rowId: optionId[] } }`;
 * grades `{ grades: { optionId: grade } }` with 0 the best grade of the scale.
 */
export type AnswerValue =
  | { text: string }
  | { choice: string; other?: string }
  | { choices: string[]; other?: string }
  | { order: string[] }
  | { rows: Record<string, string | string[]> }
  | { grades: Record<string, number> };

export type SurveyState = 'draft' | 'published';

export interface SurveySummaryView {
  id: string;
  componentId: string;
  spaceId: string;
  title: LocalizedText;
  state: SurveyState;
  startsAt: string | null;
  endsAt: string | null;
  /** open: answers are taken now (dates and the phase); upcoming; closed. */
  status: 'upcoming' | 'open' | 'closed';
  answerCount: number;
  resultsPublished: boolean;
}

export interface SurveyView extends SurveySummaryView {
  description: LocalizedText;
  questions: QuestionView[];
  /** The component lets people answer without an account. */
  anonymousAnswers: boolean;
  /** The caller's standing: answered already, may answer, or why not (a refusal code). */
  caller: {
    answered: boolean;
    canAnswer: boolean;
    /** e.g. SIGN_IN_REQUIRED, PHASE_CLOSED, NOT_OPEN, CLOSED, ALREADY_ANSWERED. */
    refusal: string | null;
    isAdmin: boolean;
  };
  createdAt: string;
  updatedAt: string;
}

export interface SurveyListView {
  items: SurveySummaryView[];
}

/** An answer as its administrator sees it: by token, never by person. */
export interface SurveyAnswerView {
  id: string;
  /** Short public form of the answer's token (the same person or session gives the same token). */
  token: string;
  answeredAt: string;
  locale: string | null;
  answers: Record<string, AnswerValue>;
}

export interface SurveyAnswerListView {
  items: SurveyAnswerView[];
  nextCursor: string | null;
}

export interface ChoiceCountView {
  id: string;
  count: number;
  /** Share of the people who answered the question (0..1). */
  share: number;
}

export interface MajorityJudgmentOptionView {
  id: string;
  rank: number;
  /** Index in the scale (0 the best), null when nobody graded it. */
  majorityGrade: number | null;
  /** Judgments per grade, in the scale's order (best first). */
  profile: number[];
  total: number;
}

export interface QuestionResultView {
  id: string;
  type: QuestionType;
  /** People who answered this question. */
  answered: number;
  choices?: ChoiceCountView[];
  /** single/multiple with "other", short and long: the texts given (newest first, at most 200). */
  texts?: string[];
  textCount?: number;
  /** ranking: each option's mean position (1 is first) and how often it came first. */
  ranking?: { id: string; meanPosition: number; first: number }[];
  /** matrices: counts per row. */
  rows?: { id: string; choices: ChoiceCountView[] }[];
  /** grades: majority judgment, best first. */
  majorityJudgment?: MajorityJudgmentOptionView[];
}

export interface SurveyResultsView {
  surveyId: string;
  answerCount: number;
  computedAt: string;
  published: boolean;
  questions: QuestionResultView[];
}
