/** French messages of the admin pages (merged into the site catalogue by messages.fr.ts). */
export const adminFr = {
  'nav.myPetitions': 'Mes pétitions',
  'nav.admin': 'Administration',

  'lifecycle.state.draft': 'Brouillon',
  'lifecycle.state.submitted': 'En examen',
  'lifecycle.state.published': 'Ouverte à la signature',
  'lifecycle.state.rejected': 'Non recevable',
  'lifecycle.state.closed': 'Close',
  'lifecycle.state.answered': 'Avec réponse',
  'lifecycle.state.other': 'Autre état',
  'lifecycle.timeline.draft': 'Brouillon créé',
  'lifecycle.timeline.submitted': 'Soumise à l’examen de recevabilité',
  'lifecycle.timeline.published': 'Publiée, ouverte à la signature',
  'lifecycle.timeline.rejected': 'Jugée non recevable',
  'lifecycle.timeline.closed': 'Close',
  'lifecycle.timeline.answered': 'Réponse publiée',
  'lifecycle.timeline.milestone': 'Palier atteint',
  'lifecycle.timeline.offline': 'Signatures papier enregistrées : {count} ({source})',
  'lifecycle.timeline.other': 'Étape',
  'lifecycle.timeline.empty': 'Aucune étape pour l’instant.',
  'lifecycle.reason': 'Motif : {reason}',
  'lifecycle.tooShort': 'Saisissez au moins {min} caractères (vous en avez saisi {count}).',
  'lifecycle.tooLong': 'Saisissez au plus {max} caractères (vous en avez saisi {count}).',
  'lifecycle.crossSite':
    'Ce formulaire n’a pas été envoyé depuis ce site : rien n’a été enregistré. Rechargez la page et envoyez-le à nouveau.',

  'mine.title': 'Mes pétitions',
  'mine.new': 'Déposer une pétition',
  'mine.none': 'Vous n’avez encore déposé aucune pétition.',
  'mine.back': 'Mes pétitions',
  'mine.createdOn': 'Créée le {date}',
  'mine.edit': 'Modifier le brouillon',
  'mine.editTitle': 'Modifier le brouillon',
  'mine.submit': 'Soumettre à l’examen',
  'mine.submitHelp':
    'Une fois soumise, la pétition ne peut plus être modifiée. {org} vérifie qu’elle est recevable avant de la publier.',
  'mine.publicPage': 'Voir la page publique de la pétition',
  'mine.rejectionReason': 'Motif communiqué :',
  'mine.notDraft':
    'Cette pétition n’est plus un brouillon : elle ne peut plus être modifiée ni soumise.',
  'mine.signIn.text':
    'Pour déposer une pétition, identifiez-vous avec FranceConnect : votre nom et votre prénom seront affichés comme auteur ou autrice de la pétition.',
  'mine.signIn.account': 'Vous avez un compte Palabre ?',
  'mine.next.title': 'Où en est la pétition',
  'mine.next.draft':
    'Ce brouillon n’est visible que par vous. Relisez-le, puis soumettez-le : {org} vérifiera qu’il est recevable avant de le publier.',
  'mine.next.submitted':
    '{org} examine la recevabilité de votre pétition. Si elle est recevable, elle sera publiée et ouverte à la signature ; sinon, vous verrez ici le motif du refus.',
  'mine.next.submittedDays': 'La signature sera ouverte pendant {days} jours.',
  'mine.next.published':
    'Votre pétition est ouverte à la signature jusqu’au {date}. Faites-la connaître !',
  'mine.next.publishedNoDate': 'Votre pétition est ouverte à la signature. Faites-la connaître !',
  'mine.next.rejected':
    '{org} a jugé votre pétition non recevable : elle n’est pas publiée. Vous pouvez en déposer une nouvelle qui tienne compte du motif.',
  'mine.next.closed':
    'La signature est close. {org} publiera sa réponse sur la page de la pétition.',
  'mine.next.answered': '{org} a répondu à votre pétition.',
  'mine.done.created': 'Votre brouillon est enregistré.',
  'mine.done.saved': 'Vos modifications sont enregistrées.',
  'mine.done.submitted': 'Votre pétition est soumise. {org} va examiner sa recevabilité.',
  'mine.form.intro':
    'Tous les champs sont obligatoires. Le brouillon reste privé tant que vous ne l’avez pas soumis à {org}.',
  'mine.form.type': 'Type de pétition',
  'mine.form.typeDays': 'Signature ouverte {days} jours après publication.',
  'mine.form.typeFranceConnect': 'Auteur ou autrice identifié·e avec FranceConnect.',
  'mine.form.typeRequired': 'Choisissez un type de pétition.',
  'mine.form.typeUnknown':
    'Ce type de pétition n’accepte pas de nouvelles pétitions : choisissez-en un autre.',
  'mine.form.typeNeedsFranceConnect':
    'Ce type de pétition demande de vous identifier avec FranceConnect : utilisez le bouton ci-dessus, puis envoyez à nouveau le formulaire.',
  'mine.form.noTypes': 'Aucun type de pétition n’est ouvert au dépôt pour le moment.',
  'mine.form.title': 'Titre',
  'mine.form.titleHint': 'Une phrase qui dit ce que vous demandez, de {min} à {max} caractères.',
  'mine.form.body': 'Texte de la pétition',
  'mine.form.bodyHint':
    'Expliquez la situation et ce que vous demandez, de {min} à {max} caractères. Laissez une ligne vide entre deux paragraphes.',
  'mine.form.create': 'Enregistrer le brouillon',
  'mine.form.save': 'Enregistrer les modifications',

  'admin.home.title': 'Administration',
  'admin.home.intro': 'Les outils de gestion de {org}.',
  'admin.todo.title': 'À faire',
  'admin.todo.petitions_one': '{count} pétition à examiner',
  'admin.todo.petitions_other': '{count} pétitions à examiner',
  'admin.todo.petitions.what': 'Pétitions à examiner',
  'admin.todo.reports_one': '{count} contenu signalé à modérer',
  'admin.todo.reports_other': '{count} contenus signalés à modérer',
  'admin.todo.reports.what': 'Signalements à modérer',
  'admin.todo.answers_one': '{count} proposition en attente de réponse',
  'admin.todo.answers_other': '{count} propositions en attente de réponse',
  'admin.todo.answers.what': 'Propositions en attente de réponse',
  'admin.todo.proposals.what': 'Propositions et signalements',
  'admin.todo.nothing': '{what} : rien à faire.',
  'admin.todo.unavailable': '{what} : le nombre est indisponible pour le moment.',
  'admin.staff.former': 'un ancien membre de l’équipe',
  'admin.staff.member': 'un membre de l’équipe',
  'admin.section.review.title': 'Pétitions',
  'admin.section.review.description':
    'Examiner la recevabilité des pétitions soumises, enregistrer les signatures papier, publier la réponse de l’institution, clore une pétition.',
  'admin.section.review.queue': 'Pétitions à examiner',
  'admin.section.review.published': 'Pétitions ouvertes à la signature',
  'admin.section.types.title': 'Types de pétition',
  'admin.section.types.description':
    'Durée de signature, qui signe, qui dépose, retrait des signatures, paliers et règle territoriale.',
  'admin.section.types.new': 'Créer un type de pétition',
  'admin.forbidden.title': 'Accès réservé aux administrateurs',
  'admin.forbidden.text':
    'Cette page fait partie de l’administration de {org}. Vous êtes connecté·e avec le compte {name}, qui n’a pas le rôle d’administrateur ou d’administratrice.',
  'admin.forbidden.ask':
    'Si vous devriez y avoir accès, demandez ce rôle à une personne qui administre {org}.',
  'admin.forbidden.otherAccount': 'vous connecter avec un autre compte',
  'admin.forbidden.myPetitions': 'retrouver vos pétitions',
  'admin.form.integerBetween': 'Saisissez un nombre entier de {min} à {max}.',
  'admin.wrongState':
    'L’état de cette pétition a changé entre-temps : cette action n’est plus possible. La page montre son état actuel.',

  'admin.queue.title': 'Pétitions à examiner',
  'admin.queue.intro':
    'Les pétitions soumises par leurs auteurs et autrices. Lisez chacune, puis publiez-la ou déclarez-la non recevable en donnant un motif.',
  'admin.queue.empty': 'Aucune pétition n’attend d’examen.',
  'admin.queue.review': 'Examiner',
  'admin.petitions.title': 'Pétitions',
  'admin.petitions.intro': 'Choisissez un état pour voir les pétitions correspondantes.',
  'admin.petitions.count_one': '{count} pétition sur cette page',
  'admin.petitions.count_other': '{count} pétitions sur cette page',
  'admin.petitions.backTo': 'Pétitions : {state}',
  'admin.petition.created': 'Créée le {date}',
  'admin.petition.submitted': 'Soumise le {date}',
  'admin.petition.publicPage': 'Voir la page publique',
  'admin.review.title': 'Examen de recevabilité',
  'admin.review.intro':
    'Décidez si la pétition est recevable selon les règles de {org}. L’auteur ou l’autrice voit votre décision et, en cas de refus, son motif.',
  'admin.review.publishHelp_one':
    'La pétition sera publiée et ouverte à la signature pendant {count} jour.',
  'admin.review.publishHelp_other':
    'La pétition sera publiée et ouverte à la signature pendant {count} jours.',
  'admin.review.publishHelpNoDays':
    'La pétition sera publiée et ouverte à la signature pendant la durée prévue par son type.',
  'admin.review.publish': 'Publier la pétition',
  'admin.review.rejectLegend': 'Déclarer la pétition non recevable',
  'admin.review.reason': 'Motif du refus',
  'admin.review.reasonHint':
    'Obligatoire, de 5 à 2 000 caractères. L’auteur ou l’autrice le lira : expliquez quelle règle n’est pas respectée.',
  'admin.review.reject': 'Déclarer non recevable',
  'admin.rejected.title': 'Motif du refus',
  'admin.done.published': '« {title} » est publiée et ouverte à la signature.',
  'admin.done.rejected':
    '« {title} » est déclarée non recevable ; son auteur ou autrice voit le motif.',
  'admin.done.manage': 'Gérer cette pétition',
  'admin.done.offline': 'Les signatures papier sont enregistrées et ajoutées au total.',
  'admin.done.answer': 'La réponse est publiée sur la page de la pétition.',
  'admin.done.close': 'La pétition est close : elle ne peut plus être signée.',

  'admin.offline.title': 'Signatures papier',
  'admin.offline.current':
    'Signatures en ligne : {online}. Signatures papier : {offline}. Total : {total}.',
  'admin.offline.legend': 'Enregistrer un décompte',
  'admin.offline.count': 'Nombre de signatures',
  'admin.offline.countHint':
    'Un nombre entier. Pour corriger une saisie précédente, saisissez un nombre négatif, par exemple -20.',
  'admin.offline.countInvalid':
    'Saisissez un nombre entier différent de zéro, entre -{max} et {max}.',
  'admin.offline.source': 'Provenance',
  'admin.offline.sourceHint': 'Par exemple : Mairie du 5e, registre papier (2 à 200 caractères).',
  'admin.offline.note': 'Note (facultative)',
  'admin.offline.noteHint': 'Ce qui aidera à vérifier ce décompte plus tard.',
  'admin.offline.submit': 'Enregistrer le décompte',
  'admin.offline.audit': 'Historique des décomptes',
  'admin.offline.none': 'Aucun décompte papier enregistré.',
  'admin.offline.auditUnavailable': 'L’historique des décomptes est momentanément indisponible.',
  'admin.offline.col.when': 'Date',
  'admin.offline.col.count': 'Signatures',
  'admin.offline.col.source': 'Provenance',
  'admin.offline.col.note': 'Note',
  'admin.offline.col.by': 'Saisi par (compte)',
  'admin.offline.byYou': 'vous',

  'admin.confirm.publish.title': 'Publier la pétition « {title} » ?',
  'admin.confirm.publish.what':
    'Elle devient publique aussitôt et chacun peut la signer jusqu’à sa date de clôture ; son auteur voit qu’elle est publiée.',
  'admin.confirm.publish.final':
    'une pétition publiée ne peut pas revenir à l’examen : elle peut seulement être close plus tôt ou recevoir une réponse.',
  'admin.confirm.answer.title': 'Publier la réponse à « {title} » ?',
  'admin.confirm.answer.whatOpen':
    'La réponse paraît sur la page de la pétition et la signature se clôt maintenant, même avant la date de clôture.',
  'admin.confirm.answer.whatClosed': 'La réponse paraît aussitôt sur la page de la pétition.',
  'admin.confirm.answer.finalOpen':
    'la signature ne pourra pas être rouverte. Le texte de la réponse pourra encore être modifié ensuite.',
  'admin.confirm.answer.finalClosed':
    'la pétition reste répondue. Le texte de la réponse pourra encore être modifié ensuite.',
  'admin.answer.title': 'Réponse de l’institution',
  'admin.answer.amendTitle': 'Modifier la réponse de l’institution',
  'admin.answer.intro': 'La réponse est publiée sur la page de la pétition.',
  'admin.answer.closesIt':
    'Publier la réponse clôt la signature de la pétition, même avant sa date de fin.',
  'admin.answer.text': 'Texte de la réponse',
  'admin.answer.textHint':
    'De 5 à 20 000 caractères. Laissez une ligne vide entre deux paragraphes.',
  'admin.answer.date': 'Date de la réponse',
  'admin.answer.dateHint': 'Format : AAAA-MM-JJ ou JJ/MM/AAAA, par exemple 20/11/2026.',
  'admin.answer.dateInvalid': 'Saisissez une date réelle, par exemple 20/11/2026.',
  'admin.answer.url': 'Lien vers la réponse complète (facultatif)',
  'admin.answer.urlHint': 'Une adresse web commençant par https://',
  'admin.answer.urlInvalid':
    'Saisissez une adresse web complète, par exemple https://www.exemple.fr/reponse.',
  'admin.answer.submit': 'Publier la réponse',
  'admin.answer.amend': 'Enregistrer la réponse modifiée',

  'admin.close.title': 'Clore la pétition avant sa date de fin',
  'admin.close.intro':
    'La signature s’arrête immédiatement ; le motif est public. Cette action ne peut pas être annulée.',
  'admin.close.reason': 'Motif de la clôture',
  'admin.close.reasonHint':
    'Obligatoire, de 5 à 2 000 caractères, par exemple : retirée à la demande de son autrice.',
  'admin.close.submit': 'Clore la pétition',

  'admin.types.title': 'Types de pétition',
  'admin.types.intro':
    'Chaque pétition appartient à un type, qui fixe ses règles. Les pétitions déjà publiées gardent leur date de fin ; les paliers modifiés s’appliquent tout de suite.',
  'admin.types.new': 'Créer un type de pétition',
  'admin.types.none': 'Aucun type de pétition pour l’instant.',
  'admin.types.editTitle': 'Modifier le type « {name} »',
  'admin.types.active': 'Ouvert au dépôt',
  'admin.types.inactive': 'Fermé au dépôt',
  'admin.types.days_one': 'Signature pendant {count} jour',
  'admin.types.days_other': 'Signature pendant {count} jours',
  'admin.types.withdrawal.yes': 'Les signataires peuvent retirer leur signature',
  'admin.types.withdrawal.no': 'Une signature ne peut pas être retirée',
  'admin.types.milestoneSummary': 'Palier à {threshold} signatures : {label}',
  'admin.types.areaRuleSummary':
    'Règle territoriale : {signatures} signatures venant d’au moins {areas} territoires',
  'admin.types.areaBreakdown': 'Les signataires indiquent leur territoire',
  'admin.types.name': 'Nom',
  'admin.types.nameHint':
    'Dans chaque langue du site, une au moins. Par exemple : Pétition citoyenne (120 caractères au plus).',
  'admin.types.nameRequired': 'Donnez le nom dans une langue au moins.',
  'admin.types.description': 'Description (facultative)',
  'admin.types.descriptionHint':
    'Ce que les auteurs et signataires doivent savoir : délais, suites données (4 000 caractères au plus par langue).',
  'admin.types.signatureDays': 'Durée de la signature, en jours',
  'admin.types.signatureDaysHint': 'Compte à partir de la publication, de 1 à 3 660 jours.',
  'admin.types.signers': 'Qui peut signer',
  'admin.types.signers.franceconnect': 'Les personnes majeures identifiées avec FranceConnect',
  'admin.types.signers.franceconnectHint':
    'Chaque personne ne signe qu’une fois ; seule une clé pseudonyme est conservée.',
  'admin.types.signers.franceconnect-or-account':
    'Les personnes identifiées avec FranceConnect ou ayant un compte',
  'admin.types.signers.franceconnect-or-accountHint':
    'Plus ouvert, mais un compte ne prouve ni l’âge ni l’unicité de la personne.',
  'admin.types.authors': 'Qui peut déposer une pétition',
  'admin.types.authors.franceconnect': 'Les personnes identifiées avec FranceConnect',
  'admin.types.authors.franceconnectHint':
    'Le nom affiché de l’auteur ou de l’autrice est vérifié.',
  'admin.types.authors.account': 'Toute personne ayant un compte',
  'admin.types.authors.accountHint': 'Le nom affiché est celui que la personne a choisi.',
  'admin.types.options': 'Options',
  'admin.types.withdrawal': 'Les signataires peuvent retirer leur signature',
  'admin.types.withdrawalHint': 'Tant que la pétition est ouverte à la signature.',
  'admin.types.activeLabel': 'Ouvert au dépôt de nouvelles pétitions',
  'admin.types.activeHint':
    'Décochez pour ne plus proposer ce type ; les pétitions existantes ne changent pas.',
  'admin.types.milestones': 'Paliers',
  'admin.types.milestonesHint':
    'Nombres de signatures (en ligne et papier) qui déclenchent une suite, en ordre croissant. Laissez vides les lignes inutiles ; {max} paliers au plus. Enregistrez pour obtenir de nouvelles lignes.',
  'admin.types.milestone': 'Palier {n}',
  'admin.types.milestoneThreshold': 'Nombre de signatures',
  'admin.types.milestoneLabel': 'Ce qui se passe à ce palier',
  'admin.types.milestoneLabelHint':
    'Dans une langue au moins. Par exemple : Examen par le conseil municipal.',
  'admin.types.milestoneLabelRequired':
    'Décrivez ce qui se passe à ce palier, dans une langue au moins.',
  'admin.types.milestoneIncreasing':
    'Saisissez un nombre plus grand que celui du palier précédent ({previous}).',
  'admin.types.areas': 'Territoires',
  'admin.types.areaBreakdownLabel': 'Demander leur territoire aux signataires',
  'admin.types.areaBreakdownHint':
    'Par exemple leur département. La réponse est facultative et déclarative.',
  'admin.types.areaRuleHint':
    'Règle territoriale (facultative) : remplissez les deux champs, ou aucun. Elle demande que les signataires indiquent leur territoire.',
  'admin.types.areaRuleSignatures': 'Nombre total de signatures requis',
  'admin.types.areaRuleAreas': 'Nombre minimal de territoires différents',
  'admin.types.areaRuleNeedsBreakdown':
    'Une règle territoriale demande de cocher « Demander leur territoire aux signataires ».',
  'admin.types.chooseOne': 'Choisissez une des réponses proposées.',
  'admin.types.duplicate':
    'Un type de pétition porte déjà ce nom, en français ou en anglais : choisissez-en un autre.',
  'admin.types.create': 'Créer le type',
  'admin.types.save': 'Enregistrer les modifications',
  'admin.types.done.created': 'Le type de pétition est créé.',
  'admin.types.done.saved': 'Le type de pétition est modifié.',
} satisfies Record<string, string>;
