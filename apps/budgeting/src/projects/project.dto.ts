import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ValidateIf,
} from 'class-validator';
import { textDto } from '../texts';

const AREA = /^[\p{L}\p{N}][\p{L}\p{N} '’.-]{0,59}$/u;
const MAX_CENTS = 100_000_000_000;

export class ProjectTitleDto extends textDto(200, {
  fr: 'Une aire de jeux au parc des Tilleuls',
  en: 'A playground in the Tilleuls park',
}) {}
export class ProjectDescriptionDto extends textDto(20_000, {
  fr: 'Des jeux pour les 3–10 ans.',
  en: 'Play equipment for children aged 3 to 10.',
}) {}

export class CreateProjectDto {
  @ApiProperty({ type: () => ProjectTitleDto, description: 'Per language; at least one' })
  @IsObject()
  @ValidateNested()
  @Type(() => ProjectTitleDto)
  title!: ProjectTitleDto;

  @ApiPropertyOptional({
    type: () => ProjectDescriptionDto,
    description: 'Per language; plain text with line breaks',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProjectDescriptionDto)
  description?: ProjectDescriptionDto;

  @ApiProperty({ example: 4_500_000, description: 'Cost in euro cents' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents!: number;

  @ApiPropertyOptional({ example: 'Nord' })
  @IsOptional()
  @Matches(AREA, { message: 'area must be a short district name (letters, digits, spaces)' })
  area?: string;

  @ApiPropertyOptional({ type: [String], description: 'https image URLs (up to 10)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { each: true })
  @MaxLength(2000, { each: true })
  imageUrls?: string[];

  @ApiPropertyOptional({ example: '12 rue des Tilleuls' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional({ example: 48.8566 })
  @ValidateIf((o: CreateProjectDto) => o.longitude !== undefined || o.latitude !== undefined)
  @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional({ example: 2.3522 })
  @ValidateIf((o: CreateProjectDto) => o.latitude !== undefined || o.longitude !== undefined)
  @IsLongitude()
  longitude?: number;

  @ApiPropertyOptional({ type: [String], description: 'Linked proposal ids' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  proposalIds?: string[];
}

export class UpdateProjectDto {
  @ApiPropertyOptional({ type: () => ProjectTitleDto, description: 'Per language; at least one' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProjectTitleDto)
  title?: ProjectTitleDto;

  @ApiPropertyOptional({
    type: () => ProjectDescriptionDto,
    description: 'Per language; plain text with line breaks',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProjectDescriptionDto)
  description?: ProjectDescriptionDto;

  @ApiPropertyOptional({ description: 'Euro cents; not once votes were cast in its budget' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @Matches(AREA, { message: 'area must be a short district name (letters, digits, spaces)' })
  area?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUrl({ protocols: ['https'], require_protocol: true }, { each: true })
  @MaxLength(2000, { each: true })
  imageUrls?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateProjectDto) => o.longitude !== undefined || o.latitude !== undefined)
  @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional()
  @ValidateIf((o: UpdateProjectDto) => o.latitude !== undefined || o.longitude !== undefined)
  @IsLongitude()
  longitude?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  proposalIds?: string[];
}

export class PublishProjectDto {
  @ApiProperty({ description: 'The budget (of the same component) the project goes to' })
  @IsUUID()
  budgetId!: string;
}

export class WithdrawProjectDto {
  @ApiProperty({ example: 'The site turned out to be unavailable' })
  @IsString()
  @Length(5, 2000)
  reason!: string;
}
