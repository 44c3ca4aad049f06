import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { IdentityCaptchaView } from '@palabre/contracts';
import { IdentityConfig } from '../config/identity.config';
import { AccountError, accountException } from './accounts.exception';
import { AccountsRepository } from './accounts.repository';

const FR = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix'];
const EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

export type CaptchaChallenge = IdentityCaptchaView;

/**
 * What a registration passes (ADR 0041): a proof of work the browser
 * computes (ALTCHA: self-hosted, nothing sent to anyone, no cookie; a second
 * or two of an old phone's time, and the same for each of a script's
 * thousand sign-ups) or, without JavaScript, a text question a person
 * answers and a script does not bother to parse: no image, readable by a
 * screen reader, in French and English, answered in digits or in words. Both
 * come with one challenge, which allows one attempt, and not sooner than
 * REGISTRATION_MIN_SECONDS after it was given.
 */
@Injectable()
export class CaptchaService {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly config: IdentityConfig,
  ) {}

  /** The proof's HMAC key, one per organization, derived from identity's secret. */
  private proofKey(organizationId: string): string {
    return this.config.keyed('altcha', organizationId);
  }

  async create(organizationId: string): Promise<CaptchaChallenge> {
    const a = randomInt(1, 10);
    const b = randomInt(1, 10 - a + 1);
    const id = await this.repo.createCaptcha(
      organizationId,
      this.config.keyed('captcha', String(a + b)),
    );
    const proof = await createChallenge({
      hmacKey: this.proofKey(organizationId),
      maxNumber: this.config.registration.proofMaxNumber,
      // The challenge names its question: a solved proof opens that registration only.
      params: { id },
      expires: new Date(Date.now() + 20 * 60_000),
    });
    return {
      id,
      question: {
        fr: `Combien font ${FR[a]} plus ${FR[b]} ? Répondez en chiffres ou en lettres.`,
        en: `What is ${EN[a]} plus ${EN[b]}? Answer in digits or words.`,
      },
      proof: {
        algorithm: proof.algorithm,
        challenge: proof.challenge,
        salt: proof.salt,
        signature: proof.signature,
        maxnumber: proof.maxnumber ?? this.config.registration.proofMaxNumber,
      },
    };
  }

  /** Spends the challenge; passes with a right answer or a solved proof of this very challenge. */
  async verify(
    organizationId: string,
    id: string,
    answer: string | undefined,
    proof?: string,
  ): Promise<void> {
    const spent = await this.repo.spendCaptcha(organizationId, id);
    if (spent && spent.ageSeconds < this.config.registration.minSeconds)
      throw accountException(
        AccountError.TooFast,
        `The form came back ${Math.floor(spent.ageSeconds)} s after it was given: nobody fills it that fast. Ask for a new question and send it again`,
      );
    if (spent && proof && (await this.proofHolds(organizationId, id, proof))) return;
    const normalized = (answer ?? '').trim().toLowerCase();
    const asNumber = /^\d+$/.test(normalized)
      ? normalized.replace(/^0+(?=\d)/, '')
      : String(Math.max(FR.indexOf(normalized), EN.indexOf(normalized)));
    if (!spent || !normalized || spent.answerHash !== this.config.keyed('captcha', asNumber)) {
      throw accountException(
        AccountError.CaptchaFailed,
        'The answer to the question is wrong or the question expired; ask for a new one',
      );
    }
  }

  private async proofHolds(organizationId: string, id: string, proof: string): Promise<boolean> {
    try {
      if (extractParams(proof).id !== id) return false;
      return await verifySolution(proof, this.proofKey(organizationId), true);
    } catch {
      // Not base64 JSON, or not a payload: no proof.
      return false;
    }
  }
}
