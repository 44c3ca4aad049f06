import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { textDto } from '@palabre/service-kit';

export class DrawTitleDto extends textDto(200, {
  fr: 'Tirage au sort des projets étudiés en premier',
  en: 'Draw of the projects studied first',
}) {}
export class DrawDescriptionDto extends textDto(10_000, {
  fr: 'Les dés seront lancés en séance publique le 12 mars à 18 h.',
  en: 'The dice will be rolled at the public session on 12 March at 6 pm.',
}) {}

class DrawBaseDto {
  @ApiProperty({ type: DrawTitleDto })
  @ValidateNested()
  @Type(() => DrawTitleDto)
  title!: DrawTitleDto;

  @ApiPropertyOptional({ type: DrawDescriptionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DrawDescriptionDto)
  description?: DrawDescriptionDto;

  @ApiPropertyOptional({
    description: 'When the public numbers will be revealed (announced on the page)',
    example: '2027-03-12T17:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  revealAt?: string;
}

export class PrepareProposalsDrawDto extends DrawBaseDto {
  @ApiProperty({ description: 'The proposals component of the same space to draw from' })
  @IsUUID()
  proposalsComponentId!: string;

  @ApiPropertyOptional({ description: 'Only the proposals of this area' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  area?: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 5 })
  @IsInt()
  @Min(1)
  @Max(1000)
  count!: number;
}

export class QuotaDto {
  @ApiProperty({ example: 'gender' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  category!: string;

  @ApiProperty({ example: 'F' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  value!: string;

  @ApiPropertyOptional({ description: 'At least this many members', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  min?: number;

  @ApiPropertyOptional({ description: 'At most this many members', minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  max?: number;

  @ApiPropertyOptional({
    description: 'Instead of min and max: a share of the panel (0.5 = half, rounded both ways)',
    minimum: 0,
    maximum: 1,
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  share?: number;
}

export class PreparePanelDrawDto extends DrawBaseDto {
  @ApiProperty({ minimum: 1, maximum: 1000, example: 150 })
  @IsInt()
  @Min(1)
  @Max(1000)
  size!: number;

  @ApiProperty({
    type: [QuotaDto],
    description: 'One line per category value found in the pool: its bounds in the panel',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => QuotaDto)
  quotas!: QuotaDto[];

  @ApiProperty({
    description:
      'The pool as CSV (UTF-8): a header `id,<category>,…`, then one line per volunteer; identifiers of your register, never names',
    example: 'id,gender,age\nv0001,F,18-34\nv0002,M,65+\n',
  })
  @IsString()
  @MaxLength(4_000_000)
  pool!: string;
}

export class DrawNowDto {
  @ApiProperty({
    description: 'The public numbers revealed for the draw, as announced (dice, a lottery result)',
    example: 'Dés : 4 2 6 1 5',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  publicNumbers!: string;

  @ApiPropertyOptional({
    description: 'Who witnessed the numbers',
    example: 'Mme Leroy, M. Diallo',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  witnesses?: string;
}

export class CancelDrawDto {
  @ApiProperty({ example: 'Les quotas ne correspondaient pas à la délibération du conseil.' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export const DRAW_KINDS = ['proposals', 'panel'] as const;
export class KindDto {
  @IsIn(DRAW_KINDS)
  kind!: (typeof DRAW_KINDS)[number];
}
