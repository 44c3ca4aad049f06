/**
 * Branding rules shared by validation and storage: a primary colour must
 * carry white text (buttons, the announcement) and be readable as link text
 * on white, i.e. a contrast of at least 4.5:1 with white (WCAG 2.1 AA, 1.4.3).
 */
export const MIN_CONTRAST_WITH_WHITE = 4.5;
export const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
export const WELCOME_TEXT_MAX = 2000;
export const ANNOUNCEMENT_MAX = 300;
/** Plain text: any character but control characters other than line breaks and tabs. */
// eslint-disable-next-line no-control-regex
export const PLAIN_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** "#ABC" or "#aabbcc" → "#aabbcc". */
export function normalizeHexColor(value: string): string {
  const hex = value.trim().toLowerCase().slice(1);
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

/** WCAG 2.1 contrast ratio between a #rrggbb colour and white (1 to 21). */
export function contrastWithWhite(color: string): number {
  const hex = normalizeHexColor(color).slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

/** Text by language, trimmed, without carriage returns; empty languages left out. */
export function cleanLocalizedText(
  value: Partial<Record<string, string | null>>,
): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const [locale, text] of Object.entries(value)) {
    const clean = (text ?? '').replace(/\r\n?/g, '\n').trim();
    if (clean) out[locale] = clean;
  }
  return out;
}
