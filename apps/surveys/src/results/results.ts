import type { AnswerValue, ChoiceCountView, QuestionResultView } from '@palabre/contracts';
import type { Question } from '../surveys/questions';
import { rankByMajorityJudgment } from './majority-judgment';

/** Free texts kept per question for the results (the newest); the export has them all. */
export const TEXTS_SHOWN = 200;

interface Tally {
  answered: number;
  counts: Map<string, number>;
  texts: string[];
  textCount: number;
  /** ranking: sum of positions and firsts per option. */
  positions: Map<string, { sum: number; first: number }>;
  /** matrices: counts per row and option; answered per row. */
  rows: Map<string, { answered: number; counts: Map<string, number> }>;
  /** grades: per option, judgments per grade (index as answered: 0 the best). */
  grades: Map<string, number[]>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * A survey's results, folded one answer at a time (`add`), so that any number
 * of answers is read in pages with constant memory; `view` gives counts and
 * shares per choice, free texts (the newest), ranking positions, matrix rows,
 * and majority judgment for grade grids.
 */
export class ResultsFolder {
  private readonly tallies = new Map<string, Tally>();
  count = 0;

  constructor(private readonly questions: Question[]) {
    for (const q of questions)
      this.tallies.set(q.id, {
        answered: 0,
        counts: new Map(),
        texts: [],
        textCount: 0,
        positions: new Map(),
        rows: new Map(),
        grades: new Map(
          (q.options ?? []).map((o) => [o.id, new Array<number>(q.scale?.length ?? 0).fill(0)]),
        ),
      });
  }

  private text(t: Tally, text: string | undefined) {
    if (!text) return;
    t.textCount++;
    t.texts.push(text);
    if (t.texts.length > TEXTS_SHOWN * 2) t.texts.splice(0, t.texts.length - TEXTS_SHOWN);
  }

  private tally(id: string): Tally {
    const t = this.tallies.get(id);
    if (!t) throw new Error(`No tally for question ${id}`);
    return t;
  }

  add(answers: Record<string, AnswerValue>): void {
    this.count++;
    for (const q of this.questions) {
      const a = answers[q.id];
      const t = this.tallies.get(q.id);
      if (!a || !t) continue;
      t.answered++;
      if ('text' in a) this.text(t, a.text);
      else if ('choice' in a) {
        bump(t.counts, a.choice);
        this.text(t, a.other);
      } else if ('choices' in a) {
        for (const c of a.choices) bump(t.counts, c);
        this.text(t, a.other);
      } else if ('order' in a) {
        a.order.forEach((id, i) => {
          const p = t.positions.get(id) ?? { sum: 0, first: 0 };
          p.sum += i + 1;
          if (i === 0) p.first++;
          t.positions.set(id, p);
        });
      } else if ('rows' in a) {
        for (const [row, v] of Object.entries(a.rows)) {
          const r = t.rows.get(row) ?? { answered: 0, counts: new Map<string, number>() };
          r.answered++;
          for (const c of Array.isArray(v) ? v : [v]) bump(r.counts, c);
          t.rows.set(row, r);
        }
      } else if ('grades' in a) {
        for (const [option, g] of Object.entries(a.grades)) {
          const tally = t.grades.get(option);
          if (tally && g >= 0 && g < tally.length) tally[g]++;
        }
      }
    }
  }

  view(): QuestionResultView[] {
    return this.questions
      .filter((q) => q.type !== 'section')
      .map((q) => {
        const t = this.tally(q.id);
        const out: QuestionResultView = { id: q.id, type: q.type, answered: t.answered };
        const choices = (
          ids: string[],
          counts: Map<string, number>,
          of: number,
        ): ChoiceCountView[] =>
          ids.map((id) => ({
            id,
            count: counts.get(id) ?? 0,
            share: of ? (counts.get(id) ?? 0) / of : 0,
          }));
        const optionIds = (q.options ?? []).map((o) => o.id);
        switch (q.type) {
          case 'short':
          case 'long':
            out.texts = t.texts.slice(-TEXTS_SHOWN).reverse();
            out.textCount = t.textCount;
            break;
          case 'single':
          case 'multiple':
            out.choices = choices(
              q.other ? [...optionIds, 'other'] : optionIds,
              t.counts,
              t.answered,
            );
            if (q.other) {
              out.texts = t.texts.slice(-TEXTS_SHOWN).reverse();
              out.textCount = t.textCount;
            }
            break;
          case 'ranking':
            out.ranking = optionIds
              .map((id) => {
                const p = t.positions.get(id) ?? { sum: 0, first: 0 };
                return { id, meanPosition: t.answered ? p.sum / t.answered : 0, first: p.first };
              })
              .sort(
                (a, b) =>
                  a.meanPosition - b.meanPosition ||
                  optionIds.indexOf(a.id) - optionIds.indexOf(b.id),
              );
            break;
          case 'matrix_single':
          case 'matrix_multiple':
            out.rows = (q.rows ?? []).map((row) => {
              const r = t.rows.get(row.id) ?? { answered: 0, counts: new Map<string, number>() };
              return { id: row.id, choices: choices(optionIds, r.counts, r.answered) };
            });
            break;
          case 'grades': {
            const scale = q.scale?.length ?? 0;
            // Answers grade 0 as the best; majority judgment counts 0 as the worst.
            const ranked = rankByMajorityJudgment(
              optionIds.map((id) => ({ id, tally: [...(t.grades.get(id) ?? [])].reverse() })),
              scale,
            );
            out.majorityJudgment = ranked.map((r) => ({
              id: r.id,
              rank: r.rank,
              majorityGrade: r.majorityGrade === null ? null : scale - 1 - r.majorityGrade,
              profile: t.grades.get(r.id) ?? [],
              total: r.total,
            }));
            break;
          }
        }
        return out;
      });
  }
}
