import { ApiProperty } from '@nestjs/swagger';
import {
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PROPOSAL_ORIGINS } from '@palabre/contracts';

export const ORIGINS = PROPOSAL_ORIGINS;

/** A participant's proposal; an admin may enter an official, paper or workshop one (`origin`). */
export class CreateProposalDto {
  @ApiProperty({ minLength: 10, maxLength: 150 })
  @IsString()
  @MinLength(10)
  @MaxLength(150)
  title!: string;

  @ApiProperty({
    minLength: 15,
    description: 'At most the component’s proposal_length (default 1000)',
  })
  @IsString()
  @MinLength(15)
  @MaxLength(10000)
  body!: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  address?: string;

  @ApiProperty({ required: false, description: 'With longitude' })
  @ValidateIf((o: CreateProposalDto) => o.latitude !== undefined || o.longitude !== undefined)
  @IsLatitude({ message: 'latitude must be a number from -90 to 90 (given with longitude)' })
  latitude?: number;

  @ApiProperty({ required: false, description: 'With latitude' })
  @ValidateIf((o: CreateProposalDto) => o.latitude !== undefined || o.longitude !== undefined)
  @IsLongitude({ message: 'longitude must be a number from -180 to 180 (given with latitude)' })
  longitude?: number;

  @ApiProperty({ required: false, description: 'Area (neighbourhood, district) it concerns' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  area?: string;

  @ApiProperty({ required: false, description: 'The collective the author speaks for' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  onBehalfOf?: string;

  @ApiProperty({
    required: false,
    enum: ORIGINS,
    description: 'Admins only, other than participant',
  })
  @IsOptional()
  @IsIn(ORIGINS)
  origin?: (typeof ORIGINS)[number];
}

export class UpdateProposalDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MinLength(10)
  @MaxLength(150)
  title?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MinLength(15)
  @MaxLength(10000)
  body?: string;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  area?: string | null;
}
