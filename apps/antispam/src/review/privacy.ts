import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { DATA_SOURCE, type PersonalDataKeeper } from '@palabre/service-kit';
import { ReviewWorker } from './review.worker';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/**
 * The person's rights here (ADR 0018): what the anti-spam concluded about
 * their account and contributions — scores, reasons, what was decided, their
 * contest — is part of "download my data"; an erased account leaves nothing.
 */
@Injectable()
export class AntispamPrivacy implements PersonalDataKeeper {
  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    private readonly worker: ReviewWorker,
  ) {}

  erase(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    return this.worker.erase(m, organizationId, userId);
  }

  async personalData(organizationId: string, userId: string) {
    const [account] = await this.ds.query(
      `SELECT score, reasons, model, scored_at, blocked_at, stamped_signals, contributions
         FROM antispam.accounts WHERE organization_id = $1 AND user_id = $2`,
      [organizationId, userId],
    );
    const flags: {
      subject_type: string;
      subject_id: string;
      score: number;
      reasons: string[];
      model: string;
      status: string;
      created_at: Date;
      decided_at: Date | null;
      contest: string | null;
      contested_at: Date | null;
    }[] = await this.ds.query(
      `SELECT subject_type, subject_id, score, reasons, model, status, created_at, decided_at,
              contest, contested_at
         FROM antispam.flags WHERE organization_id = $1 AND user_id = $2 ORDER BY created_at`,
      [organizationId, userId],
    );
    return {
      format: 'palabre.antispam.personal-data.v1',
      organizationId,
      account: account
        ? {
            score: account.score === null ? null : Number(account.score),
            reasons: account.reasons,
            model: account.model,
            scoredAt: iso(account.scored_at),
            contributions: account.contributions,
            blockedAt: iso(account.blocked_at),
            clearedSignals: account.stamped_signals,
          }
        : null,
      reports: flags.map((f) => ({
        subjectType: f.subject_type,
        subjectId: f.subject_id,
        score: Number(f.score),
        reasons: f.reasons,
        model: f.model,
        status: f.status,
        reportedAt: iso(f.created_at),
        decidedAt: iso(f.decided_at),
        contest: f.contest ? { message: f.contest, at: iso(f.contested_at) } : null,
      })),
    };
  }
}
