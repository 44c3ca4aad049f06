/**
 * A text an administrator writes, per language the site offers: at least one
 * where the text is required, the others possibly missing. Pages show the
 * page's language, else another one marked with its `lang` (ADR 0033).
 */
export type LocalizedText = { fr?: string; en?: string };

/** The languages a LocalizedText may hold, in the order a fallback takes them. */
export const TEXT_LANGUAGES = ['fr', 'en'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

const filled = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * The text in `lang`, else in the first other language that has it, else ''
 * (with the language it is in, or null when nothing was written).
 */
export function pickText(
  text: LocalizedText | null | undefined,
  lang: string,
): { text: string; lang: string | null } {
  const own = text?.[lang as keyof LocalizedText];
  if (filled(own)) return { text: own, lang };
  for (const other of TEXT_LANGUAGES) {
    const v = text?.[other];
    if (filled(v)) return { text: v, lang: other };
  }
  return { text: '', lang: null };
}
