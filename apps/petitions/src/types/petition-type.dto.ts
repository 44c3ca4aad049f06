import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  PETITION_AUTHOR_POLICIES,
  PETITION_SIGNER_POLICIES,
  type PetitionAuthorPolicy,
  type PetitionSignerPolicy,
  type PetitionTypeView,
} from '@palabre/contracts';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { textDto } from '@palabre/service-kit';

export const SIGNER_POLICIES = PETITION_SIGNER_POLICIES;
export const AUTHOR_POLICIES = PETITION_AUTHOR_POLICIES;
export type SignerPolicy = PetitionSignerPolicy;
export type AuthorPolicy = PetitionAuthorPolicy;

export class TypeNameDto extends textDto(120, {
  fr: 'Pétition au Sénat',
  en: 'Petition to the Senate',
}) {}
export class TypeDescriptionDto extends textDto(4000, {
  fr: 'Six mois pour recueillir 100 000 signatures.',
  en: 'Six months to gather 100,000 signatures.',
}) {}
export class MilestoneLabelDto extends textDto(200, {
  fr: 'Examinée par la Conférence des présidents',
  en: 'Examined by the Conference of Presidents',
}) {}

export class MilestoneDto {
  @ApiProperty({ example: 100000, description: 'Signatures (online + offline) to reach' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  threshold!: number;

  @ApiProperty({ type: MilestoneLabelDto, description: 'Per language; at least one' })
  @IsObject()
  @ValidateNested()
  @Type(() => MilestoneLabelDto)
  label!: MilestoneLabelDto;
}

export class AreaRuleDto {
  @ApiProperty({ example: 500000, description: 'Signatures needed in all' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  signatures!: number;

  @ApiProperty({
    example: 30,
    description: 'Distinct areas (e.g. départements) they must come from',
  })
  @IsInt()
  @Min(1)
  @Max(10_000)
  areas!: number;
}

export class CreatePetitionTypeDto {
  @ApiProperty({ type: TypeNameDto, description: 'Per language; at least one' })
  @IsObject()
  @ValidateNested()
  @Type(() => TypeNameDto)
  name!: TypeNameDto;

  @ApiPropertyOptional({ type: TypeDescriptionDto, description: 'Per language' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TypeDescriptionDto)
  description?: TypeDescriptionDto;

  @ApiProperty({ example: 183, description: 'Signature period after publication, in days' })
  @IsInt()
  @Min(1)
  @Max(3660)
  signatureDays!: number;

  @ApiProperty({ enum: SIGNER_POLICIES, description: 'Who may sign' })
  @IsIn(SIGNER_POLICIES)
  signers!: SignerPolicy;

  @ApiPropertyOptional({
    enum: AUTHOR_POLICIES,
    default: 'franceconnect',
    description: 'Who may author: a FranceConnect-identified person, or any signed-in account',
  })
  @IsOptional()
  @IsIn(AUTHOR_POLICIES)
  authors?: AuthorPolicy;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  withdrawalAllowed?: boolean;

  @ApiPropertyOptional({ type: [MilestoneDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones?: MilestoneDto[];

  @ApiPropertyOptional({ default: false, description: 'Ask signers for their area (optional)' })
  @IsOptional()
  @IsBoolean()
  areaBreakdown?: boolean;

  @ApiPropertyOptional({ type: AreaRuleDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AreaRuleDto)
  areaRule?: AreaRuleDto | null;

  @ApiPropertyOptional({ default: true, description: 'Offered to new petitions' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class UpdatePetitionTypeDto extends PartialType(CreatePetitionTypeDto) {}

/** What the types API answers (GET /types gives `{ items }`). */
export type { PetitionTypeView };
