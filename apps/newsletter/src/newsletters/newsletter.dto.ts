import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { AUDIENCE_KINDS, type AudienceKind } from '@palabre/contracts';

export class AudienceDto {
  @ApiProperty({ enum: AUDIENCE_KINDS })
  @IsIn(AUDIENCE_KINDS)
  kind!: AudienceKind;

  @ApiPropertyOptional({
    type: [String],
    description: 'participants, members: 1 to 50 spaces; all: none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  spaceIds?: string[];
}

export class NewsletterDto {
  @ApiProperty({
    description:
      'Per language (fr, en): { subject, preheader?, blocks }. The default language of the organization is required; blocks are { kind: "text", text } | { kind: "image", url (https), alt, width? } | { kind: "button", label, url (https) }.',
    example: {
      fr: {
        subject: 'La lettre de décembre',
        preheader: 'Budget participatif : les résultats',
        blocks: [
          { kind: 'text', text: 'Bonjour,\n\nLes résultats du budget participatif sont publiés.' },
          { kind: 'button', label: 'Voir les résultats', url: 'https://example.org/budgets' },
        ],
      },
    },
  })
  @IsObject()
  contents!: Record<string, unknown>;

  @ApiProperty({ type: AudienceDto })
  @ValidateNested()
  @Type(() => AudienceDto)
  audience!: AudienceDto;
}

export class SendDto {
  @ApiPropertyOptional({
    description: 'When to send (ISO 8601, in the future, within a year); absent: now',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}
