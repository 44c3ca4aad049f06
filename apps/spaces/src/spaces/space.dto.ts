import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { SPACE_KINDS, type SpaceKind } from '@palabre/contracts';

/** A text in the site's languages; at least one where the text is required. */
export class ShortTextDto {
  @ApiPropertyOptional({ example: 'Budget participatif 2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fr?: string;

  @ApiPropertyOptional({ example: 'Participatory budget 2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  en?: string;
}

export class LongTextDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  fr?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  en?: string;
}

const DATE = { message: 'must be a date, YYYY-MM-DD' };
export { SPACE_KINDS, type SpaceKind };

const long = (description: string) =>
  ApiPropertyOptional({ type: LongTextDto, description: `${description} (fr/en)` });

export class CreateSpaceDto {
  @ApiProperty({
    enum: SPACE_KINDS,
    description: 'process: with phases; assembly: a permanent body',
  })
  @IsIn(SPACE_KINDS)
  kind!: SpaceKind;

  @ApiProperty({
    example: 'budget-participatif-2026',
    description: 'URL name, unique in the organization',
  })
  @IsString()
  @Length(3, 80)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'slug must be lowercase letters, digits and single dashes, e.g. budget-2026',
  })
  slug!: string;

  @ApiProperty({ type: ShortTextDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  title!: ShortTextDto;

  @ApiPropertyOptional({ type: ShortTextDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  subtitle?: ShortTextDto;

  @long('Welcome text of the landing page')
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LongTextDto)
  welcome?: LongTextDto;

  @long('Short context summary')
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LongTextDto)
  summary?: LongTextDto;

  @ApiPropertyOptional({ example: 'https://ville.example/images/budget.jpg', nullable: true })
  @IsOptional()
  @IsUrl(
    { protocols: ['https'], require_protocol: true },
    { message: 'imageUrl must be an https URL' },
  )
  @MaxLength(1000)
  imageUrl?: string | null;

  @ApiPropertyOptional({
    type: ShortTextDto,
    description:
      'What the image shows, in words (its alternative text, per language); empty: a decorative image',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  imageAlt?: ShortTextDto;

  @ApiPropertyOptional({
    example: 'https://video.example/w/abc',
    description: 'A short video',
    nullable: true,
  })
  @IsOptional()
  @IsUrl(
    { protocols: ['https'], require_protocol: true },
    { message: 'videoUrl must be an https URL' },
  )
  @MaxLength(1000)
  videoUrl?: string | null;

  @long('Side panel: objectives')
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LongTextDto)
  objectives?: LongTextDto;

  @long('Side panel: who takes part')
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LongTextDto)
  participants?: LongTextDto;

  @long('Side panel: how decisions are made')
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LongTextDto)
  decisionRules?: LongTextDto;

  @ApiPropertyOptional({ type: ShortTextDto, description: 'Side panel: area concerned' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  area?: ShortTextDto;

  @ApiPropertyOptional({ type: ShortTextDto, description: 'Side panel: organizer' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  organizer?: ShortTextDto;

  @ApiPropertyOptional({ example: '2026-01-15', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, DATE)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  startsOn?: string | null;

  @ApiPropertyOptional({ example: '2026-12-15', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, DATE)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  endsOn?: string | null;

  @ApiPropertyOptional({ description: 'Only invited members (and the space staff) see it' })
  @IsOptional()
  @IsBoolean()
  private?: boolean;

  @ApiPropertyOptional({
    description: 'A private space everyone may read (only members act)',
  })
  @IsOptional()
  @IsBoolean()
  transparent?: boolean;

  @ApiPropertyOptional({
    description: 'Processes: activate phases by their dates (checked every minute)',
  })
  @IsOptional()
  @IsBoolean()
  autoPhases?: boolean;
}

export class UpdateSpaceDto extends PartialType(OmitType(CreateSpaceDto, ['kind'] as const)) {}

export class ReferencePrefixDto {
  @ApiProperty({ example: 'lyon', description: 'First part of every space reference code' })
  @IsString()
  @Length(2, 20)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'referencePrefix must be lowercase letters, digits and single dashes',
  })
  referencePrefix!: string;
}
