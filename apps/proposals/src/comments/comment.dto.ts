import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PROPOSAL_STANCES } from '@palabre/contracts';

export const STANCES = PROPOSAL_STANCES;

export class CreateCommentDto {
  @ApiProperty({ minLength: 2, maxLength: 2000 })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  body!: string;

  @ApiProperty({ enum: STANCES, required: false, default: 'neutral' })
  @IsOptional()
  @IsIn(STANCES)
  stance?: (typeof STANCES)[number];

  @ApiProperty({
    required: false,
    description: 'A top-level comment of the same proposal (one level of replies)',
  })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class UpdateCommentDto {
  @ApiProperty({ minLength: 2, maxLength: 2000 })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  body!: string;

  @ApiProperty({ enum: STANCES, required: false })
  @IsOptional()
  @IsIn(STANCES)
  stance?: (typeof STANCES)[number];
}
