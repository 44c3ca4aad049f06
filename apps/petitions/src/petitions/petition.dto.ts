import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  NotEquals,
  ValidateIf,
} from 'class-validator';

export class CreatePetitionDto {
  @ApiProperty({ description: 'Petition type (GET /api/petitions/types)' })
  @IsUUID()
  typeId!: string;

  @ApiProperty({ example: 'Pour des pistes cyclables continues entre les communes' })
  @IsString()
  @Length(10, 200)
  title!: string;

  @ApiProperty({ description: 'The text of the petition, plain text with line breaks' })
  @IsString()
  @Length(50, 20_000)
  body!: string;
}

export class UpdatePetitionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  typeId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(10, 200)
  title?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(50, 20_000)
  body?: string;
}

export class ReviewDto {
  @ApiProperty({ enum: ['publish', 'reject'] })
  @IsIn(['publish', 'reject'])
  decision!: 'publish' | 'reject';

  @ApiPropertyOptional({ description: 'Required to reject: the author sees it' })
  @ValidateIf((o: ReviewDto) => o.decision === 'reject' || o.reason !== undefined)
  @IsString()
  @Length(5, 2000)
  reason?: string;
}

export class CloseDto {
  @ApiProperty({ example: 'Withdrawn at the request of its author' })
  @IsString()
  @Length(5, 2000)
  reason!: string;
}

export class AnswerDto {
  @ApiProperty({ description: "The institution's answer" })
  @IsString()
  @Length(5, 20_000)
  text!: string;

  @ApiProperty({ example: '2026-11-20', description: 'Date of the answer' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @ApiPropertyOptional({ example: 'https://www.senat.fr/...' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2000)
  url?: string;
}

export class OfflineCountDto {
  @ApiProperty({
    example: 1250,
    description: 'Signatures counted on paper; negative to correct an earlier entry',
  })
  @IsInt()
  @NotEquals(0)
  @Min(-10_000_000)
  @Max(10_000_000)
  count!: number;

  @ApiProperty({ example: 'Mairie du 5e, registre papier' })
  @IsString()
  @Length(2, 200)
  source!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class SignDto {
  @ApiPropertyOptional({
    example: '75',
    description: 'Self-declared area (e.g. département code), where the petition type asks for it',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,12}$/, { message: 'area must be a short code such as 75 or 2A' })
  area?: string;
}
