import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { IdentityCaptchaView } from '@palabre/contracts';
import { IdentityConfig } from '../config/identity.config';
import { AccountError, accountException } from './accounts.exception';
import { AccountsRepository } from './accounts.repository';

const FR = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];
const EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

export type CaptchaChallenge = IdentityCaptchaView;

/**
 * A text question a person answers and a script does not bother to parse:
 * no image, readable by a screen reader, in French and English. Answers in
 * digits or in words are accepted; each challenge allows one attempt.
 */
@Injectable()
export class CaptchaService {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly config: IdentityConfig,
  ) {}

  async create(organizationId: string): Promise<CaptchaChallenge> {
    const a = randomInt(1, 10);
    const b = randomInt(1, 10 - a + 1);
    const id = await this.repo.createCaptcha(
      organizationId,
      this.config.keyed('captcha', String(a + b)),
    );
    return {
      id,
      question: {
        fr: `Combien font ${FR[a]} plus ${FR[b]} ? Répondez en chiffres ou en lettres.`,
        en: `What is ${EN[a]} plus ${EN[b]}? Answer in digits or words.`,
      },
    };
  }

  async verify(organizationId: string, id: string, answer: string): Promise<void> {
    const expected = await this.repo.spendCaptcha(organizationId, id);
    const normalized = answer.trim().toLowerCase();
    const asNumber = /^\d+$/.test(normalized)
      ? normalized.replace(/^0+(?=\d)/, '')
      : String(Math.max(FR.indexOf(normalized), EN.indexOf(normalized)));
    if (!expected || expected !== this.config.keyed('captcha', asNumber)) {
      throw accountException(
        AccountError.CaptchaFailed,
        'The answer to the question is wrong or the question expired; ask for a new one',
      );
    }
  }
}
