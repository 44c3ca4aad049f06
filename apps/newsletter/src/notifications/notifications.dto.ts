import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsUUID } from 'class-validator';

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], description: 'These notifications (at most 100)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Every notification of mine' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class PreferencesDto {
  @ApiPropertyOptional({
    description:
      'Cadence per kind: instant, daily, weekly or never. Kinds left out keep their cadence.',
    example: { 'proposal.commented': 'weekly', 'petition.milestone': 'never' },
  })
  @IsObject()
  preferences!: Record<string, string>;
}
