import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min, ValidateIf } from 'class-validator';

export const SCORE_KINDS = ['content', 'account'] as const;
export const CONTENT_TYPES = ['proposal', 'comment', 'petition', 'meeting'] as const;

/**
 * The platform's longest texts (a petition's or a meeting's body, an account's
 * "about"): longer ones are 413, named, never cut and scored in part.
 */
export const LIMITS = {
  title: 300,
  text: 20_000,
  nickname: 100,
  about: 2_000,
  personalUrl: 2_000,
  emailDomain: 253,
} as const;

const isContent = (o: ScoreDto) => o.kind === 'content';
const isAccount = (o: ScoreDto) => o.kind === 'account';

/**
 * `POST /score`: either a contribution (`kind: "content"`) or an account
 * (`kind: "account"`); the fields of the other kind are ignored.
 */
export class ScoreDto {
  @ApiProperty({ enum: SCORE_KINDS })
  @IsIn(SCORE_KINDS, { message: 'kind must be "content" or "account"' })
  kind!: (typeof SCORE_KINDS)[number];

  @ApiPropertyOptional({ enum: CONTENT_TYPES, description: 'content: what the text is' })
  @ValidateIf(isContent)
  @IsIn(CONTENT_TYPES, { message: 'type must be proposal, comment, petition or meeting' })
  type?: (typeof CONTENT_TYPES)[number];

  @ApiPropertyOptional({ description: 'content: its title, if it has one' })
  @ValidateIf((o: ScoreDto) => isContent(o) && o.title !== undefined)
  @IsString()
  title?: string;

  @ApiPropertyOptional({ description: 'content: its text' })
  @ValidateIf(isContent)
  @IsString()
  @IsNotEmpty()
  text?: string;

  @ApiPropertyOptional({ enum: ['fr', 'en'], description: 'content: its language, if known' })
  @ValidateIf((o: ScoreDto) => isContent(o) && o.lang !== undefined)
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';

  @ApiPropertyOptional({ description: 'account: its nickname' })
  @ValidateIf(isAccount)
  @IsString()
  @IsNotEmpty()
  nickname?: string;

  @ApiPropertyOptional({ description: 'account: its "about" text' })
  @ValidateIf((o: ScoreDto) => isAccount(o) && o.about !== undefined)
  @IsString()
  about?: string;

  @ApiPropertyOptional({ nullable: true, description: 'account: its personal URL' })
  @ValidateIf(
    (o: ScoreDto) => isAccount(o) && o.personalUrl !== undefined && o.personalUrl !== null,
  )
  @IsString()
  personalUrl?: string | null;

  @ApiPropertyOptional({ description: 'account: the domain of its email address' })
  @ValidateIf(isAccount)
  @IsString()
  @IsNotEmpty()
  emailDomain?: string;

  @ApiPropertyOptional({ description: 'account: how many contributions it made' })
  @ValidateIf(isAccount)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  contributions?: number;

  @ApiPropertyOptional({ description: 'account: its age in days' })
  @ValidateIf(isAccount)
  @IsInt()
  @Min(0)
  @Max(100_000)
  accountAgeDays?: number;
}

export class ScoreView {
  @ApiProperty({ minimum: 0, maximum: 1 })
  score!: number;

  @ApiProperty({
    enum: ['ok', 'flag', 'block'],
    description: 'flag: reported to moderators; block: only where automatic blocking is on',
  })
  verdict!: 'ok' | 'flag' | 'block';

  @ApiProperty({
    type: [String],
    example: ['spam-words: casino, bonus', 'links: meilleur-casino-bonus.xyz'],
  })
  reasons!: string[];

  @ApiProperty({ description: 'The model that gave the score' })
  model!: string;
}
