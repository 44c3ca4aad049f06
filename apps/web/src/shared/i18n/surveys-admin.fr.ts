/** French messages of the administrators' surveys pages (merged by messages.fr.ts). */
export const surveysAdminFr = {
  'surveysAdmin.manageLink': 'Gérer les enquêtes',
  'surveysAdmin.section.title': 'Enquêtes',
  'surveysAdmin.section.description':
    'Créer les enquêtes des espaces, les publier, voir leurs réponses et publier leurs résultats.',
  'surveysAdmin.index.title': 'Enquêtes des espaces',
  'surveysAdmin.index.intro':
    'Chaque composant « Enquêtes » d’un espace que vous administrez, avec ses enquêtes.',
  'surveysAdmin.index.none':
    'Aucun de vos espaces n’a de composant « Enquêtes ». Ajoutez-en un depuis la page de l’espace.',
  'surveysAdmin.breadcrumb': 'Fil d’Ariane',
  'surveysAdmin.component': 'Enquêtes',
  'surveysAdmin.component.title': 'Enquêtes : {name}',
  'surveysAdmin.publicList': 'Voir les enquêtes sur le site',
  'surveysAdmin.settings': 'Réglages du composant (réponses sans compte…)',
  'surveysAdmin.list.title': 'Les enquêtes',
  'surveysAdmin.list.none': 'Aucune enquête pour l’instant : créez la première ci-dessous.',
  'surveysAdmin.table.survey': 'Enquête',
  'surveysAdmin.table.state': 'État',
  'surveysAdmin.table.dates': 'Dates',
  'surveysAdmin.table.answers': 'Réponses',
  'surveysAdmin.table.results': 'Résultats',
  'surveysAdmin.state.draft': 'Brouillon',
  'surveysAdmin.state.published': 'Publiée',
  'surveysAdmin.status.upcoming': 'À venir',
  'surveysAdmin.status.open': 'Ouverte',
  'surveysAdmin.status.closed': 'Terminée',
  'surveysAdmin.resultsPublished': 'Résultats publiés',
  'surveysAdmin.results.published': 'Publiés',
  'surveysAdmin.results.notPublished': 'Non publiés',
  'surveysAdmin.dates.both': 'Du {start} au {end}',
  'surveysAdmin.dates.startOnly': 'À partir du {start}, sans date de fin',
  'surveysAdmin.dates.endOnly': 'Dès sa publication et jusqu’au {end}',
  'surveysAdmin.dates.none': 'Dès sa publication, sans date de fin',
  'surveysAdmin.answers_one': '{count} réponse',
  'surveysAdmin.answers_other': '{count} réponses',
  'surveysAdmin.anonymous.yes':
    'On peut répondre sans compte (réglage du composant) : une réponse par navigateur.',
  'surveysAdmin.anonymous.no': 'Il faut un compte pour répondre : une réponse par compte.',

  'surveysAdmin.new': 'Nouvelle enquête',
  'surveysAdmin.new.intro':
    'L’enquête est enregistrée comme brouillon : vous y ajoutez ensuite ses questions, puis vous la publiez.',
  'surveysAdmin.new.button': 'Créer le brouillon',
  'surveysAdmin.form.title': 'Titre',
  'surveysAdmin.form.description': 'Présentation',
  'surveysAdmin.form.descriptionHint':
    'Pourquoi cette enquête, ce que deviendront les réponses, le temps qu’il faut pour répondre. Facultatif.',
  'surveysAdmin.form.dates': 'Dates',
  'surveysAdmin.form.datesHint':
    'Heure locale ({zone}), par exemple 01/03/2027 08:00. Facultatives : sans date, l’enquête est ouverte dès sa publication et jusqu’à ce que vous la fermiez.',
  'surveysAdmin.form.startsAt': 'Ouverture',
  'surveysAdmin.form.startsAtHint': 'Laissez vide pour ouvrir dès la publication.',
  'surveysAdmin.form.endsAt': 'Clôture',
  'surveysAdmin.form.endsAtHint': 'Laissez vide pour ne pas fixer de fin.',

  'surveysAdmin.done.created': 'Le brouillon est enregistré. Ajoutez-lui ses questions.',
  'surveysAdmin.done.saved': 'Les modifications sont enregistrées.',
  'surveysAdmin.done.published': 'L’enquête est publiée.',
  'surveysAdmin.done.unpublished': 'L’enquête est repassée en brouillon.',
  'surveysAdmin.done.resultsPublished': 'Les résultats sont publiés.',
  'surveysAdmin.done.resultsWithdrawn': 'Les résultats ne sont plus publiés.',
  'surveysAdmin.done.deleted': 'Le brouillon est supprimé.',
  'surveysAdmin.done.questionAdded': 'La question est ajoutée.',
  'surveysAdmin.done.questionSaved': 'La question est enregistrée.',
  'surveysAdmin.done.questionMoved': 'La question est déplacée.',
  'surveysAdmin.done.questionDeleted': 'La question est supprimée.',

  'surveysAdmin.editDetails': 'Modifier le titre, la présentation et les dates',
  'surveysAdmin.preview': 'Aperçu de la page publique',
  'surveysAdmin.publicPage': 'Voir la page publique',
  'surveysAdmin.resultsPage': 'Voir les résultats',
  'surveysAdmin.answersPage': 'Voir les réponses, par jeton',
  'surveysAdmin.export.csv': 'Télécharger les réponses (CSV, pour un tableur)',
  'surveysAdmin.export.json': 'Télécharger les réponses (JSON)',
  'surveysAdmin.back': 'Revenir à l’enquête',

  'surveysAdmin.questions.title': 'Questions',
  'surveysAdmin.questions.none': 'Aucune question pour l’instant.',
  'surveysAdmin.questions.locked_one':
    '{count} personne a répondu : les questions ne peuvent plus changer, sa réponse perdrait son sens. Le titre, la présentation et les dates peuvent encore changer.',
  'surveysAdmin.questions.locked_other':
    '{count} personnes ont répondu : les questions ne peuvent plus changer, leurs réponses perdraient leur sens. Le titre, la présentation et les dates peuvent encore changer.',
  'surveysAdmin.questions.lockedNotice':
    'Quelqu’un a répondu entre-temps : les questions ne peuvent plus changer. Rien n’a été enregistré.',
  'surveysAdmin.question.number': '{n}.',
  'surveysAdmin.question.id': 'Identifiant : {id}',
  'surveysAdmin.question.required': 'Obligatoire',
  'surveysAdmin.question.optional': 'Facultative',
  'surveysAdmin.question.noAnswer': 'Sans réponse',
  'surveysAdmin.question.optionsAre': 'Choix :',
  'surveysAdmin.question.columnsAre': 'Colonnes :',
  'surveysAdmin.question.rowsAre': 'Lignes :',
  'surveysAdmin.question.scaleIs': 'Mentions, de la meilleure à la pire :',
  'surveysAdmin.question.maxIs': '{max} choix au plus.',
  'surveysAdmin.question.other': 'Autre',
  'surveysAdmin.question.edit': 'Modifier',
  'surveysAdmin.question.up': 'Monter',
  'surveysAdmin.question.down': 'Descendre',
  'surveysAdmin.question.delete': 'Supprimer',
  'surveysAdmin.question.deleteAsk': 'Supprimer la question « {title} » ?',
  'surveysAdmin.question.deleteWhat': 'La question sera retirée de l’enquête « {survey} ».',
  'surveysAdmin.question.deleteFinal': 'ses textes et ses choix seront perdus.',
  'surveysAdmin.question.deleteButton': 'Supprimer la question',
  'surveysAdmin.condition.text': 'Posée seulement si la réponse à « {question} » est {choices}.',
  'surveysAdmin.condition.or': ' ou ',
  'surveysAdmin.add.title': 'Ajouter une question',
  'surveysAdmin.add.type': 'Type de question',
  'surveysAdmin.add.button': 'Écrire la question',

  'surveysAdmin.type.short': 'Réponse courte',
  'surveysAdmin.type.long': 'Réponse longue',
  'surveysAdmin.type.single': 'Choix unique',
  'surveysAdmin.type.multiple': 'Choix multiples',
  'surveysAdmin.type.ranking': 'Classement',
  'surveysAdmin.type.matrix_single': 'Grille à choix unique',
  'surveysAdmin.type.matrix_multiple': 'Grille à choix multiples',
  'surveysAdmin.type.grades': 'Jugement majoritaire',
  'surveysAdmin.type.section': 'Section',
  'surveysAdmin.typeHint.short': 'Une ligne de texte libre (500 caractères au plus).',
  'surveysAdmin.typeHint.long': 'Un texte libre de plusieurs paragraphes.',
  'surveysAdmin.typeHint.single': 'Une réponse parmi une liste, avec « Autre » si vous voulez.',
  'surveysAdmin.typeHint.multiple':
    'Plusieurs réponses parmi une liste, avec un maximum et « Autre » si vous voulez.',
  'surveysAdmin.typeHint.ranking': 'Classer toutes les propositions, de la préférée à la dernière.',
  'surveysAdmin.typeHint.matrix_single':
    'Un tableau : pour chaque ligne, une réponse parmi les colonnes.',
  'surveysAdmin.typeHint.matrix_multiple':
    'Un tableau : pour chaque ligne, une ou plusieurs réponses parmi les colonnes.',
  'surveysAdmin.typeHint.grades':
    'Donner une mention (Excellent… À rejeter) à chaque proposition ; la meilleure mention médiane l’emporte.',
  'surveysAdmin.typeHint.section':
    'Un titre et un texte pour découper l’enquête : rien à répondre.',

  'surveysAdmin.questionForm.newTitle': 'Nouvelle question : {type}',
  'surveysAdmin.questionForm.editTitle': 'Modifier la question : {type}',
  'surveysAdmin.questionForm.title': 'Question',
  'surveysAdmin.questionForm.sectionTitle': 'Titre de la section',
  'surveysAdmin.questionForm.description': 'Précisions',
  'surveysAdmin.questionForm.descriptionHint':
    'Affichées sous la question : un contexte, un exemple. Facultatives.',
  'surveysAdmin.questionForm.mandatory': 'Réponse obligatoire',
  'surveysAdmin.questionForm.mandatoryHint':
    'Sans réponse à cette question, le formulaire n’est pas accepté.',
  'surveysAdmin.questionForm.mandatoryRows': 'Chaque ligne du tableau doit recevoir une réponse.',
  'surveysAdmin.questionForm.mandatoryGrades': 'Chaque proposition doit recevoir une mention.',
  'surveysAdmin.questionForm.options': 'Choix proposés',
  'surveysAdmin.questionForm.columns': 'Colonnes (les réponses possibles pour chaque ligne)',
  'surveysAdmin.questionForm.graded': 'Propositions à juger',
  'surveysAdmin.questionForm.linesHint':
    'Un par ligne, {max} caractères au plus chacun. En anglais, autant de lignes dans le même ordre, ou rien.',
  'surveysAdmin.questionForm.rows': 'Lignes du tableau',
  'surveysAdmin.questionForm.rowsHint':
    'Une par ligne. En anglais, autant de lignes dans le même ordre, ou rien.',
  'surveysAdmin.questionForm.scale': 'Mentions',
  'surveysAdmin.questionForm.scaleHint':
    'De la meilleure à la pire, une par ligne, de 2 à {max}. En anglais, autant de lignes dans le même ordre.',
  'surveysAdmin.questionForm.other': 'Proposer « Autre », avec un texte à préciser',
  'surveysAdmin.questionForm.otherHint':
    'Les personnes qui ne trouvent pas leur réponse dans la liste l’écrivent.',
  'surveysAdmin.questionForm.maxChoices': 'Nombre de choix au plus',
  'surveysAdmin.questionForm.maxChoicesHint':
    'Un nombre entier ; laissez vide pour ne pas limiter.',
  'surveysAdmin.questionForm.maxChoicesRowHint':
    'Par ligne ; un nombre entier, ou vide pour ne pas limiter.',
  'surveysAdmin.questionForm.add': 'Ajouter la question',
  'surveysAdmin.questionForm.save': 'Enregistrer la question',
  'surveysAdmin.lines.fr': 'En français, un par ligne',
  'surveysAdmin.lines.en': 'En anglais, un par ligne',
  'surveysAdmin.condition.legend': 'Condition (facultative)',
  'surveysAdmin.condition.hint':
    'Pour ne poser cette question qu’à certaines personnes, cochez les réponses d’une question précédente qui la font apparaître. Sans case cochée, elle est posée à tout le monde.',
  'surveysAdmin.condition.noSource':
    'Aucune question à choix unique ou multiples ne vient avant celle-ci : elle est posée à tout le monde.',
  'surveysAdmin.condition.source': 'Si la réponse à « {question} » est :',

  'surveysAdmin.publication.title': 'Publication',
  'surveysAdmin.publish.intro':
    'Une fois publiée, l’enquête apparaît sur le site et reçoit des réponses entre ses dates. Tant que personne n’a répondu, elle peut repasser en brouillon.',
  'surveysAdmin.publish.needsQuestion':
    'Ajoutez d’abord une question à laquelle répondre : une enquête sans question ne peut pas être publiée.',
  'surveysAdmin.publish.refused':
    'L’enquête n’a pas pu être publiée dans son état actuel ; rechargez la page pour le voir.',
  'surveysAdmin.publish.button': 'Publier l’enquête',
  'surveysAdmin.unpublish.intro':
    'Personne n’a encore répondu : l’enquête peut repasser en brouillon et disparaître du site.',
  'surveysAdmin.unpublish.button': 'Repasser en brouillon',
  'surveysAdmin.unpublish.answered':
    'Une enquête qui a reçu des réponses reste publiée : pour l’arrêter, fixez sa date de clôture.',
  'surveysAdmin.results.title': 'Résultats',
  'surveysAdmin.results.intro':
    'Les résultats ne sont visibles que des administrateurs. Publiez-les pour que toute personne qui voit l’enquête les voie aussi.',
  'surveysAdmin.results.publishedIntro':
    'Les résultats sont publiés : toute personne qui voit l’enquête les voit.',
  'surveysAdmin.results.publish': 'Publier les résultats',
  'surveysAdmin.results.unpublish': 'Retirer les résultats',
  'surveysAdmin.results.draft': 'Publiez l’enquête avant ses résultats.',
  'surveysAdmin.delete.title': 'Supprimer le brouillon',
  'surveysAdmin.delete.intro': 'Un brouillon auquel personne n’a répondu peut être supprimé.',
  'surveysAdmin.delete.button': 'Supprimer le brouillon',
  'surveysAdmin.delete.ask': 'Supprimer le brouillon « {title} » ?',
  'surveysAdmin.delete.askWhat': 'L’enquête et toutes ses questions seront supprimées.',
  'surveysAdmin.delete.askFinal': 'un brouillon supprimé ne peut pas être retrouvé.',
  'surveysAdmin.delete.notDraft':
    'Seul un brouillon auquel personne n’a répondu peut être supprimé : rien n’a été supprimé.',

  'surveysAdmin.details.title': 'Modifier « {title} »',
  'surveysAdmin.details.published':
    'Cette enquête est publiée : les changements se voient aussitôt sur le site.',
  'surveysAdmin.details.save': 'Enregistrer',

  'surveysAdmin.answers.title': 'Réponses : {title}',
  'surveysAdmin.answers.intro':
    'Chaque réponse est gardée avec un jeton propre à cette enquête, jamais avec l’identité de la personne : un même jeton, c’est une même personne ou un même navigateur.',
  'surveysAdmin.answers.none': 'Aucune réponse pour l’instant.',
  'surveysAdmin.answers.caption': 'Réponses par jeton',
  'surveysAdmin.answers.token': 'Jeton',
  'surveysAdmin.answers.date': 'Date',
  'surveysAdmin.answers.language': 'Langue',
  'surveysAdmin.answers.answers': 'Réponses',
  'surveysAdmin.answers.pages': 'Pages des réponses',
  'surveysAdmin.answers.first': 'Revenir aux premières réponses',
  'surveysAdmin.answers.next': 'Réponses suivantes',
  'surveysAdmin.answer.count_one': '{count} question répondue',
  'surveysAdmin.answer.count_other': '{count} questions répondues',
  'surveysAdmin.answer.see': 'Voir la réponse',
  'surveysAdmin.answer.other': 'Autre : {text}',
  'surveysAdmin.answer.fr': 'Français',
  'surveysAdmin.answer.en': 'Anglais',

  'surveysAdmin.error.notAllowed':
    'Seuls les administrateurs de l’organisation et ceux de cet espace gèrent ses enquêtes.',
  'surveysAdmin.error.title': 'Donnez un titre à l’enquête, en français ou en anglais.',
  'surveysAdmin.error.questionTitle': 'Écrivez la question, en français ou en anglais.',
  'surveysAdmin.error.tooLong': 'Écrivez {max} caractères au plus.',
  'surveysAdmin.error.date':
    'Saisissez une date et une heure valides, par exemple 01/03/2027 08:00.',
  'surveysAdmin.error.endBeforeStart': 'La clôture doit venir après l’ouverture.',
  'surveysAdmin.error.type': 'Choisissez un type de question.',
  'surveysAdmin.error.sameCount':
    'Écrivez autant de lignes en anglais qu’en français ({fr}), ou aucune : il y en a {en}.',
  'surveysAdmin.error.lineTooLong': 'Ligne {line} : {max} caractères au plus.',
  'surveysAdmin.error.repeated': 'La ligne {line} répète une ligne précédente.',
  'surveysAdmin.error.fewOptions': 'Écrivez au moins {min} choix, un par ligne.',
  'surveysAdmin.error.manyOptions': '{max} choix au plus.',
  'surveysAdmin.error.fewRows': 'Écrivez au moins une ligne du tableau.',
  'surveysAdmin.error.manyRows': '{max} lignes au plus.',
  'surveysAdmin.error.fewGrades': 'Écrivez au moins {min} mentions, une par ligne.',
  'surveysAdmin.error.manyGrades': '{max} mentions au plus.',
  'surveysAdmin.error.maxChoices': 'Un nombre entier de 1 à {max}, ou rien.',
  'surveysAdmin.error.oneSource': 'Cochez des réponses d’une seule question.',
  'surveysAdmin.error.choiceUsed':
    'La question « {question} » est posée selon le choix « {choice} » : changez sa condition avant de retirer ce choix.',
  'surveysAdmin.error.move': 'Cette question ne peut pas aller plus loin.',
  'surveysAdmin.error.moveCondition':
    'La question « {question} » est posée selon la réponse à « {source} » : elle doit rester après elle.',
  'surveysAdmin.error.deleteCondition':
    'La question « {question} » est posée selon la réponse à celle-ci : changez d’abord sa condition.',
} as const;
