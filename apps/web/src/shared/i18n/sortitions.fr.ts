/** Messages of the public pages of draws by lot (French, the reference: English must have every key). */
export const sortitionsFr = {
  'sortitions.intro':
    'Chaque tirage au sort est vérifiable : la liste tirée est scellée et publiée avant le tirage, le hasard vient de nombres publics révélés ensuite, et chacun peut refaire le calcul.',
  'sortitions.none': 'Aucun tirage au sort pour le moment.',
  'sortitions.kind.proposals': 'Parmi des propositions',
  'sortitions.kind.panel': 'Panel citoyen',
  'sortitions.state.prepared': 'À tirer',
  'sortitions.state.drawn': 'Tiré',
  'sortitions.state.cancelled': 'Annulé',
  'sortitions.toBeDrawnOn': 'À tirer au sort le {date}',
  'sortitions.notYetDrawn': 'Pas encore tiré',
  'sortitions.drawnOn': 'Tiré au sort le {date}',
  'sortitions.drawnThenCancelled': 'Tiré au sort le {date}, puis annulé',
  'sortitions.cancelledUndrawn': 'Annulé avant d’être tiré',
  'sortitions.cancelledOn': 'Annulé le {date}',
  'sortitions.countAmong.proposals_one': '{count} proposition parmi {among}',
  'sortitions.countAmong.proposals_other': '{count} propositions parmi {among}',
  'sortitions.countAmong.panel_one': '{count} personne parmi {among} volontaires',
  'sortitions.countAmong.panel_other': '{count} personnes parmi {among} volontaires',
  'sortitions.manage': 'Gérer ce tirage',
  'sortitions.cancelled.title': 'Ce tirage a été annulé.',
  'sortitions.cancelled.reason': 'Raison :',

  'sortitions.before.title': 'Avant le tirage',
  'sortitions.before.intro':
    'La liste de ce qui est tiré au sort a été arrêtée avant le tirage, et son empreinte publiée : si un seul caractère de la liste changeait, l’empreinte serait tout autre.',
  'sortitions.before.commitment': 'Engagement (empreinte SHA-256 de la liste)',
  'sortitions.before.preparedAt': 'Liste arrêtée le',
  'sortitions.before.revealAt': 'Révélation des nombres publics',
  'sortitions.before.revealAtNone': 'Date non annoncée',
  'sortitions.before.candidates': 'Propositions candidates',
  'sortitions.before.candidatesCount_one': '{count} proposition',
  'sortitions.before.candidatesCount_other': '{count} propositions',
  'sortitions.before.area': 'secteur « {area} »',
  'sortitions.before.count': 'Propositions tirées',
  'sortitions.before.candidatesHint':
    'Sont candidates les propositions publiées quand la liste a été arrêtée, ni retirées, ni masquées, ni rejetées. La liste complète est dans le fichier draw.json ci-dessous.',
  'sortitions.before.panel': 'Panel',
  'sortitions.before.categories': 'Catégories des quotas',
  'sortitions.chances.title': 'La chance de chaque volontaire',
  'sortitions.chances.intro':
    'Avec des quotas, tout le monde ne peut pas avoir exactement la même chance d’être tiré. La répartition publiée avec l’engagement rend la plus petite chance aussi grande que possible (méthode LEXIMIN) ; voici, pour chaque groupe, le nombre de volontaires, les places qui lui reviennent et la chance de chacun de ses membres.',
  'sortitions.chances.caption': 'Chances de sélection par groupe',
  'sortitions.chances.category': 'Catégorie',
  'sortitions.chances.value': 'Groupe',
  'sortitions.chances.volunteers': 'Volontaires',
  'sortitions.chances.seats': 'Places au panel',
  'sortitions.chances.lowest': 'Chance la plus basse',
  'sortitions.chances.highest': 'Chance la plus haute',
  'sortitions.chances.min':
    'Chance la plus basse d’un volontaire : {min} (idéal uniforme : {uniform}).',
  'sortitions.chances.minHint':
    'L’idéal uniforme est la chance de chacun sans quotas : {count} places pour {among} volontaires.',
  'sortitions.pool.deletesAt':
    'La liste des volontaires (identifiants et catégories) sera supprimée le {date}, à la fin de sa durée de conservation.',
  'sortitions.pool.deleted':
    'La liste des volontaires a été supprimée le {date}, à la fin de sa durée de conservation. Le tirage garde son engagement, ses nombres publics, son résultat et les chances publiées.',

  'sortitions.draw.title': 'Le tirage',
  'sortitions.draw.notYet':
    'Le tirage n’est pas encore fait : les nombres publics seront révélés le {date}.',
  'sortitions.draw.notYetUndated': 'Le tirage n’est pas encore fait.',
  'sortitions.draw.never': 'Ce tirage ne sera pas fait.',
  'sortitions.draw.numbers': 'Nombres publics',
  'sortitions.draw.witnesses': 'Témoins',
  'sortitions.draw.drawnAt': 'Tiré le',
  'sortitions.result.title': 'Résultat',
  'sortitions.result.proposals': 'Propositions tirées, dans l’ordre du tirage :',
  'sortitions.result.panel':
    'Membres du panel, dans l’ordre du tirage (numéros du registre des volontaires, jamais des noms) :',
  'sortitions.result.replacements_one': 'Remplaçants ({count})',
  'sortitions.result.replacements_other': 'Remplaçants ({count})',
  'sortitions.result.replacementsHint':
    'Si un membre se retire, le premier remplaçant encore disponible de son groupe prend sa place : les quotas restent respectés.',
  'sortitions.result.moreReplacements_one': 'Et {count} autre, dans draw.json.',
  'sortitions.result.moreReplacements_other': 'Et {count} autres, dans draw.json.',

  'sortitions.verify.title': 'Vérifier ce tirage',
  'sortitions.verify.intro':
    'Vous n’avez pas à croire la plateforme sur parole : le fichier draw.json contient la liste scellée, l’engagement et, une fois le tirage fait, les nombres publics et le résultat. Le même calcul donne le même résultat sur n’importe quel ordinateur.',
  'sortitions.verify.json': 'Le fichier draw.json de ce tirage',
  'sortitions.verify.command':
    'Avec Node.js 22.18 ou plus récent, depuis une copie du code source de Palabre, cette commande refait le tirage :',
  'sortitions.verify.verified':
    'Elle se termine par VERIFIED si l’engagement correspond à la liste et si le calcul redonne exactement le résultat publié.',
  'sortitions.verify.keepCopy':
    'Gardez dès maintenant une copie de cette page ou de draw.json (ou une archive web) : elle prouvera que l’engagement était public avant que les nombres soient connus.',
  'sortitions.verify.poolDeleted':
    'La liste des volontaires ayant été supprimée, draw.json ne la contient plus : le tirage ne peut plus être refait, mais son engagement et son résultat restent publiés.',
  'sortitions.verify.readme':
    'La marche à suivre, ce que le calcul ne peut pas vérifier à votre place, et la recette pour écrire votre propre vérification sont dans tools/sortition/README.md, dans le code source de Palabre.',
};
