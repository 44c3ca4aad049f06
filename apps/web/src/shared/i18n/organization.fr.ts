/** French messages of the organization back-office pages (merged into the site catalogue by messages.fr.ts). */
export const organizationFr = {
  'org.announcement': 'Annonce',
  'org.section.settings.title': 'Réglages de l’organisation',
  'org.section.settings.description':
    'Nom, langues, ouverture des comptes, moyens de connexion acceptés, fuseau horaire et carte.',
  'org.section.branding.title': 'Identité visuelle et annonce',
  'org.section.branding.description':
    'Logo, couleur principale, texte d’accueil et annonce affichée sur toutes les pages.',
  'org.section.users.title': 'Utilisateurs et rôles',
  'org.section.users.description':
    'Qui administre ou modère la plateforme ; donner ou retirer un rôle.',
  'org.admin.back': 'Administration',
  'org.admin.nav': 'Pages de l’organisation',
  'org.save': 'Enregistrer',
  'org.saved': 'Modifications enregistrées.',
  'org.settings.title': 'Réglages de l’organisation',
  'org.settings.name': 'Nom de l’organisation',
  'org.settings.nameHint':
    'Affiché en haut de chaque page et dans les courriels, 2 à 200 caractères.',
  'org.settings.locales': 'Langues proposées',
  'org.settings.defaultLocale': 'Langue par défaut',
  'org.settings.defaultLocaleHint':
    'Pour les visiteurs dont le navigateur ne demande aucune des langues proposées ; elle doit être proposée.',
  'org.settings.registrationMode': 'Création des comptes',
  'org.settings.mode.open': 'Ouverte',
  'org.settings.mode.open.hint':
    'Chacun peut créer un compte avec une adresse électronique et un mot de passe.',
  'org.settings.mode.invitation': 'Sur invitation',
  'org.settings.mode.invitation.hint': 'Les comptes sont ouverts par l’organisation.',
  'org.settings.mode.franceconnect': 'FranceConnect seulement',
  'org.settings.mode.franceconnect.hint':
    'Les comptes sont créés à la première connexion avec FranceConnect.',
  'org.settings.providers': 'Moyens de connexion acceptés',
  'org.settings.provider.local': 'Adresse électronique et mot de passe',
  'org.settings.provider.franceconnect': 'FranceConnect',
  'org.settings.place': 'Fuseau horaire et carte',
  'org.settings.timeZone': 'Fuseau horaire',
  'org.settings.timeZoneHint':
    'Les heures des agendas en ligne et des courriels (réunions, rappels) sont données dans ce fuseau.',
  'org.settings.mapTileUrl': 'Serveur de tuiles de carte (facultatif)',
  'org.settings.mapTileUrlHint':
    'L’adresse https:// des images de la carte, où {z} est le niveau de zoom, {x} et {y} la position d’une tuile, par exemple https://tile.openstreetmap.org/{z}/{x}/{y}.png. Vérifiez les conditions d’utilisation du serveur. Laissez vide pour afficher les adresses avec un lien vers une carte.',
  'org.settings.mapAttribution': 'Mention de la carte',
  'org.settings.mapAttributionHint':
    'Affichée sur chaque carte, comme le demande le serveur de tuiles, par exemple « © les contributeurs d’OpenStreetMap ». Obligatoire avec un serveur de tuiles ; une ligne, {max} caractères au plus.',
  'org.zone.Europe/Paris': 'France métropolitaine',
  'org.zone.America/Guadeloupe': 'Guadeloupe, Saint-Martin, Saint-Barthélemy',
  'org.zone.America/Martinique': 'Martinique',
  'org.zone.America/Cayenne': 'Guyane',
  'org.zone.Indian/Reunion': 'La Réunion',
  'org.zone.Indian/Mayotte': 'Mayotte',
  'org.zone.America/Miquelon': 'Saint-Pierre-et-Miquelon',
  'org.zone.Pacific/Noumea': 'Nouvelle-Calédonie',
  'org.zone.Pacific/Tahiti': 'Polynésie française (Tahiti)',
  'org.zone.Pacific/Wallis': 'Wallis-et-Futuna',
  'org.zone.Europe/Brussels': 'Belgique',
  'org.zone.Europe/Luxembourg': 'Luxembourg',
  'org.zone.Europe/Zurich': 'Suisse',
  'org.zone.Europe/Monaco': 'Monaco',
  'org.zone.America/Toronto': 'Québec, Ontario',
  'org.zone.UTC': 'Temps universel coordonné',
  'org.settings.delay':
    'Le nom, les langues, l’identité visuelle et l’annonce peuvent mettre jusqu’à 30 secondes à apparaître partout ; le fuseau horaire et la carte, jusqu’à une minute.',
  'org.branding.title': 'Identité visuelle et annonce',
  'org.branding.identity': 'Logo et couleur',
  'org.branding.logo': 'Adresse du logo (facultatif)',
  'org.branding.logoHint':
    'Une adresse https:// d’une image (PNG, JPEG, SVG, WebP). Le nom « {org} » lui sert de texte alternatif. Laissez vide pour afficher le nom.',
  'org.branding.color': 'Couleur principale (facultatif)',
  'org.branding.colorHint':
    'Code hexadécimal, par exemple #1d4ed8. Assez foncée pour un texte blanc (contraste de 4,5:1 au moins). Laissez vide pour la couleur par défaut.',
  'org.branding.welcome': 'Texte d’accueil (page d’accueil)',
  'org.branding.welcomeHint':
    'Texte simple, {max} caractères au plus par langue ; une ligne vide sépare les paragraphes.',
  'org.branding.announcement': 'Annonce (en haut de chaque page)',
  'org.branding.announcementHint':
    'Texte simple, {max} caractères au plus par langue. Laissez vide pour ne rien afficher.',
  'org.branding.inLanguage': 'En {language}',
  'org.users.title': 'Utilisateurs et rôles',
  'org.users.intro':
    'Les comptes de {org} qui ont un rôle. Tout compte peut participer ; un rôle donne accès à l’administration ou à la modération.',
  'org.users.table': 'Rôles attribués',
  'org.users.role': 'Rôle',
  'org.users.since': 'Depuis le',
  'org.users.action': 'Action',
  'org.users.none': 'Aucun rôle attribué.',
  'org.users.noName': 'Sans nom',
  'org.users.you': 'vous',
  'org.users.space': 'un espace',
  'org.users.revoke': 'Retirer',
  'org.users.grant': 'Donner un rôle',
  'org.users.grantHelp':
    'La personne doit déjà avoir un compte confirmé auprès de {org}. Le rôle s’applique en quelques secondes.',
  'org.users.emailHint': 'L’adresse électronique de son compte.',
  'org.users.grantSubmit': 'Donner le rôle',
  'org.users.granted': 'Le rôle est attribué.',
  'org.users.revoked': 'Le rôle est retiré.',
  'org.users.noAccount': 'Aucun compte de {org} n’a cette adresse.',
  'org.users.exists': 'Ce compte a déjà ce rôle.',
  'org.users.blocked': 'Ce compte est bloqué : débloquez-le avant de lui donner un rôle.',
  'org.users.gone': 'Ce rôle n’existe plus : la liste est à jour.',
  'org.users.revokeConfirm.title': 'Retirer le rôle « {role} » à {name} ?',
  'org.users.revokeConfirm.what':
    '{who} n’aura plus le rôle « {role} » dans {org}. Son compte et ses contributions restent.',
  'org.users.revokeConfirm.whatSpace':
    '{who} n’aura plus le rôle « {role} » dans l’espace « {space} ». Son compte et ses contributions restent.',
  'org.users.revokeConfirm.final':
    'la personne perd cet accès dès sa page suivante, en quelques secondes. Pour le lui rendre, il faudra lui donner le rôle à nouveau, avec « Donner un rôle » sur la page des utilisateurs.',
  'org.users.revokeConfirm.finalSelf':
    'vous perdez vous-même cet accès dès votre page suivante, en quelques secondes, et seule une autre personne qui administre {org} pourra vous le rendre.',
  'org.users.revokeConfirm.button': 'Retirer le rôle',
  'org.users.lastAdmin':
    'Impossible de retirer ce rôle : c’est le dernier compte qui administre {org}. Donnez d’abord le rôle d’administrateur à un autre compte.',
  'org.role.org-admin': 'Administration',
  'org.role.org-admin.hint': 'Tous les réglages, les utilisateurs et la modération.',
  'org.role.moderator': 'Modération',
  'org.role.moderator.hint': 'Modère les contributions de toute l’organisation.',
  'org.role.space-admin': 'Administration d’un espace',
  'org.role.space-admin.hint':
    'Administre un espace : ses phases, ses composants et ses propositions.',
  'org.role.evaluator': 'Évaluation',
  'org.role.evaluator.hint': 'Répond aux propositions d’un espace qui lui sont confiées.',
  'org.users.spaceField': 'Espace',
  'org.users.spaceHint':
    'L’administration d’un espace et l’évaluation valent pour un espace ; la modération pour un espace ou pour tous.',
  'org.users.wholeOrg': 'Toute l’organisation',
  'org.error.spaceNeeded': 'Choisissez l’espace auquel ce rôle s’applique.',
  'org.error.spaceNotAllowed':
    'L’administration vaut pour toute l’organisation : ne choisissez pas d’espace.',
  'org.role.platform-operator': 'Exploitation de la plateforme',
  'org.error.name': 'Saisissez un nom de 2 à 200 caractères.',
  'org.error.locales': 'Cochez au moins une langue.',
  'org.error.defaultLocaleMissing': 'Choisissez la langue par défaut.',
  'org.error.defaultLocale': 'La langue par défaut doit être cochée parmi les langues proposées.',
  'org.error.registrationMode': 'Choisissez comment les comptes sont créés.',
  'org.error.providers': 'Cochez au moins un moyen de connexion.',
  'org.error.fcNeeded':
    'Avec « FranceConnect seulement », FranceConnect doit être un moyen de connexion accepté.',
  'org.error.logo':
    'Saisissez une adresse https:// complète, par exemple https://www.ville.fr/logo.png, ou laissez vide.',
  'org.error.colorFormat': 'Saisissez un code hexadécimal comme #1d4ed8, ou laissez vide.',
  'org.error.contrast':
    'Cette couleur est trop claire : un texte blanc dessus a un contraste de {ratio}:1, il faut au moins 4,5:1. Choisissez une couleur plus foncée.',
  'org.error.tooLong': 'Le texte dépasse {max} caractères.',
  'org.error.role': 'Choisissez un rôle.',
  'org.error.timeZone': 'Choisissez le fuseau horaire de l’organisation.',
  'org.error.mapTileUrl':
    'Saisissez une adresse https:// contenant {z}, {x} et {y} (voir l’exemple sous le champ), ou laissez vide.',
  'org.error.mapAttribution':
    'Saisissez la mention demandée par le serveur de tuiles, comme « © les contributeurs d’OpenStreetMap ».',
  'org.error.forbidden': 'Votre compte n’a plus le droit de faire ce changement.',
} satisfies Record<string, string>;
