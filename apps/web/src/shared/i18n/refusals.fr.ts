/**
 * What the site says of a service's refusal, in the page's language: the
 * services explain in English for developers, and name the broken rule
 * (`rule`, `limit`) for the clients that show it (see form-notices.ts).
 */
export const refusalsFr = {
  'refused.value': 'Valeur refusée par le service.',
  'refused.rule.isNotEmpty': 'Ce champ est obligatoire.',
  'refused.rule.isDefined': 'Ce champ est obligatoire.',
  'refused.rule.maxLength': 'Saisissez au plus {limit} caractères.',
  'refused.rule.minLength': 'Saisissez au moins {limit} caractères.',
  'refused.rule.max': 'La valeur doit être au plus {limit}.',
  'refused.rule.min': 'La valeur doit être au moins {limit}.',
  'refused.rule.arrayMaxSize': 'Choisissez au plus {limit} éléments.',
  'refused.rule.arrayMinSize': 'Choisissez au moins {limit} élément(s).',
  'refused.rule.isInt': 'Un nombre entier est attendu.',
  'refused.rule.isNumber': 'Un nombre est attendu.',
  'refused.rule.isString': 'Un texte est attendu.',
  'refused.rule.isBoolean': 'Oui ou non est attendu.',
  'refused.rule.isIn': 'Cette valeur ne fait pas partie des choix possibles.',
  'refused.rule.isEnum': 'Cette valeur ne fait pas partie des choix possibles.',
  'refused.rule.matches': 'Cette valeur n’a pas la forme attendue.',
  'refused.rule.isEmail': 'Une adresse e-mail est attendue.',
  'refused.rule.isUrl': 'Une adresse web est attendue.',
  'refused.rule.isDateString': 'Une date est attendue.',
  'refused.rule.isIso8601': 'Une date est attendue.',
  'refused.rule.isUuid': 'Cet identifiant n’est pas valide.',
  'refused.rule.whitelistValidation': 'Ce champ n’est pas accepté ici.',
  'refused.rule.darkEnoughForWhiteText':
    'Cette couleur est trop claire : un texte blanc dessus n’atteint pas un contraste de 4,5:1. Choisissez une couleur plus foncée.',
  'refused.rule.required': 'Ce champ est obligatoire.',
  'refused.rule.https': 'Une adresse web sécurisée est attendue, commençant par https://.',
  'refused.rule.range': 'Cette valeur est hors des limites permises.',
  'refused.rule.maxItems': 'Il y a trop d’éléments.',
  'refused.rule.isNotNull': 'Ce champ ne peut pas être vide.',
  'refused.rule.isHttpsUrl': 'Une adresse web sécurisée est attendue, commençant par https://.',
  'refused.rule.isTimeZone': 'Choisissez un fuseau horaire de la liste.',
  'refused.rule.isDateTime': 'Une date et une heure sont attendues.',
  'refused.rule.isAfterStart': 'La fin doit venir après le début.',
  'refused.rule.isCoordinatePair': 'Indiquez la latitude et la longitude, ou aucune des deux.',
  'refused.request': 'Le service a refusé cette demande ; rien n’a été enregistré.',
  'refused.conflict':
    'Ce n’est pas possible dans l’état actuel ; rien n’a été enregistré. Rechargez la page pour voir cet état.',
  'refused.forbidden': 'Vous n’avez pas le droit de faire cela ; rien n’a été enregistré.',
};
