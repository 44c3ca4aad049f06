/** French messages of the administrators' sortitions pages (merged by messages.fr.ts). */
export const sortitionsAdminFr = {
  'sortitionsAdmin.manageLink': 'Gérer les tirages au sort',
  'sortitionsAdmin.section.title': 'Tirages au sort',
  'sortitionsAdmin.section.description':
    'Préparer des tirages au sort vérifiables parmi des propositions ou pour un panel citoyen, les tirer devant témoins ou les annuler.',
  'sortitionsAdmin.index.title': 'Tirages au sort des espaces',
  'sortitionsAdmin.index.intro':
    'Chaque composant « Tirages au sort » d’un espace que vous administrez, avec ses tirages.',
  'sortitionsAdmin.index.none':
    'Aucun de vos espaces n’a de composant « Tirages au sort ». Ajoutez-en un depuis la page de l’espace.',
  'sortitionsAdmin.breadcrumb': 'Fil d’Ariane',
  'sortitionsAdmin.component': 'Tirages au sort',
  'sortitionsAdmin.component.title': 'Tirages au sort : {name}',
  'sortitionsAdmin.publicList': 'Voir les tirages sur le site',
  'sortitionsAdmin.settings': 'Réglages du composant (conservation des viviers…)',
  'sortitionsAdmin.list.title': 'Les tirages',
  'sortitionsAdmin.list.none': 'Aucun tirage pour l’instant : préparez le premier ci-dessous.',
  'sortitionsAdmin.table.draw': 'Tirage',
  'sortitionsAdmin.table.state': 'Type et état',
  'sortitionsAdmin.table.when': 'Date',
  'sortitionsAdmin.table.count': 'Tirés',
  'sortitionsAdmin.table.actions': 'Actions',
  'sortitionsAdmin.action.draw': 'Tirer au sort',
  'sortitionsAdmin.action.cancel': 'Annuler',
  'sortitionsAdmin.action.public': 'Page publique',
  'sortitionsAdmin.back': 'Revenir aux tirages du composant',

  'sortitionsAdmin.form.title': 'Titre',
  'sortitionsAdmin.form.description': 'Présentation',
  'sortitionsAdmin.form.descriptionHint':
    'Facultatif. Dites d’où viendront les nombres publics (dés lancés en séance publique, tirage d’une loterie de telle date) : annoncés à l’avance, ils ne peuvent pas être choisis parmi plusieurs.',
  'sortitionsAdmin.form.revealAt': 'Date de révélation des nombres publics',
  'sortitionsAdmin.form.revealAtHint':
    'Heure locale ({zone}), par exemple 12/03/2027 18:00. Elle est annoncée avec l’engagement : les nombres publics ne doivent être connus qu’après sa publication.',

  'sortitionsAdmin.proposals.title': 'Préparer un tirage parmi des propositions',
  'sortitionsAdmin.proposals.intro':
    'La liste des propositions candidates est arrêtée dès maintenant et son engagement publié : les propositions publiées, ni retirées, ni masquées, ni rejetées.',
  'sortitionsAdmin.proposals.noSource':
    'Cet espace n’a pas de composant « Propositions » parmi lesquelles tirer au sort.',
  'sortitionsAdmin.proposals.source': 'Propositions de',
  'sortitionsAdmin.proposals.sourceHint': 'Un composant « Propositions » de cet espace.',
  'sortitionsAdmin.proposals.area': 'Secteur',
  'sortitionsAdmin.proposals.areaHint':
    'Facultatif : seulement les propositions de ce secteur, écrit comme sur les propositions.',
  'sortitionsAdmin.proposals.count': 'Nombre de propositions à tirer',
  'sortitionsAdmin.proposals.countHint': 'De 1 à 1 000.',
  'sortitionsAdmin.proposals.button': 'Arrêter la liste et publier l’engagement',
  'sortitionsAdmin.proposals.noCandidates':
    'Ce composant n’a aucune proposition publiée (ni retirée, ni masquée, ni rejetée) parmi lesquelles tirer.',
  'sortitionsAdmin.proposals.noCandidatesArea':
    'Aucune proposition publiée du secteur « {area} » parmi lesquelles tirer : vérifiez son orthographe.',

  'sortitionsAdmin.panel.title': 'Préparer un panel citoyen',
  'sortitionsAdmin.panel.intro':
    'Le vivier des volontaires, les quotas et la répartition la plus équitable entre panels possibles sont arrêtés dès maintenant et leur engagement publié, avec la chance de chaque groupe.',
  'sortitionsAdmin.panel.size': 'Taille du panel',
  'sortitionsAdmin.panel.sizeHint': 'Le nombre de membres tirés au sort, de 1 à 1 000.',
  'sortitionsAdmin.panel.button': 'Arrêter le vivier et publier l’engagement',
  'sortitionsAdmin.pool.formatTitle': 'Le vivier des volontaires',
  'sortitionsAdmin.pool.format':
    'Collez le fichier CSV (UTF-8) : une ligne d’en-tête, « id » puis une colonne par catégorie des quotas, puis une ligne par volontaire. Virgules ou points-virgules.',
  'sortitionsAdmin.pool.names':
    'Les identifiants sont les numéros de votre registre des volontaires (lettres, chiffres, points, tirets) : jamais des noms, des adresses ni des e-mails, car la liste est publiée avec le tirage.',
  'sortitionsAdmin.pool.example': 'Par exemple :',
  'sortitionsAdmin.pool.fullExample': 'Un vivier complet : {link}.',
  'sortitionsAdmin.pool.fullExampleLink': 'le vivier du tirage « {title} » (CSV)',
  'sortitionsAdmin.pool.label': 'Vivier (CSV)',
  'sortitionsAdmin.pool.hint': 'Format et exemple ci-dessus.',
  'sortitionsAdmin.pool.line': 'Ligne {line} du vivier : {why}',
  'sortitionsAdmin.pool.encoding':
    'un caractère n’est pas du texte UTF-8 (enregistrez le fichier en « CSV UTF-8 »).',
  'sortitionsAdmin.pool.empty': 'le vivier est vide.',
  'sortitionsAdmin.pool.noCategory': 'nommez au moins une catégorie après « id ».',
  'sortitionsAdmin.pool.unnamedCategory': 'une colonne de l’en-tête n’a pas de nom.',
  'sortitionsAdmin.pool.categoryTwice': 'la catégorie « {category} » est nommée deux fois.',
  'sortitionsAdmin.pool.categoryNoQuota':
    '« {category} » n’est pas une catégorie des quotas ci-dessous.',
  'sortitionsAdmin.pool.quotaNoColumn':
    'la catégorie « {category} » des quotas n’a pas de colonne.',
  'sortitionsAdmin.pool.tooMany': '{max} volontaires au plus.',
  'sortitionsAdmin.pool.columns': '{count} colonnes au lieu de {expected}.',
  'sortitionsAdmin.pool.identifier':
    '« {id} » n’est pas un identifiant : 1 à 64 lettres, chiffres, points, tirets ou soulignés, le numéro du volontaire dans votre registre, jamais un nom ni une adresse.',
  'sortitionsAdmin.pool.duplicate': 'l’identifiant « {id} » est déjà à la ligne {earlier}.',
  'sortitionsAdmin.pool.noValue': 'pas de valeur pour « {category} ».',
  'sortitionsAdmin.pool.valueTooLong': 'la valeur de « {category} » dépasse {max} caractères.',
  'sortitionsAdmin.pool.unknownValue':
    '« {value} » n’est pas une valeur de « {category} » dans les quotas.',
  'sortitionsAdmin.pool.noVolunteer': 'le vivier n’a aucun volontaire.',
  'sortitionsAdmin.pool.csv': 'le CSV est mal formé (guillemets, nombre de colonnes).',
  'sortitionsAdmin.pool.duplicateLine': 'cet identifiant figure déjà plus haut.',
  'sortitionsAdmin.pool.unknown':
    'une catégorie ou une valeur qui n’est pas dans les quotas ci-dessous.',
  'sortitionsAdmin.pool.missing': 'une valeur manque.',
  'sortitionsAdmin.pool.refused': 'le service refuse cette ligne.',
  'sortitionsAdmin.quotas.legend': 'Quotas',
  'sortitionsAdmin.quotas.hint':
    'Une ligne par valeur de chaque catégorie du vivier (par exemple genre F, genre H, age 18-34…) : le nombre minimum et maximum de membres du panel qui l’ont. Minimum vide : 0 ; maximum vide : la taille du panel. Les lignes vides sont ignorées.',
  'sortitionsAdmin.quotas.caption': 'Quotas par catégorie et valeur',
  'sortitionsAdmin.quotas.number': 'Ligne',
  'sortitionsAdmin.quotas.category': 'Catégorie',
  'sortitionsAdmin.quotas.value': 'Valeur',
  'sortitionsAdmin.quotas.min': 'Minimum',
  'sortitionsAdmin.quotas.max': 'Maximum',
  'sortitionsAdmin.quotas.row': 'ligne {row}',
  'sortitionsAdmin.quotas.more':
    '{count} lignes. Il en faut davantage ? Le bouton « Plus de lignes de quotas », en bas du formulaire, en ajoute six sans rien effacer.',
  'sortitionsAdmin.quotas.moreButton': 'Plus de lignes de quotas',

  'sortitionsAdmin.done.prepared':
    'La liste est arrêtée et son engagement publié. Le tirage se fera avec les nombres publics révélés à la date annoncée.',
  'sortitionsAdmin.done.drawn': 'Le tirage est fait et son résultat publié.',
  'sortitionsAdmin.done.cancelled': 'Le tirage est annulé ; sa raison est affichée sur sa page.',

  'sortitionsAdmin.draw.preparedAt': 'Liste arrêtée le {date}',
  'sortitionsAdmin.draw.publicPage': 'Voir la page publique du tirage',
  'sortitionsAdmin.draw.poolCsv': 'Le vivier (CSV), tant qu’il est gardé',
  'sortitionsAdmin.draw.json': 'Le fichier draw.json (pour refaire le tirage)',
  'sortitionsAdmin.draw.drawnWith': 'Tiré avec les nombres publics {numbers}.',
  'sortitionsAdmin.draw.title': 'Tirer au sort maintenant',
  'sortitionsAdmin.draw.intro':
    'Saisissez les nombres publics tels qu’ils ont été révélés (dés lancés devant témoins, résultat d’une loterie), exactement comme annoncé. Le résultat en découle par le calcul : personne ne peut le choisir.',
  'sortitionsAdmin.draw.early':
    'Les nombres publics sont annoncés pour le {date}. Tirer avant irait contre ce qui a été annoncé.',
  'sortitionsAdmin.draw.numbers': 'Nombres publics',
  'sortitionsAdmin.draw.numbersHint':
    'Par exemple : Dés lancés en séance publique : 4 2 6 1 5 3. 500 caractères au plus.',
  'sortitionsAdmin.draw.witnesses': 'Témoins',
  'sortitionsAdmin.draw.witnessesHint': 'Facultatif : qui a vu les nombres être tirés.',
  'sortitionsAdmin.draw.button': 'Tirer au sort',
  'sortitionsAdmin.draw.ask': 'Tirer au sort « {title} » maintenant ?',
  'sortitionsAdmin.draw.askWhat':
    'Le résultat sera calculé à partir de l’engagement publié et des nombres publics « {numbers} », puis publié avec eux sur la page du tirage.',
  'sortitionsAdmin.draw.askFinal':
    'un tirage n’est fait qu’une fois : il ne pourra être ni refait ni corrigé, seulement annulé avec une raison qui restera affichée.',
  'sortitionsAdmin.draw.confirm': 'Tirer au sort',
  'sortitionsAdmin.draw.wrongState':
    'Ce tirage a déjà été fait ou annulé, ou son vivier a été supprimé : il ne peut plus être tiré.',

  'sortitionsAdmin.cancel.title': 'Annuler le tirage',
  'sortitionsAdmin.cancel.intro':
    'Un tirage annulé ne sera jamais fait. Il reste affiché sur le site, avec la raison que vous donnez.',
  'sortitionsAdmin.cancel.introDrawn':
    'Le tirage est fait. L’annuler ne l’efface pas : il reste affiché, avec son résultat et la raison que vous donnez.',
  'sortitionsAdmin.cancel.reason': 'Raison de l’annulation',
  'sortitionsAdmin.cancel.reasonHint': 'Publiée sur la page du tirage. 2 000 caractères au plus.',
  'sortitionsAdmin.cancel.button': 'Annuler le tirage',
  'sortitionsAdmin.cancel.ask': 'Annuler le tirage « {title} » ?',
  'sortitionsAdmin.cancel.askWhat':
    'Le tirage sera marqué comme annulé, avec cette raison sur sa page publique : « {reason} ».',
  'sortitionsAdmin.cancel.askFinal':
    'un tirage annulé ne sera jamais fait ni remplacé ; pour tirer au sort, il faudra en préparer un nouveau, avec un nouvel engagement.',
  'sortitionsAdmin.cancel.askFinalDrawn':
    'l’annulation reste affichée avec le résultat ; le tirage ne pourra pas être refait.',
  'sortitionsAdmin.cancel.confirm': 'Annuler le tirage',
  'sortitionsAdmin.cancel.wrongState': 'Ce tirage est déjà annulé.',

  'sortitionsAdmin.error.notAllowed':
    'Seuls les administrateurs de l’espace et de l’organisation gèrent ses tirages au sort.',
  'sortitionsAdmin.error.wrongState':
    'Ce tirage n’est plus dans l’état où la page l’a montré : rechargez-la.',
  'sortitionsAdmin.error.title': 'Donnez un titre au tirage, en français ou en anglais.',
  'sortitionsAdmin.error.tooLong': 'Écrivez {max} caractères au plus.',
  'sortitionsAdmin.error.required': 'Ce champ est obligatoire.',
  'sortitionsAdmin.error.whole': 'Un nombre entier de {min} à {max}.',
  'sortitionsAdmin.error.date': 'Saisissez une date et une heure, par exemple 12/03/2027 18:00.',
  'sortitionsAdmin.error.revealAtRequired': 'Annoncez quand les nombres publics seront révélés.',
  'sortitionsAdmin.error.revealAtPast':
    'Les nombres publics doivent être révélés après la publication de l’engagement : choisissez une date à venir.',
  'sortitionsAdmin.error.source': 'Choisissez un composant « Propositions » de cet espace.',
  'sortitionsAdmin.error.quotaPart':
    'Ligne {row} des quotas : il manque la catégorie ou la valeur.',
  'sortitionsAdmin.error.bound': 'Ligne {row} des quotas : un nombre entier de 0 à {max}, ou rien.',
  'sortitionsAdmin.error.minAboveMax': 'Ligne {row} des quotas : le minimum dépasse le maximum.',
  'sortitionsAdmin.error.quotaTwice':
    'Ligne {row} des quotas : « {category} » = « {value} » est déjà sur une ligne précédente.',
  'sortitionsAdmin.error.noQuota':
    'Donnez au moins un quota : une ligne par valeur de chaque catégorie du vivier.',
  'sortitionsAdmin.error.manyQuotas': '{max} quotas au plus.',
  'sortitionsAdmin.error.quotaRefused': 'Ligne {row} des quotas : {why}',
  'sortitionsAdmin.error.quotaRow': 'le service refuse ce quota.',
  'sortitionsAdmin.error.poolRequired': 'Collez le vivier des volontaires (CSV).',
  'sortitionsAdmin.error.poolTooLong': 'Le vivier dépasse 4 millions de caractères.',
  'sortitionsAdmin.error.poolSmall':
    'Le vivier ne compte que {count} volontaires : moins que la taille du panel.',
  'sortitionsAdmin.error.publicNumbers':
    'Saisissez les nombres publics tels qu’ils ont été révélés.',
  'sortitionsAdmin.error.reason': 'Donnez la raison de l’annulation : elle sera publiée.',
  'sortitionsAdmin.infeasible.poolSmall':
    'Le vivier ne compte que {count} volontaires, moins que la taille du panel ({size}).',
  'sortitionsAdmin.infeasible.together':
    'Aucun panel de {size} personnes ne respecte tous les quotas ensemble, bien que chaque catégorie puisse l’être seule : desserrez des quotas.',
  'sortitionsAdmin.infeasible.tooFew':
    '« {category} » = « {value} » demande au moins {min} membres, mais le vivier n’en compte que {available}.',
  'sortitionsAdmin.infeasible.value':
    'Aucun panel de {size} personnes ne respecte le quota de « {category} » = « {value} ».',
  'sortitionsAdmin.infeasible.sumMin':
    'Les minimums de « {category} » font {sum} membres, plus que la taille du panel ({size}).',
  'sortitionsAdmin.infeasible.sumMax':
    'Les maximums de « {category} » font {sum} membres, moins que la taille du panel ({size}).',
  'sortitionsAdmin.infeasible.capacity':
    'Dans les maximums de « {category} », le vivier ne peut remplir que {capacity} des {size} places.',
  'sortitionsAdmin.infeasible.category':
    'Les quotas de « {category} » ne peuvent pas être respectés en même temps que ceux des autres catégories par un panel de {size} personnes.',
};
