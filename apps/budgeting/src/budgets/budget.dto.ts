import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Matches,
  Max,
  Min,
  ValidateNested,
  ValidateIf,
} from 'class-validator';
import { textDto } from '../texts';
import { RULES, type RuleKind } from './vote-rule';

const AREA = /^[\p{L}\p{N}][\p{L}\p{N} '’.-]{0,59}$/u;
const MAX_CENTS = 100_000_000_000; // €1 billion

export class BudgetTitleDto extends textDto(200, { fr: 'Quartier Nord', en: 'North district' }) {}
export class BudgetDescriptionDto extends textDto(20_000, {
  fr: 'Les projets du nord de la ville.',
  en: 'The projects of the north of the city.',
}) {}

export class CreateBudgetDto {
  @ApiProperty({ type: () => BudgetTitleDto, description: 'Per language; at least one' })
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetTitleDto)
  title!: BudgetTitleDto;

  @ApiPropertyOptional({
    type: () => BudgetDescriptionDto,
    description: 'Per language; plain text with line breaks',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetDescriptionDto)
  description?: BudgetDescriptionDto;

  @ApiProperty({ example: 10_000_000, description: 'The envelope, in euro cents' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  envelopeCents!: number;

  @ApiPropertyOptional({
    example: 'Nord',
    description: 'The district this budget is for (matched against what voters declare)',
  })
  @IsOptional()
  @Matches(AREA, { message: 'area must be a short district name (letters, digits, spaces)' })
  area?: string;

  @ApiProperty({
    enum: RULES,
    description:
      'minimum: spend at least minimumPercent of the envelope, never more; minimum_projects: at least minimumProjects within the envelope; projects_range: between minimumProjects and maximumProjects, amounts ignored',
  })
  @IsIn(RULES)
  rule!: RuleKind;

  @ApiPropertyOptional({ description: 'For rule "minimum": 0–100' })
  @ValidateIf((o: CreateBudgetDto) => o.rule === 'minimum' || o.minimumPercent !== undefined)
  @IsInt()
  @Min(0)
  @Max(100)
  minimumPercent?: number;

  @ApiPropertyOptional({ description: 'For rules "minimum_projects" and "projects_range"' })
  @ValidateIf(
    (o: CreateBudgetDto) =>
      o.rule === 'minimum_projects' ||
      o.rule === 'projects_range' ||
      o.minimumProjects !== undefined,
  )
  @IsInt()
  @Min(1)
  @Max(1000)
  minimumProjects?: number;

  @ApiPropertyOptional({ description: 'For rule "projects_range"' })
  @ValidateIf(
    (o: CreateBudgetDto) => o.rule === 'projects_range' || o.maximumProjects !== undefined,
  )
  @IsInt()
  @Min(1)
  @Max(1000)
  maximumProjects?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}

export class UpdateBudgetDto {
  @ApiPropertyOptional({ type: () => BudgetTitleDto, description: 'Per language; at least one' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetTitleDto)
  title?: BudgetTitleDto;

  @ApiPropertyOptional({
    type: () => BudgetDescriptionDto,
    description: 'Per language; plain text with line breaks',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetDescriptionDto)
  description?: BudgetDescriptionDto;

  @ApiPropertyOptional({ description: 'Euro cents; not once votes were cast' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  envelopeCents?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(AREA, { message: 'area must be a short district name (letters, digits, spaces)' })
  area?: string | null;

  @ApiPropertyOptional({ enum: RULES, description: 'Not once votes were cast' })
  @IsOptional()
  @IsIn(RULES)
  rule?: RuleKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  minimumPercent?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  minimumProjects?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maximumProjects?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;
}
