import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ShortTextDto } from '../spaces/space.dto';

export class CreateComponentDto {
  @ApiProperty({ example: 'proposals', description: 'A registered type (GET /component-types)' })
  @IsString()
  @Length(2, 60)
  @Matches(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { message: 'type must be a component type name' })
  type!: string;

  @ApiProperty({ type: ShortTextDto, example: { fr: 'Propositions', en: 'Proposals' } })
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  name!: ShortTextDto;

  @ApiPropertyOptional({ description: 'Order in the space (default: last)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;

  @ApiPropertyOptional({
    description: "Global settings, checked against the type's registered settings",
    example: { votes_limit: 3 },
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    description:
      'Phase settings in force when the space has no active phase (assemblies, or a process between phases)',
  })
  @IsOptional()
  @IsObject()
  defaultPhaseSettings?: Record<string, unknown>;
}

export class UpdateComponentDto {
  @ApiPropertyOptional({ type: ShortTextDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ShortTextDto)
  name?: ShortTextDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  position?: number;

  @ApiPropertyOptional({
    description: 'Global settings to change; null puts one back to its default',
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;
}

export class PhaseSettingsDto {
  @ApiProperty({
    description: "This phase's settings to change; null puts one back to its default",
    example: { creation_enabled: true },
  })
  @IsObject()
  settings!: Record<string, unknown>;
}

export class ComponentSettingsDto {
  @ApiPropertyOptional({
    description: 'Global settings to change; null puts one back to its default',
    example: { votes_limit: 3 },
  })
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Settings to change for when no phase is active (assemblies, between phases)',
    example: { creation_enabled: false },
  })
  @IsOptional()
  @IsObject()
  defaultPhaseSettings?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: "Settings to change per phase, keyed by the phase's id",
    example: { '6f1c2a4e-0000-4000-8000-000000000001': { creation_enabled: true } },
  })
  @IsOptional()
  @IsObject()
  phaseSettings?: Record<string, unknown>;
}

export class PermissionDto {
  @ApiProperty({
    enum: ['none', 'franceconnect'],
    description: 'none: any signed-in participant; franceconnect: identity proven by FranceConnect',
  })
  @IsIn(['none', 'franceconnect'])
  verification!: 'none' | 'franceconnect';

  @ApiPropertyOptional({
    description:
      'Minimum age, 1 to 18, checked against the age a FranceConnect sign-in gives (years at sign-in, 18 meaning adult: no age above 18 is ever known): TOO_YOUNG under it, AGE_UNVERIFIABLE without a FranceConnect signer session.',
    nullable: true,
    minimum: 1,
    maximum: 18,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(18, {
    message:
      'minimumAge must be 18 or less: a FranceConnect sign-in tells an age only up to "adult" (18)',
  })
  minimumAge?: number | null;

  @ApiPropertyOptional({ description: 'Only invited members of the space (and its staff)' })
  @IsOptional()
  @IsBoolean()
  membersOnly?: boolean;
}
