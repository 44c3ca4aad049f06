import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsISO8601,
  IsObject,
  IsOptional,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { textDto } from '@palabre/service-kit';

export class SurveyTitleDto extends textDto(200, {
  fr: 'Votre avis sur la rue scolaire',
  en: 'Your opinion on the school street',
}) {}
export class SurveyDescriptionDto extends textDto(20_000, {
  fr: 'Cinq minutes pour nous dire ce que vous en pensez.',
  en: 'Five minutes to tell us what you think.',
}) {}

export class CreateSurveyDto {
  @ApiProperty({ type: SurveyTitleDto })
  @ValidateNested()
  @Type(() => SurveyTitleDto)
  title!: SurveyTitleDto;

  @ApiPropertyOptional({ type: SurveyDescriptionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SurveyDescriptionDto)
  description?: SurveyDescriptionDto;

  @ApiPropertyOptional({
    description:
      'The questions (see QuestionView): id, type, title, mandatory, options, other, maxChoices, rows, scale, showIf',
    type: 'array',
    items: { type: 'object' },
  })
  @IsOptional()
  @IsArray()
  questions?: unknown[];

  @ApiPropertyOptional({ example: '2027-03-01T08:00:00Z', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  startsAt?: string | null;

  @ApiPropertyOptional({ example: '2027-03-31T22:00:00Z', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true })
  endsAt?: string | null;
}

export class UpdateSurveyDto extends PartialType(CreateSurveyDto) {}

export class AnswerSurveyDto {
  @ApiProperty({
    description: 'Answers by question id (see AnswerValue), e.g. { "q1": { "choice": "yes" } }',
    example: { mood: { choice: 'yes' }, why: { text: 'Plus de calme devant l’école.' } },
  })
  @IsObject()
  answers!: Record<string, unknown>;
}
