import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ConfirmResultsDto {
  @ApiPropertyOptional({
    type: [String],
    description:
      'The projects funded; absent: the list computed by the rule (by votes, within the envelope)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  projectIds?: string[];
}

export class PaperVoteDto {
  @ApiProperty()
  @IsUUID()
  projectId!: string;

  @ApiProperty({
    example: 212,
    description: 'Paper ballots of this station that chose this project',
  })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  votes!: number;
}

export class PaperBallotsDto {
  @ApiProperty({ example: 'Mairie annexe Nord — urne 2' })
  @IsString()
  @Length(2, 200)
  station!: string;

  @ApiProperty({ example: 340, description: 'Ballots counted at this station' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  ballots!: number;

  @ApiProperty({ type: [PaperVoteDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => PaperVoteDto)
  votes!: PaperVoteDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class VoidPaperBallotsDto {
  @ApiProperty({
    example: 'Bureau saisi deux fois',
    description: 'Why this entry no longer counts (kept in the audit trail)',
  })
  @IsString()
  @Length(5, 2000)
  reason!: string;
}
