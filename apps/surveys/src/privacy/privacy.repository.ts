import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { AnswerValue, LocalizedText } from '@palabre/contracts';
import { DATA_SOURCE, type PersonalDataKeeper } from '@palabre/service-kit';
import { tokenOf } from '../answers/answers.service';

interface SurveyKey {
  id: string;
  salt: Uint8Array;
}

/**
 * Surveys' side of the GDPR rights (docs/adr/0018): a person's answers are
 * found by the token their account gives in each survey (nothing else links
 * them); erasing the account gives those answers a random token, so that the
 * results keep them and nothing leads back to the person.
 */
@Injectable()
export class PrivacyRepository implements PersonalDataKeeper {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  private async tokens(q: DataSource | EntityManager, organizationId: string, userId: string) {
    const surveys: SurveyKey[] = await q.query(
      `SELECT id, salt FROM surveys.surveys WHERE organization_id = $1`,
      [organizationId],
    );
    return surveys.map((s) => ({
      surveyId: s.id,
      token: tokenOf(s.salt, { kind: 'account', value: userId }),
    }));
  }

  async erase(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    for (const { surveyId, token } of await this.tokens(m, organizationId, userId))
      await m.query(
        `UPDATE surveys.answers SET token = $4
          WHERE organization_id = $1 AND survey_id = $2 AND token = $3`,
        [organizationId, surveyId, token, randomBytes(32)],
      );
  }

  /** This person's answers (as their account answered), survey by survey. */
  async personalData(organizationId: string, userId: string) {
    const answers: {
      survey_id: string;
      title: LocalizedText;
      answers: Record<string, AnswerValue>;
      answered_at: Date;
    }[] = [];
    for (const { surveyId, token } of await this.tokens(this.ds, organizationId, userId)) {
      const rows: (typeof answers)[number][] = await this.ds.query(
        `SELECT a.survey_id, s.title, a.answers, a.answered_at
           FROM surveys.answers a JOIN surveys.surveys s ON s.id = a.survey_id
          WHERE a.organization_id = $1 AND a.survey_id = $2 AND a.token = $3`,
        [organizationId, surveyId, token],
      );
      answers.push(...rows);
    }
    return {
      format: 'palabre.surveys.personal-data.v1',
      organizationId,
      answers: answers.map((a) => ({
        surveyId: a.survey_id,
        surveyTitle: a.title,
        answeredAt: new Date(a.answered_at).toISOString(),
        answers: a.answers,
      })),
    };
  }
}
