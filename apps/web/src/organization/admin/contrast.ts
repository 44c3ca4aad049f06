/**
 * WCAG 2.1 contrast of a #rgb/#rrggbb colour with white (1 to 21), so the
 * form can say at once why a colour is refused. Identity applies the same
 * rule (4.5:1, AA) and has the last word: apps share no code but libs.
 */
export function contrastWithWhite(color: string): number {
  let hex = color.trim().toLowerCase().replace(/^#/, '');
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}
