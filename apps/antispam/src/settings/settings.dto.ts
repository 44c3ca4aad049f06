import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNumber,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';

/** A host name: labels of letters, digits and hyphens, a dot between, 253 characters at most. */
export const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export class SpamSettingsDto {
  @ApiProperty({ description: 'Above it, reported to moderators', example: 0.7 })
  @IsNumber()
  @Min(0.01)
  @Max(0.999)
  flagThreshold!: number;

  @ApiProperty({ description: 'Above it, blocked (where autoBlock is on)', example: 0.99 })
  @IsNumber()
  @Min(0.02)
  @Max(0.9999)
  blockThreshold!: number;

  @ApiProperty({ description: 'Block accounts above blockThreshold (off by default)' })
  @IsBoolean()
  autoBlock!: boolean;

  @ApiProperty({
    required: false,
    type: [String],
    description:
      'Domains the organization refuses (at most 200): a contribution linking to one of them or to a subdomain is reported, with at least the block threshold’s score',
    example: ['casino-bonus.example'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(DOMAIN, {
    each: true,
    message: 'each refused domain is a host name, e.g. casino.example',
  })
  refusedDomains?: string[];
}

export class SpamSettingsView extends SpamSettingsDto {
  @ApiProperty({ description: 'The model in use' })
  model!: string;
}
