import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { RULES, type RuleKind } from './vote-rule';

const AREA = /^[\p{L}\p{N}][\p{L}\p{N} '’.-]{0,59}$/u;
const MAX_CENTS = 100_000_000_000; // €1 billion

export class CreateBudgetDto {
  @ApiProperty({ example: 'Quartier Nord' })
  @IsString()
  @Length(2, 200)
  title!: string;

  @ApiPropertyOptional({ description: 'Plain text with line breaks' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

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
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(2, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  description?: string;

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
