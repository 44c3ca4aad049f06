import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { TEXT_LANGUAGES, type LocalizedText } from '@palabre/contracts';
import { badInput } from './validation';

/**
 * A request field holding a text per language the site offers (fr, en), each
 * at most `max` characters (docs/adr/0033): `class TitleDto extends textDto(200, …) {}`.
 */
export function textDto(max: number, example: { fr: string; en: string }) {
  class TextDto {
    @ApiPropertyOptional({ example: example.fr })
    @IsOptional()
    @IsString()
    @MaxLength(max)
    fr?: string;

    @ApiPropertyOptional({ example: example.en })
    @IsOptional()
    @IsString()
    @MaxLength(max)
    en?: string;
  }
  return TextDto;
}

/** Each language's text trimmed; the languages left empty dropped. */
export function localized(text: LocalizedText | null | undefined): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of TEXT_LANGUAGES) {
    const v = text?.[lang]?.trim();
    if (v) out[lang] = v;
  }
  return out;
}

/** A required text in one language at least: 400 naming the field (rule isNotEmpty) otherwise. */
export function requiredText(field: string, text: LocalizedText | null | undefined): LocalizedText {
  const out = localized(text);
  if (Object.keys(out).length) return out;
  throw badInput(
    [{ field, message: 'give it in French (fr) or English (en)', rule: 'isNotEmpty' }],
    'INVALID',
  );
}
