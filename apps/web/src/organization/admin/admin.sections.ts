import type { MessageKey } from '../../shared/i18n/i18n';
import type { Me } from '../../shared/layout/page-context';
import { isOrgAdmin, isStaffMember } from '../../shared/layout/roles';

/** One entry of the back-office home: a link, what it is for, who may use it. */
export interface AdminSection {
  href: string;
  title: MessageKey;
  description: MessageKey;
  /** Links inside the section, shown under its description. */
  links?: { href: string; label: MessageKey }[];
  allowed: (me: Me | null) => boolean;
}

/**
 * The sections of /admin, in the order shown. A new back-office feature adds
 * its entry here (its messages in admin.fr.ts / admin.en.ts).
 */
export const ADMIN_SECTIONS: AdminSection[] = [
  {
    href: '/admin/petitions',
    title: 'admin.section.review.title',
    description: 'admin.section.review.description',
    links: [
      { href: '/admin/petitions?state=submitted', label: 'admin.section.review.queue' },
      { href: '/admin/petitions?state=published', label: 'admin.section.review.published' },
    ],
    allowed: isOrgAdmin,
  },
  {
    href: '/admin/petitions/types',
    title: 'admin.section.types.title',
    description: 'admin.section.types.description',
    links: [{ href: '/admin/petitions/types/new', label: 'admin.section.types.new' }],
    allowed: isOrgAdmin,
  },
  // The organization's own pages (organization-admin/, messages in organization.fr.ts).
  {
    href: '/admin/organization',
    title: 'org.section.settings.title',
    description: 'org.section.settings.description',
    allowed: isOrgAdmin,
  },
  {
    href: '/admin/organization/branding',
    title: 'org.section.branding.title',
    description: 'org.section.branding.description',
    allowed: isOrgAdmin,
  },
  {
    href: '/admin/organization/users',
    title: 'org.section.users.title',
    description: 'org.section.users.description',
    allowed: isOrgAdmin,
  },
  // The anti-spam's reports and settings (antispam/admin/, messages in antispam-admin.fr.ts).
  {
    href: '/admin/spam',
    title: 'spamAdmin.section.title',
    description: 'spamAdmin.section.description',
    allowed: isOrgAdmin,
  },
  // Participatory spaces (admin-spaces/, messages in spaces.fr.ts).
  {
    href: '/admin/spaces',
    title: 'spacesAdmin.section.title',
    description: 'spacesAdmin.section.description',
    links: [
      { href: '/admin/spaces/new?kind=process', label: 'spacesAdmin.section.newProcess' },
      { href: '/admin/spaces/new?kind=assembly', label: 'spacesAdmin.section.newAssembly' },
    ],
    allowed: isOrgAdmin,
  },
  // Proposals of the spaces (admin-proposals/, messages in proposals.fr.ts).
  {
    href: '/admin/proposals',
    title: 'proposalsAdmin.section.title',
    description: 'proposalsAdmin.section.description',
    // Moderators, evaluators and space admins work on proposals too (the page lists their spaces).
    allowed: isStaffMember,
  },
  // Participatory budgets (admin-budgets/, messages in budgets.fr.ts).
  {
    href: '/admin/budgets',
    title: 'budgetsAdmin.section.title',
    description: 'budgetsAdmin.section.description',
    allowed: isOrgAdmin,
  },
  // Meetings of the spaces (meetings/admin/, messages in meetings-admin.fr.ts).
  {
    href: '/admin/meetings',
    title: 'meetingsAdmin.section.title',
    description: 'meetingsAdmin.section.description',
    allowed: isOrgAdmin,
  },
  // Surveys of the spaces (surveys/admin/, messages in surveys-admin.fr.ts).
  {
    href: '/admin/surveys',
    title: 'surveysAdmin.section.title',
    description: 'surveysAdmin.section.description',
    allowed: isOrgAdmin,
  },
  // Draws by lot of the spaces (sortitions/admin/, messages in sortitions-admin.fr.ts).
  {
    href: '/admin/sortitions',
    title: 'sortitionsAdmin.section.title',
    description: 'sortitionsAdmin.section.description',
    allowed: isOrgAdmin,
  },
  // The organization's newsletter (newsletters/admin/, messages in newsletters-admin.fr.ts).
  {
    href: '/admin/newsletters',
    title: 'newsletterAdmin.section.title',
    description: 'newsletterAdmin.section.description',
    links: [
      { href: '/admin/newsletters/new', label: 'newsletterAdmin.section.new' },
      { href: '/admin/newsletters/settings', label: 'newsletterAdmin.section.settings' },
    ],
    allowed: isOrgAdmin,
  },
];
