/** French messages of the organizers' meetings pages (merged by messages.fr.ts). */
export const meetingsAdminFr = {
  'meetingsAdmin.section.title': 'Réunions',
  'meetingsAdmin.section.description':
    'Préparer, publier et animer les réunions des espaces : inscriptions, codes à l’entrée, présences et comptes rendus.',
  'meetingsAdmin.manageLink': 'Gérer les réunions',
  'meetingsAdmin.index.title': 'Réunions des espaces',
  'meetingsAdmin.index.intro':
    'Chaque composant « Réunions » d’un espace que vous administrez, avec ses réunions.',
  'meetingsAdmin.index.none':
    'Aucun de vos espaces n’a de composant « Réunions ». Ajoutez-en un depuis la page de l’espace.',
  'meetingsAdmin.breadcrumb': 'Fil d’Ariane',
  'meetingsAdmin.component': 'Réunions',
  'meetingsAdmin.component.title': 'Réunions : {name}',
  'meetingsAdmin.new': 'Nouvelle réunion',
  'meetingsAdmin.publicList': 'Voir les réunions sur le site',
  'meetingsAdmin.settings': 'Réglages du composant (inscription sans compte, lien en ligne…)',
  'meetingsAdmin.drafts': 'Brouillons',
  'meetingsAdmin.drafts.none': 'Aucun brouillon.',
  'meetingsAdmin.upcoming': 'À venir',
  'meetingsAdmin.upcoming.none': 'Aucune réunion à venir.',
  'meetingsAdmin.past': 'Passées',
  'meetingsAdmin.past.none': 'Aucune réunion passée.',
  'meetingsAdmin.table.meeting': 'Réunion',
  'meetingsAdmin.table.state': 'État',
  'meetingsAdmin.table.when': 'Date',
  'meetingsAdmin.table.seats': 'Places',
  'meetingsAdmin.table.waiting': 'En attente',
  'meetingsAdmin.table.actions': 'Actions',
  'meetingsAdmin.state.draft': 'Brouillon',
  'meetingsAdmin.state.published': 'Publiée',
  'meetingsAdmin.state.cancelled': 'Annulée',
  'meetingsAdmin.state.withdrawn': 'Retirée',
  'meetingsAdmin.state.closed': 'Compte rendu publié',
  'meetingsAdmin.private': 'Privée',
  'meetingsAdmin.type.in_person': 'Sur place',
  'meetingsAdmin.type.online': 'En ligne',
  'meetingsAdmin.type.hybrid': 'Hybride (sur place et en ligne)',
  'meetingsAdmin.service.childcare': 'Garde d’enfants',
  'meetingsAdmin.service.sign_language': 'Interprétation en langue des signes',
  'meetingsAdmin.service.accessible_venue': 'Lieu accessible en fauteuil roulant',
  'meetingsAdmin.service.interpretation': 'Interprétation dans d’autres langues',
  'meetingsAdmin.service.hearing_loop': 'Boucle à induction magnétique',
  'meetingsAdmin.seats.none': 'Sans inscription',
  'meetingsAdmin.seats.of': '{taken} / {capacity} places prises',
  'meetingsAdmin.seats.unlimited': '{taken} inscrit(s), sans limite de places',
  'meetingsAdmin.seats.waiting_one': '{count} personne en liste d’attente',
  'meetingsAdmin.seats.waiting_other': '{count} personnes en liste d’attente',
  'meetingsAdmin.manage': 'Gérer',
  'meetingsAdmin.edit': 'Modifier',
  'meetingsAdmin.registrations': 'Inscriptions',
  'meetingsAdmin.editTitle': 'Modifier « {title} »',
  'meetingsAdmin.yes': 'Oui',
  'meetingsAdmin.no': 'Non',

  'meetingsAdmin.form.draftFirst':
    'La réunion est enregistrée comme brouillon : seuls ses organisateurs la voient tant que vous ne la publiez pas.',
  'meetingsAdmin.form.registrantsTold':
    'Cette réunion est publiée : les inscrits seront prévenus des changements (date, lieu, lien, programme, services, inscriptions).',
  'meetingsAdmin.form.about': 'La réunion',
  'meetingsAdmin.form.title': 'Titre',
  'meetingsAdmin.form.description': 'Description',
  'meetingsAdmin.form.descriptionHint':
    'Ce qui se dira, pour qui, ce qu’il faut préparer. Facultatif.',
  'meetingsAdmin.form.type': 'Forme de la réunion',
  'meetingsAdmin.form.when': 'Date et heure',
  'meetingsAdmin.form.startsAt': 'Début',
  'meetingsAdmin.form.endsAt': 'Fin',
  'meetingsAdmin.form.timeHint':
    'Heure locale du fuseau choisi ci-dessous, par exemple 15/01/2027 18:30.',
  'meetingsAdmin.form.timeZone': 'Fuseau horaire',
  'meetingsAdmin.form.timeZoneHint':
    'Celui du lieu de la réunion ; les participants voient l’heure dans ce fuseau.',
  'meetingsAdmin.form.place': 'Lieu',
  'meetingsAdmin.form.address': 'Adresse',
  'meetingsAdmin.form.addressHint':
    'Obligatoire sur place et en hybride, par exemple 12 rue de la République, 69002 Lyon.',
  'meetingsAdmin.form.locationHints': 'Indications pour trouver la salle',
  'meetingsAdmin.form.locationHintsHint': 'Étage, salle, entrée… Facultatif.',
  'meetingsAdmin.form.coordinates': 'Position sur une carte',
  'meetingsAdmin.form.coordinatesHint':
    'Facultatif : la latitude et la longitude en degrés décimaux (par exemple 45,764 et 4,8357), toutes les deux ou aucune.',
  'meetingsAdmin.form.latitude': 'Latitude',
  'meetingsAdmin.form.longitude': 'Longitude',
  'meetingsAdmin.form.online': 'En ligne',
  'meetingsAdmin.form.onlineUrl': 'Lien de la visioconférence',
  'meetingsAdmin.form.onlineUrlHint':
    'Pour une réunion en ligne ou hybride ; une adresse commençant par https://.',
  'meetingsAdmin.form.onlineVisibility': 'Qui voit le lien',
  'meetingsAdmin.form.onlineVisibility.registered': 'Les personnes inscrites seulement',
  'meetingsAdmin.form.onlineVisibility.all': 'Tout le monde',
  'meetingsAdmin.form.shownBefore': 'Lien montré … minutes avant le début',
  'meetingsAdmin.form.shownBeforeHint':
    'De 0 à 10 080 (une semaine). Vide : le réglage du composant.',
  'meetingsAdmin.form.agenda': 'Programme',
  'meetingsAdmin.form.agendaHint':
    'Un point par ligne, dans l’ordre, avec sa durée en minutes. Les lignes laissées vides sont ignorées ; enregistrez pour en obtenir d’autres.',
  'meetingsAdmin.agenda.row': 'Point {n} du programme',
  'meetingsAdmin.agenda.title.fr': 'Intitulé en français',
  'meetingsAdmin.agenda.title.en': 'Intitulé en anglais',
  'meetingsAdmin.agenda.description.fr': 'Précisions en français (facultatif)',
  'meetingsAdmin.agenda.description.en': 'Précisions en anglais (facultatif)',
  'meetingsAdmin.agenda.more': 'Lignes supplémentaires ({count})',
  'meetingsAdmin.agenda.duration': 'Durée en minutes',
  'meetingsAdmin.form.servicesAndAccess': 'Services et accès',
  'meetingsAdmin.form.services': 'Services proposés aux participants',
  'meetingsAdmin.form.access': 'Accès',
  'meetingsAdmin.form.private': 'Réunion privée',
  'meetingsAdmin.form.privateHint':
    'Sur invitation : seuls les organisateurs inscrivent les participants.',
  'meetingsAdmin.form.transparent': 'Transparente',
  'meetingsAdmin.form.transparentHint':
    'Une réunion privée reste alors affichée à tous, même si seuls les invités y participent.',
  'meetingsAdmin.form.registrations': 'Inscriptions',
  'meetingsAdmin.form.registrationsEnabled': 'Ouvrir les inscriptions',
  'meetingsAdmin.form.capacity': 'Nombre de places',
  'meetingsAdmin.form.capacityHint': 'Vide : sans limite.',
  'meetingsAdmin.form.reservedSeats': 'Places réservées',
  'meetingsAdmin.form.reservedSeatsHint':
    'Gardées de côté par les organisateurs (élus, intervenants…), non proposées sur le site.',
  'meetingsAdmin.form.waitingList': 'Liste d’attente quand la réunion est complète',
  'meetingsAdmin.form.waitingListHint':
    'Une place libérée revient à la première personne en attente, qui en est prévenue.',
  'meetingsAdmin.form.terms': 'Conditions d’inscription',
  'meetingsAdmin.form.termsHint':
    'Facultatif : les personnes doivent les accepter pour s’inscrire (par exemple, figurer sur la liste d’émargement).',
  'meetingsAdmin.form.photos': 'Photos',
  'meetingsAdmin.photo.row': 'Photo {n}',
  'meetingsAdmin.photo.url': 'Adresse de l’image',
  'meetingsAdmin.photo.hint':
    'Une adresse commençant par https:// et ce que montre la photo, pour les personnes qui ne la voient pas. Les lignes vides sont ignorées.',
  'meetingsAdmin.photo.alt.fr': 'Ce qu’elle montre, en français',
  'meetingsAdmin.photo.alt.en': 'Ce qu’elle montre, en anglais',
  'meetingsAdmin.form.create': 'Enregistrer le brouillon',
  'meetingsAdmin.form.save': 'Enregistrer les modifications',

  'meetingsAdmin.manage.when': 'Quand : {when}',
  'meetingsAdmin.publicPage': 'Voir la page publique',
  'meetingsAdmin.preview': 'Voir la page telle qu’elle sera publiée',
  'meetingsAdmin.cancelled': 'Réunion annulée le {date}.',
  'meetingsAdmin.withdrawn': 'Réunion retirée le {date}.',
  'meetingsAdmin.publish.title': 'Publier',
  'meetingsAdmin.publish.intro':
    'La réunion apparaîtra sur le site et, si elles sont ouvertes, les inscriptions commenceront.',
  'meetingsAdmin.publish.button': 'Publier la réunion',
  'meetingsAdmin.publish.ask': 'Publier la réunion « {title} » ?',
  'meetingsAdmin.publish.askWhat':
    'Elle sera visible sur le site, dans l’agenda et les calendriers, et les inscriptions s’ouvriront si vous les avez activées.',
  'meetingsAdmin.publish.askFinal':
    'une réunion publiée ne redevient pas un brouillon et ne peut plus être supprimée ; vous pourrez encore la modifier, l’annuler ou la retirer.',
  'meetingsAdmin.delete.title': 'Supprimer le brouillon',
  'meetingsAdmin.delete.intro': 'Le brouillon et tout ce qu’il contient sont effacés.',
  'meetingsAdmin.delete.button': 'Supprimer le brouillon',
  'meetingsAdmin.delete.ask': 'Supprimer le brouillon « {title} » ?',
  'meetingsAdmin.delete.askWhat': 'Le brouillon et tout ce qu’il contient seront effacés.',
  'meetingsAdmin.delete.askFinal': 'un brouillon supprimé ne peut pas être retrouvé.',
  'meetingsAdmin.cancel.title': 'Annuler la réunion',
  'meetingsAdmin.cancel.intro':
    'La réunion n’aura pas lieu : elle reste affichée comme annulée, ses inscriptions prennent fin et chaque inscrit reçoit un message avec votre explication.',
  'meetingsAdmin.cancel.reason': 'Pourquoi la réunion est annulée',
  'meetingsAdmin.cancel.reasonHint':
    'Envoyé aux inscrits et affiché sur la page de la réunion ; dans une langue au moins.',
  'meetingsAdmin.cancel.button': 'Annuler la réunion',
  'meetingsAdmin.cancel.ask': 'Annuler la réunion « {title} » ?',
  'meetingsAdmin.cancel.askWhat':
    'Elle restera affichée comme annulée avec votre explication, et ses inscriptions prendront fin.',
  'meetingsAdmin.cancel.askFinal':
    'une réunion annulée ne peut plus être modifiée ni rouverte, et les inscriptions ne sont pas rétablies.',
  'meetingsAdmin.withdraw.title': 'Retirer la réunion',
  'meetingsAdmin.withdraw.intro':
    'Pour une réunion publiée par erreur : elle est retirée du site, ses inscriptions prennent fin et les inscrits en sont prévenus.',
  'meetingsAdmin.withdraw.reason': 'Pourquoi la réunion est retirée (facultatif)',
  'meetingsAdmin.withdraw.reasonHint': 'Envoyé aux inscrits.',
  'meetingsAdmin.withdraw.button': 'Retirer la réunion',
  'meetingsAdmin.withdraw.ask': 'Retirer la réunion « {title} » ?',
  'meetingsAdmin.withdraw.askWhat': 'Elle sera retirée et ses inscriptions prendront fin.',
  'meetingsAdmin.withdraw.askFinal':
    'une réunion retirée ne peut plus être modifiée ni republiée, et les inscriptions ne sont pas rétablies.',
  'meetingsAdmin.confirm.registrants_one': '{count} personne inscrite en sera prévenue.',
  'meetingsAdmin.confirm.registrants_other': '{count} personnes inscrites en seront prévenues.',
  'meetingsAdmin.minutes.title': 'Clore la réunion avec son compte rendu',
  'meetingsAdmin.minutes.editTitle': 'Compte rendu',
  'meetingsAdmin.minutes.notYet':
    'Vous pourrez publier le compte rendu une fois la réunion commencée ({when}).',
  'meetingsAdmin.minutes.closedAt': 'Compte rendu publié le {date}.',
  'meetingsAdmin.minutes.counts': '{attendees} participant(s), {contributions} contribution(s).',
  'meetingsAdmin.minutes.proposalCount_one': '{count} proposition liée.',
  'meetingsAdmin.minutes.proposalCount_other': '{count} propositions liées.',
  'meetingsAdmin.minutes.text': 'Compte rendu',
  'meetingsAdmin.minutes.textHint':
    'Ce qui a été dit et décidé ; dans une langue au moins. Publié sur la page de la réunion.',
  'meetingsAdmin.minutes.attendees': 'Nombre de participants',
  'meetingsAdmin.minutes.attendeesHint': 'Proposé d’après les présences enregistrées.',
  'meetingsAdmin.minutes.contributions': 'Nombre de contributions',
  'meetingsAdmin.minutes.contributionsHint': 'Interventions, idées, avis recueillis.',
  'meetingsAdmin.minutes.organizations': 'Organisations présentes',
  'meetingsAdmin.minutes.organizationsHint':
    'Associations, conseils de quartier… telles que vous les nommez.',
  'meetingsAdmin.minutes.audio': 'Enregistrement audio',
  'meetingsAdmin.minutes.video': 'Enregistrement vidéo',
  'meetingsAdmin.minutes.mediaHint': 'Facultatif ; une adresse commençant par https://.',
  'meetingsAdmin.minutes.proposals': 'Propositions',
  'meetingsAdmin.minutes.proposalsHint':
    'Une par ligne : l’adresse de la page de la proposition, ou son identifiant.',
  'meetingsAdmin.minutes.born': 'Nées lors de la réunion',
  'meetingsAdmin.minutes.linked': 'Liées à la réunion',
  'meetingsAdmin.minutes.photosHint': 'Elles remplacent les photos de la réunion.',
  'meetingsAdmin.minutes.close': 'Publier le compte rendu et clore la réunion',
  'meetingsAdmin.minutes.save': 'Enregistrer le compte rendu',

  'meetingsAdmin.registrations.title': 'Inscriptions : {title}',
  'meetingsAdmin.registrations.counts': 'En chiffres',
  'meetingsAdmin.counts.seats':
    '{taken} place(s) prise(s) sur {capacity} ({reserved} réservée(s), {left} libre(s))',
  'meetingsAdmin.counts.seatsUnlimited': '{taken} place(s) prise(s), sans limite',
  'meetingsAdmin.counts.attended_one': '{count} personne présente',
  'meetingsAdmin.counts.attended_other': '{count} personnes présentes',
  'meetingsAdmin.registrations.list': 'Liste des inscrits',
  'meetingsAdmin.registrations.csv': 'Télécharger la liste (CSV)',
  'meetingsAdmin.registrations.none': 'Personne n’est inscrit pour le moment.',
  'meetingsAdmin.registrations.endedShown':
    'Les inscriptions annulées ou expirées sont listées en dernier, pour mémoire.',
  'meetingsAdmin.table.name': 'Nom',
  'meetingsAdmin.table.email': 'E-mail (sans compte)',
  'meetingsAdmin.table.account': 'Compte',
  'meetingsAdmin.table.status': 'Statut',
  'meetingsAdmin.table.code': 'Code',
  'meetingsAdmin.table.position': 'Rang d’attente',
  'meetingsAdmin.table.registeredAt': 'Inscrit le',
  'meetingsAdmin.table.attended': 'Présence',
  'meetingsAdmin.registration.confirmed': 'Inscrit',
  'meetingsAdmin.registration.waiting': 'En liste d’attente',
  'meetingsAdmin.registration.pending': 'Adresse à confirmer',
  'meetingsAdmin.registration.cancelled': 'Annulée',
  'meetingsAdmin.registration.expired': 'Expirée',
  'meetingsAdmin.attendance.presentAt': 'Présent·e ({when})',
  'meetingsAdmin.attendance.absent': 'Absent·e',
  'meetingsAdmin.attendance.markPresent': 'Marquer présent·e',
  'meetingsAdmin.attendance.markAbsent': 'Marquer absent·e',
  'meetingsAdmin.door.title': 'Vérifier un code à l’entrée',
  'meetingsAdmin.door.code': 'Code de la personne',
  'meetingsAdmin.door.codeHint': 'Les 8 lettres et chiffres de son message d’inscription.',
  'meetingsAdmin.door.check': 'Vérifier',
  'meetingsAdmin.door.welcome': 'Code valide : {name} est inscrit·e. Sa présence est enregistrée.',
  'meetingsAdmin.door.already':
    'Déjà présent·e : {name} a été enregistré·e à l’entrée le {when}. Ce code a peut-être été donné à quelqu’un d’autre.',
  'meetingsAdmin.door.unknown': 'Code inconnu : {code}',
  'meetingsAdmin.door.unknownHelp':
    'Vérifiez la saisie. Une personne en liste d’attente, dont l’adresse n’est pas confirmée ou dont l’inscription est annulée n’a pas de code valide.',
  'meetingsAdmin.door.someone': 'Cette personne',
  'meetingsAdmin.invite.title': 'Inscrire quelqu’un',
  'meetingsAdmin.invite.intro':
    'Pour une personne qui s’inscrit auprès de vous (par téléphone, au guichet) : elle reçoit son code par e-mail.',
  'meetingsAdmin.invite.introPrivate':
    'La réunion est privée : c’est ainsi que vous y invitez quelqu’un. La personne reçoit son code par e-mail.',
  'meetingsAdmin.invite.name': 'Nom',
  'meetingsAdmin.invite.email': 'Adresse e-mail',
  'meetingsAdmin.invite.button': 'Inscrire cette personne',

  'meetingsAdmin.done.created':
    'Le brouillon est enregistré. Publiez-le quand il est prêt : jusque-là, seuls les organisateurs le voient.',
  'meetingsAdmin.done.saved': 'Les modifications sont enregistrées.',
  'meetingsAdmin.done.published': 'La réunion est publiée.',
  'meetingsAdmin.done.deleted': 'Le brouillon est supprimé.',
  'meetingsAdmin.done.cancelled': 'La réunion est annulée ; les inscrits en sont prévenus.',
  'meetingsAdmin.done.withdrawn': 'La réunion est retirée ; les inscrits en sont prévenus.',
  'meetingsAdmin.done.closed': 'Le compte rendu est publié.',
  'meetingsAdmin.done.attendance': 'La présence est enregistrée.',
  'meetingsAdmin.done.invited': 'La personne est inscrite ; son code lui est envoyé par e-mail.',

  'meetingsAdmin.error.title': 'Donnez un titre à la réunion, en français ou en anglais.',
  'meetingsAdmin.error.tooLong': 'Saisissez au plus {max} caractères.',
  'meetingsAdmin.error.type': 'Choisissez la forme de la réunion.',
  'meetingsAdmin.error.startsAt': 'Indiquez la date et l’heure du début.',
  'meetingsAdmin.error.endsAt': 'Indiquez la date et l’heure de fin.',
  'meetingsAdmin.error.endBeforeStart': 'La fin doit venir après le début.',
  'meetingsAdmin.error.timeZone': 'Choisissez un fuseau horaire de la liste.',
  'meetingsAdmin.error.address':
    'Indiquez l’adresse : les participants viennent sur place (réunion sur place ou hybride).',
  'meetingsAdmin.error.coordinate': 'Saisissez un nombre entre {min} et {max}, par exemple 45,764.',
  'meetingsAdmin.error.coordinatePair': 'Indiquez la latitude et la longitude, ou aucune des deux.',
  'meetingsAdmin.error.https':
    'Saisissez une adresse commençant par https://, par exemple https://visio.exemple.fr/atelier.',
  'meetingsAdmin.error.choice': 'Choisissez parmi les possibilités proposées.',
  'meetingsAdmin.error.between': 'Saisissez un nombre entier entre {min} et {max}.',
  'meetingsAdmin.error.agendaTitle':
    'Donnez un intitulé à ce point du programme, ou videz la ligne.',
  'meetingsAdmin.error.duration': 'Indiquez la durée en minutes, de 1 à {max}.',
  'meetingsAdmin.error.reservedOverCapacity':
    'Les places réservées ne peuvent pas dépasser le nombre de places ({capacity}).',
  'meetingsAdmin.error.photoAlt': 'Décrivez ce que montre la photo, en français ou en anglais.',
  'meetingsAdmin.error.reason':
    'Expliquez pourquoi, en français ou en anglais : les inscrits recevront ce message.',
  'meetingsAdmin.error.minutes': 'Rédigez le compte rendu, en français ou en anglais.',
  'meetingsAdmin.error.proposalLine':
    'Ligne {line} : indiquez l’adresse de la page d’une proposition, ou son identifiant.',
  'meetingsAdmin.error.tooManyProposals': 'Liez au plus 500 propositions.',
  'meetingsAdmin.error.code': 'Saisissez le code, de 4 à 20 lettres et chiffres.',
  'meetingsAdmin.error.inviteName': 'Indiquez le nom de la personne.',
  'meetingsAdmin.error.email': 'Saisissez une adresse e-mail valide, par exemple nom@domaine.fr.',
  'meetingsAdmin.error.notAllowed':
    'Seuls les organisateurs de cette réunion (les administrateurs de son espace) peuvent faire cela ; rien n’a été enregistré.',
  'meetingsAdmin.error.calledOff':
    'Cette réunion a été annulée ou retirée : elle ne peut plus être modifiée ; rien n’a été enregistré.',
  'meetingsAdmin.error.notDraft':
    'Seul un brouillon peut être publié ou supprimé ; rien n’a été fait. Rechargez la page pour voir l’état de la réunion.',
  'meetingsAdmin.error.notPublished':
    'Seule une réunion publiée peut être close avec son compte rendu ; rien n’a été enregistré.',
  'meetingsAdmin.error.publishAddress':
    'Ajoutez l’adresse de la réunion (formulaire « Modifier ») avant de la publier : les participants viennent sur place.',
  'meetingsAdmin.error.noSeat':
    'Cette inscription n’a pas (ou plus) de place : sa présence ne peut pas être enregistrée.',
  'meetingsAdmin.wrongState.draft':
    'Cette réunion est encore un brouillon : publiez-la ou supprimez-la ; rien n’a été enregistré.',
  'meetingsAdmin.wrongState.published':
    'Cette réunion est publiée : elle ne peut plus être supprimée, mais vous pouvez l’annuler ou la retirer.',
  'meetingsAdmin.wrongState.cancelled': 'Cette réunion a été annulée : rien n’a été enregistré.',
  'meetingsAdmin.wrongState.withdrawn': 'Cette réunion a été retirée : rien n’a été enregistré.',
  'meetingsAdmin.wrongState.closed':
    'Cette réunion a eu lieu et son compte rendu est publié : elle ne peut plus être annulée ni retirée.',
  'meetingsAdmin.wrongState.NOT_STARTED':
    'La réunion n’a pas encore commencé : vous pourrez la clore avec son compte rendu une fois qu’elle aura eu lieu.',
  'meetingsAdmin.refusal.NOT_PUBLISHED':
    'La réunion n’est pas encore publiée : publiez-la avant d’y inscrire quelqu’un.',
  'meetingsAdmin.refusal.CANCELLED': 'La réunion n’aura pas lieu : personne ne peut s’y inscrire.',
  'meetingsAdmin.refusal.REGISTRATIONS_CLOSED':
    'Les inscriptions sont fermées : ouvrez-les dans le formulaire de la réunion pour inscrire quelqu’un.',
  'meetingsAdmin.refusal.STARTED': 'La réunion a commencé : les inscriptions sont closes.',
  'meetingsAdmin.refusal.FULL':
    'La réunion est complète et n’a pas de liste d’attente : ajoutez des places pour inscrire quelqu’un.',
};
