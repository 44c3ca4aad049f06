import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { LongTextDto, ShortTextDto } from '../spaces/space.dto';

const DATE = { message: 'must be a date, YYYY-MM-DD' };

export class CreatePhaseDto {
  @ApiProperty({ type: ShortTextDto, example: { fr: 'Boîte à idées', en: 'Idea box' } })
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  title!: ShortTextDto;

  @ApiPropertyOptional({ type: LongTextDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LongTextDto)
  description?: LongTextDto;

  @ApiPropertyOptional({ example: '2026-03-01', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, DATE)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  startsOn?: string | null;

  @ApiPropertyOptional({ example: '2026-04-30', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, DATE)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, DATE)
  endsOn?: string | null;
}

export class UpdatePhaseDto extends PartialType(CreatePhaseDto) {}

export class ReorderPhasesDto {
  @ApiProperty({ type: [String], description: 'Every phase of the space, in the new order' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'phaseIds must hold phase ids' })
  phaseIds!: string[];
}
