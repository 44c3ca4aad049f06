import type { organizationFr } from './organization.fr';

/** English messages of the organization back-office pages: every key of the French part, checked by the type. */
export const organizationEn: Record<keyof typeof organizationFr, string> = {
  'org.announcement': 'Announcement',
  'org.section.settings.title': 'Organization settings',
  'org.section.settings.description':
    'Name, languages, how accounts are opened, which sign-in methods are accepted, time zone and map.',
  'org.section.branding.title': 'Branding and announcement',
  'org.section.branding.description':
    'Logo, primary colour, welcome text and an announcement shown on every page.',
  'org.section.users.title': 'Users and roles',
  'org.section.users.description':
    'Who administers or moderates the platform; give or take back a role.',
  'org.admin.back': 'Administration',
  'org.admin.nav': 'Organization pages',
  'org.save': 'Save',
  'org.saved': 'Changes saved.',
  'org.settings.title': 'Organization settings',
  'org.settings.name': 'Name of the organization',
  'org.settings.nameHint': 'Shown at the top of every page and in emails, 2 to 200 characters.',
  'org.settings.locales': 'Languages offered',
  'org.settings.defaultLocale': 'Default language',
  'org.settings.defaultLocaleHint':
    'For visitors whose browser asks for none of the languages offered; it must be offered.',
  'org.settings.registrationMode': 'Account creation',
  'org.settings.mode.open': 'Open',
  'org.settings.mode.open.hint': 'Anyone can create an account with an email address and password.',
  'org.settings.mode.invitation': 'By invitation',
  'org.settings.mode.invitation.hint': 'Accounts are opened by the organization.',
  'org.settings.mode.franceconnect': 'FranceConnect only',
  'org.settings.mode.franceconnect.hint':
    'Accounts are created the first time someone signs in with FranceConnect.',
  'org.settings.providers': 'Sign-in methods accepted',
  'org.settings.provider.local': 'Email address and password',
  'org.settings.provider.franceconnect': 'FranceConnect',
  'org.settings.place': 'Time zone and map',
  'org.settings.timeZone': 'Time zone',
  'org.settings.timeZoneHint':
    'Times in calendar feeds and emails (meetings, reminders) are given in this zone.',
  'org.settings.mapTileUrl': 'Map tile server (optional)',
  'org.settings.mapTileUrlHint':
    'The https:// address of the map images, where {z} is the zoom level and {x} and {y} the position of a tile, for example https://tile.openstreetmap.org/{z}/{x}/{y}.png. Check the server’s terms of use. Leave empty to show addresses with a link to a map instead.',
  'org.settings.mapAttribution': 'Map credit',
  'org.settings.mapAttributionHint':
    'Shown on every map, as the tile server asks, for example “© OpenStreetMap contributors”. Required with a tile server; one line, at most {max} characters.',
  'org.zone.Europe/Paris': 'Metropolitan France',
  'org.zone.America/Guadeloupe': 'Guadeloupe, Saint-Martin, Saint-Barthélemy',
  'org.zone.America/Martinique': 'Martinique',
  'org.zone.America/Cayenne': 'French Guiana',
  'org.zone.Indian/Reunion': 'Réunion',
  'org.zone.Indian/Mayotte': 'Mayotte',
  'org.zone.America/Miquelon': 'Saint Pierre and Miquelon',
  'org.zone.Pacific/Noumea': 'New Caledonia',
  'org.zone.Pacific/Tahiti': 'French Polynesia (Tahiti)',
  'org.zone.Pacific/Wallis': 'Wallis and Futuna',
  'org.zone.Europe/Brussels': 'Belgium',
  'org.zone.Europe/Luxembourg': 'Luxembourg',
  'org.zone.Europe/Zurich': 'Switzerland',
  'org.zone.Europe/Monaco': 'Monaco',
  'org.zone.America/Toronto': 'Quebec, Ontario',
  'org.zone.UTC': 'Coordinated Universal Time',
  'org.settings.delay':
    'The name, languages, branding and announcement can take up to 30 seconds to show everywhere; the time zone and map, up to a minute.',
  'org.branding.title': 'Branding and announcement',
  'org.branding.identity': 'Logo and colour',
  'org.branding.logo': 'Logo address (optional)',
  'org.branding.logoHint':
    'An https:// address of an image (PNG, JPEG, SVG, WebP). The name “{org}” is its text alternative. Leave empty to show the name.',
  'org.branding.color': 'Primary colour (optional)',
  'org.branding.colorHint':
    'Hex code, for example #1d4ed8. Dark enough for white text (a contrast of at least 4.5:1). Leave empty for the default colour.',
  'org.branding.welcome': 'Welcome text (home page)',
  'org.branding.welcomeHint':
    'Plain text, at most {max} characters per language; a blank line separates paragraphs.',
  'org.branding.announcement': 'Announcement (at the top of every page)',
  'org.branding.announcementHint':
    'Plain text, at most {max} characters per language. Leave empty to show nothing.',
  'org.branding.inLanguage': 'In {language}',
  'org.users.title': 'Users and roles',
  'org.users.intro':
    'The accounts of {org} that hold a role. Every account may take part; a role opens administration or moderation.',
  'org.users.table': 'Roles granted',
  'org.users.role': 'Role',
  'org.users.since': 'Since',
  'org.users.action': 'Action',
  'org.users.none': 'No role granted.',
  'org.users.noName': 'No name',
  'org.users.you': 'you',
  'org.users.space': 'one space',
  'org.users.revoke': 'Take back',
  'org.users.grant': 'Give a role',
  'org.users.grantHelp':
    'The person must already have a confirmed account with {org}. The role applies within seconds.',
  'org.users.emailHint': 'The email address of their account.',
  'org.users.grantSubmit': 'Give the role',
  'org.users.granted': 'The role is granted.',
  'org.users.revoked': 'The role is taken back.',
  'org.users.noAccount': 'No account of {org} has this address.',
  'org.users.exists': 'This account already has this role.',
  'org.users.blocked': 'This account is blocked: unblock it before giving it a role.',
  'org.users.gone': 'This role no longer exists: the list is up to date.',
  'org.users.revokeConfirm.title': 'Take back the role “{role}” from {name}?',
  'org.users.revokeConfirm.what':
    '{who} will no longer hold the role “{role}” in {org}. Their account and what they have written stay.',
  'org.users.revokeConfirm.whatSpace':
    '{who} will no longer hold the role “{role}” in the space “{space}”. Their account and what they have written stay.',
  'org.users.revokeConfirm.final':
    'they lose this access on their next page, within seconds. The way back is to give them the role again, with “Give a role” on the users page.',
  'org.users.revokeConfirm.finalSelf':
    'you lose this access yourself on your next page, within seconds, and only another administrator of {org} can give it back to you.',
  'org.users.revokeConfirm.button': 'Take back the role',
  'org.users.lastAdmin':
    'This role cannot be taken back: it is the last account administering {org}. Give the administrator role to another account first.',
  'org.role.org-admin': 'Administration',
  'org.role.org-admin.hint': 'Every setting, the users and moderation.',
  'org.role.moderator': 'Moderation',
  'org.role.moderator.hint': 'Moderates contributions across the organization.',
  'org.role.space-admin': 'Space administration',
  'org.role.space-admin.hint': 'Administers one space: its phases, components and proposals.',
  'org.role.evaluator': 'Evaluation',
  'org.role.evaluator.hint': 'Answers the proposals of one space assigned to them.',
  'org.users.spaceField': 'Space',
  'org.users.spaceHint':
    'Space administration and evaluation apply to one space; moderation to one space or to all.',
  'org.users.wholeOrg': 'The whole organization',
  'org.error.spaceNeeded': 'Choose the space this role applies to.',
  'org.error.spaceNotAllowed': 'Administration applies to the whole organization: choose no space.',
  'org.role.platform-operator': 'Platform operation',
  'org.error.name': 'Enter a name of 2 to 200 characters.',
  'org.error.locales': 'Tick at least one language.',
  'org.error.defaultLocaleMissing': 'Choose the default language.',
  'org.error.defaultLocale': 'The default language must be ticked among the languages offered.',
  'org.error.registrationMode': 'Choose how accounts are created.',
  'org.error.providers': 'Tick at least one sign-in method.',
  'org.error.fcNeeded':
    'With “FranceConnect only”, FranceConnect must be an accepted sign-in method.',
  'org.error.logo':
    'Enter a full https:// address, for example https://www.city.gov/logo.png, or leave empty.',
  'org.error.colorFormat': 'Enter a hex code such as #1d4ed8, or leave empty.',
  'org.error.contrast':
    'This colour is too light: white text on it has a contrast of {ratio}:1, at least 4.5:1 is needed. Choose a darker colour.',
  'org.error.tooLong': 'The text is longer than {max} characters.',
  'org.error.role': 'Choose a role.',
  'org.error.timeZone': 'Choose the time zone of the organization.',
  'org.error.mapTileUrl':
    'Enter an https:// address containing {z}, {x} and {y} (see the example with the field), or leave empty.',
  'org.error.mapAttribution':
    'Enter the credit the tile server asks for, such as “© OpenStreetMap contributors”.',
  'org.error.forbidden': 'Your account may no longer make this change.',
};
