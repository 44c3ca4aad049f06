import {
  Body,
  Controller,
  ForbiddenException,
  HttpCode,
  PayloadTooLargeException,
  Post,
} from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, type InternalIdentity } from '@palabre/auth';
import { type Scored } from '../scoring/model';
import { Models } from '../scoring/model.provider';
import { textFeatures } from '../scoring/text-features';
import { SettingsRepository, verdictOf, withRefusedDomains } from '../settings/settings.repository';
import { LIMITS, ScoreDto, ScoreView } from './score.dto';

/** A field longer than the platform keeps: 413, named; nothing is scored. */
function checkLimits(body: ScoreDto): void {
  const fields =
    body.kind === 'content'
      ? (['title', 'text'] as const)
      : (['nickname', 'about', 'personalUrl', 'emailDomain'] as const);
  for (const field of fields) {
    const value = body[field];
    if (typeof value === 'string' && value.length > LIMITS[field])
      throw new PayloadTooLargeException({
        message: `${field} is longer than the platform's limit of ${LIMITS[field]} characters`,
        errors: [{ field, message: `at most ${LIMITS[field]} characters`, limit: LIMITS[field] }],
      });
  }
}

/** The services that may ask for a score as the person they act for (TOKEN_RELAYS). */
export const SCORE_CALLERS: readonly string[] = ['proposals', 'petitions', 'meetings'];

@ApiTags('scores')
@Controller()
export class ScoresController {
  constructor(
    private readonly models: Models,
    private readonly settings: SettingsRepository,
  ) {}

  @Post('score')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The spam score of a contribution or an account (administrators and moderators)',
  })
  @ApiOkResponse({ type: ScoreView })
  async score(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: ScoreDto,
  ): Promise<ScoreView> {
    const allowed = identity.grants.some(
      (g) =>
        g.role === 'platform-operator' ||
        (g.role === 'org-admin' && !g.spaceId) ||
        g.role === 'moderator',
    );
    if (!allowed)
      throw new ForbiddenException(
        "Scores are for the organization's administrators and moderators",
      );
    return this.answer(identity.organizationId, body);
  }

  /**
   * The same score for a contributing service, asked while it handles a
   * person's request, with the token the gateway minted for that request
   * passed on (TOKEN_RELAYS): only proposals, petitions and meetings may. Never
   * routed by the gateway. Scoring never holds a contribution: the services
   * that do not ask are scored from their events.
   */
  @Post('internal/score')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async internalScore(
    @CurrentIdentity() identity: InternalIdentity,
    @Body() body: ScoreDto,
  ): Promise<ScoreView> {
    if (!identity.routedTo || !SCORE_CALLERS.includes(identity.routedTo))
      throw new ForbiddenException(
        `The internal score is for contributing services (${SCORE_CALLERS.join(', ')}), passing on the token of the request they act for`,
      );
    return this.answer(identity.organizationId, body);
  }

  private async answer(organizationId: string, body: ScoreDto): Promise<ScoreView> {
    checkLimits(body);
    // The pipe checked the fields of the kind; the fallbacks only satisfy the types.
    const scored: Scored =
      body.kind === 'content'
        ? this.models.current.content({
            type: body.type ?? 'comment',
            title: body.title,
            text: body.text ?? '',
            lang: body.lang,
          })
        : this.models.current.account({
            nickname: body.nickname ?? '',
            about: body.about,
            personalUrl: body.personalUrl,
            emailDomain: body.emailDomain ?? '',
            contributions: body.contributions ?? 0,
            accountAgeDays: body.accountAgeDays ?? 0,
          });
    const settings = await this.settings.of(organizationId);
    if (body.kind === 'content')
      withRefusedDomains(scored, textFeatures(body.text ?? '', body.title ?? '').domains, settings);
    return {
      score: Math.round(scored.score * 10_000) / 10_000,
      verdict: verdictOf(scored.score, settings),
      reasons: scored.reasons,
      model: this.models.current.version,
    };
  }
}
