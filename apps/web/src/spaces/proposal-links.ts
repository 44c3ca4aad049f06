/**
 * Proposals that another component's page links to (a budget's projects, a
 * meeting's minutes): their titles and addresses, read from the proposals
 * API as the visitor may see them. Shared by the component domains of a
 * space, which may import their parent.
 */
import { isUuid } from '../shared/layout/http';
import type { PageContext } from '../shared/layout/page-context';

/** A linked proposal, as the pages show it (its title when the proposals API answered). */
export interface ProposalLink {
  id: string;
  title: string | null;
  href: string | null;
}

const MAX_LINKED = 30;

/**
 * Titles and addresses of linked proposals (a proposal the visitor may not
 * see stays unnamed). A proposal of another space than `space` is addressed
 * by its space's id, which the proposals pages take as they take a slug.
 */
export async function proposalLinks(
  ctx: PageContext,
  space: { id: string; slug: string },
  ids: string[],
): Promise<Map<string, ProposalLink>> {
  const unique = [...new Set(ids.filter(isUuid))].slice(0, MAX_LINKED);
  const answers = await Promise.all(
    unique.map((id) =>
      ctx.api
        .get<{
          id: string;
          title: string;
          componentId: string;
          spaceId: string;
        }>(`/api/proposals/proposals/${id}`)
        .catch(() => null),
    ),
  );
  const out = new Map<string, ProposalLink>();
  unique.forEach((id, i) => {
    const r = answers[i];
    out.set(
      id,
      r?.status === 200 && r.body?.title
        ? {
            id,
            title: r.body.title,
            href: `/spaces/${r.body.spaceId === space.id ? space.slug : r.body.spaceId}/proposals/${r.body.componentId}/${id}`,
          }
        : { id, title: null, href: null },
    );
  });
  return out;
}
