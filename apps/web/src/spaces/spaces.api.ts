/** The shapes of the spaces API that the pages read, declared once in @palabre/contracts. */
import { pickText, type SpaceText } from '@palabre/contracts';

export { SPACE_KINDS } from '@palabre/contracts';
export type {
  SpaceText as Text,
  SpaceKind,
  SpacePhaseRefView as PhaseRef,
  SpaceSummaryView as SpaceSummary,
  SpacePageView as SpacePage,
  SpacePhaseView as PhaseView,
  SpaceComponentSummaryView as ComponentSummary,
  SpaceLandingView as SpaceLanding,
  SpaceCardView as SpaceCard,
  SpaceSettingValue as SettingValue,
  SpaceSettingDefView as SettingDef,
  SpaceActionDefView as ActionDef,
  SpaceComponentTypeView as ComponentType,
  SpacePermissionView as Permission,
  SpaceComponentDetailView as ComponentDetail,
  SpaceMemberView as Member,
} from '@palabre/contracts';

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const isSlug = (v: unknown): v is string =>
  typeof v === 'string' && v.length >= 3 && v.length <= 80 && SLUG.test(v);

/** The text in this language, else in the first other one that has it (pickText, ADR 0033), else ''. */
export const textIn = (text: SpaceText | null | undefined, locale: string): string =>
  pickText(text, locale).text;

/**
 * The language a text is shown in, when it is not the page's: the `lang`
 * attribute screen readers need to pronounce it (WCAG 3.1.2).
 */
export function langOf(text: SpaceText | null | undefined, locale: string): string | null {
  const { lang } = pickText(text, locale);
  return lang === locale ? null : lang;
}

/** API paths under /api/spaces that are not a space (a slug may not take them either). */
const RESERVED = new Set(['settings', 'component-types', 'internal']);

/** A space's address on this site: its slug, never an API path. */
export const spaceSlug = (v: string): string | null => (isSlug(v) && !RESERVED.has(v) ? v : null);
