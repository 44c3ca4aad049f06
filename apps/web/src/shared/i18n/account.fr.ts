/** French messages of the account pages (merged into the site catalogue by messages.fr.ts). */
export const accountFr = {
  'nav.myAccount': 'Mon compte',
  'account.title': 'Mon compte',
  'account.profile': 'Profil',
  'account.profileHelp':
    'Pour changer de nom ou d’adresse électronique, écrivez à {org} ; vous pouvez aussi supprimer ce compte et en créer un autre.',
  'account.changePassword': 'Changer de mot de passe (un lien vous est envoyé par courriel)',
  'account.emailNotConfirmed': 'adresse pas encore confirmée',
  'account.sessions': 'Sessions ouvertes',
  'account.sessionsHelp':
    'Les appareils et navigateurs connectés à votre compte. Déconnectez ceux que vous ne reconnaissez pas.',
  'account.session.unknownDevice': 'Navigateur inconnu',
  'account.session.current': 'cette session',
  'account.session.opened': 'ouverte le {date}',
  'account.session.lastSeen': 'dernière activité le {date}',
  'account.session.revoke': 'Déconnecter cette session',
  'account.session.revoked': 'La session est déconnectée.',
  'account.session.gone': 'Cette session n’existe plus ou est déjà déconnectée.',
  'account.data': 'Mes données',
  'account.dataHelp':
    'Téléchargez une copie de ce que la plateforme conserve sur votre compte et de ce que vous y avez fait : une archive zip, un fichier JSON par service (lisible par un programme) et un fichier README qui en décrit les champs.',
  'account.export': 'Télécharger mes données',
  'account.seeSignatures': 'Vos signatures sont anonymes et ne sont pas liées à ce compte :',
  'account.signer':
    'Vous êtes identifié·e avec FranceConnect pour signer des pétitions. Cette identification ne crée pas de compte : seule une clé pseudonyme est conservée pour vos signatures.',
  'account.delete.title': 'Supprimer mon compte',
  'account.delete.short':
    'Vos données personnelles sont effacées ; vos contributions restent, attribuées à « un participant supprimé ».',
  'account.delete.link': 'Supprimer mon compte…',
  'account.delete.intro': 'Avant de confirmer, voici ce que la suppression entraîne.',
  'account.delete.whatHappens': 'Ce qui se passe',
  'account.delete.erased':
    'Votre nom, votre adresse électronique et votre mot de passe sont effacés.',
  'account.delete.sessions': 'Toutes vos sessions sont déconnectées, y compris celle-ci.',
  'account.delete.roles':
    'Vos rôles auprès de {org} (administration, modération) vous sont retirés.',
  'account.delete.contributions':
    'Vos propositions, commentaires et pétitions restent publiés, sans votre nom : ils sont attribués à « participant supprimé » sur toute la plateforme.',
  'account.deletedParticipant': 'participant supprimé',
  'account.delete.signatures':
    'Vos signatures, anonymes, restent comptées : elles ne sont pas liées à ce compte.',
  'account.delete.irreversible': 'La suppression est définitive : elle ne peut pas être annulée.',
  'account.delete.exportFirst': 'Vous pouvez d’abord garder une copie de vos données :',
  'account.delete.confirm': 'J’ai compris, je veux supprimer mon compte définitivement.',
  'account.delete.confirmRequired':
    'Cochez la case pour confirmer que vous voulez supprimer votre compte.',
  'account.delete.submit': 'Supprimer mon compte',
  'account.delete.cancel': 'Annuler et revenir à mon compte',
  'account.deleted.title': 'Compte supprimé',
  'account.deleted.text':
    'Votre compte est supprimé et vous êtes déconnecté·e. Merci d’avoir participé.',
  'account.register.title': 'Créer un compte',
  'account.register.intro':
    'Un compte vous permet de déposer des pétitions et de suivre vos contributions auprès de {org}.',
  'account.register.required': 'Tous les champs sont obligatoires.',
  'account.register.submit': 'Créer mon compte',
  'account.register.already': 'Vous avez déjà un compte ?',
  'account.register.orFc': 'Ou, sans mot de passe',
  'account.register.closedTitle': 'Création de compte fermée',
  'account.register.closedFc':
    '{org} n’ouvre pas de compte avec une adresse électronique et un mot de passe : on s’y connecte avec FranceConnect.',
  'account.register.closedInvitation':
    '{org} ouvre les comptes sur invitation : la création de compte libre est fermée.',
  'account.register.useFc':
    'Identifiez-vous avec FranceConnect : votre compte est créé à votre première connexion.',
  'account.register.haveAccount': 'J’ai déjà un compte : me connecter',
  'account.field.displayName': 'Nom affiché',
  'account.field.displayNameHint': 'Affiché avec vos contributions, {max} caractères au plus.',
  'account.field.emailHint':
    'Format attendu : nom@domaine.fr. Un lien de confirmation y sera envoyé.',
  'account.field.passwordHint': '{min} caractères au moins. Une phrase facile à retenir convient.',
  'account.field.newPassword': 'Nouveau mot de passe',
  'account.captcha.legend': 'Vérification anti-robot',
  'account.captcha.help': 'Une petite question pour vérifier que vous n’êtes pas un robot.',
  'account.trap.label': 'Ne remplissez pas ce champ (il sert à écarter les robots)',
  'account.captcha.tooFast':
    'Le formulaire est revenu trop vite pour avoir été rempli par une personne : relisez-le et envoyez-le de nouveau.',
  'account.proof.label': 'Vérification automatique de votre navigateur',
  'account.proof.verifying': 'Vérification en cours…',
  'account.proof.verified': 'Vérifié : pas besoin de répondre à la question.',
  'account.proof.error': 'La vérification automatique a échoué : répondez à la question.',
  'account.proof.expired': 'La vérification a expiré : recommencez ou répondez à la question.',
  'account.proof.wait': 'Vérification en cours, un instant…',
  'account.captcha.wrong':
    'La réponse ne correspond pas, ou la question a expiré : répondez à la nouvelle question.',
  'account.error.passwordLength': 'Le mot de passe doit compter de {min} à {max} caractères.',
  'account.error.nameLength': 'Le nom doit compter de {min} à {max} caractères.',
  'account.error.crossSite':
    'Ce formulaire n’a pas été envoyé depuis ce site : rien n’a été fait. Réessayez depuis cette page.',
  'account.delete.lastAdmin':
    'Vous êtes la dernière personne à administrer l’organisation : nommez quelqu’un d’autre administrateur (Administration, Utilisateurs et rôles) avant de supprimer votre compte.',
  'account.error.exportUnavailable':
    'Une partie de vos données ne peut pas être rassemblée pour le moment : réessayez dans quelques minutes.',
  'account.error.tryLater': 'Trop de tentatives en peu de temps : réessayez dans une minute.',
  'account.checkEmail.title': 'Consultez votre messagerie',
  'account.checkEmail.text':
    'Si cette adresse peut le recevoir, un message est en route : suivez son lien.',
  'account.checkEmail.register':
    'Le lien confirme votre adresse et active votre compte. Il est valable 48 heures.',
  'account.checkEmail.reset':
    'Le lien permet de choisir un nouveau mot de passe. Il est valable 1 heure.',
  'account.checkEmail.spam':
    'Rien reçu après quelques minutes ? Regardez dans les indésirables, puis recommencez.',
  'account.confirm.title': 'Confirmer votre adresse électronique',
  'account.confirm.text':
    'Confirmez votre adresse pour activer votre compte sur la plateforme de {org}.',
  'account.confirm.submit': 'Confirmer mon adresse',
  'account.confirm.invalidTitle': 'Lien de confirmation non valable',
  'account.confirm.invalid':
    'Ce lien de confirmation est incorrect, a expiré ou a déjà servi. Si votre adresse est déjà confirmée, connectez-vous.',
  'account.confirm.trySignIn': 'Me connecter',
  'account.confirm.registerAgain': 'Recommencer l’inscription',
  'account.confirmed.title': 'Adresse confirmée',
  'account.confirmed.text': 'Votre adresse est confirmée et votre compte est actif.',
  'account.reset.title': 'Mot de passe oublié',
  'account.reset.intro':
    'Indiquez l’adresse de votre compte : nous y envoyons un lien pour choisir un nouveau mot de passe.',
  'account.reset.send': 'Envoyer le lien',
  'account.reset.back': 'Revenir à la connexion',
  'account.reset.newTitle': 'Choisir un nouveau mot de passe',
  'account.reset.newIntro': 'Toutes les sessions ouvertes de votre compte seront déconnectées.',
  'account.reset.save': 'Enregistrer le mot de passe',
  'account.reset.invalidTitle': 'Lien non valable',
  'account.reset.invalid': 'Ce lien est incorrect, a expiré (il vaut 1 heure) ou a déjà servi.',
  'account.reset.askAgain': 'Demander un nouveau lien',
  'account.reset.doneTitle': 'Mot de passe changé',
  'account.reset.doneText':
    'Votre nouveau mot de passe est enregistré ; vos autres sessions sont déconnectées.',
  'account.signin.notConfirmed':
    'Votre adresse n’est pas encore confirmée : suivez le lien du message reçu à l’inscription.',
  'account.signin.blockedSpam':
    'Ce compte a été bloqué automatiquement : il ressemble à du spam. Si c’est une erreur, dites-le aux administrateurs de {org}.',
  'account.contest.link': 'Contester le blocage de mon compte',
  'account.contest.title': 'Contester le blocage de mon compte',
  'account.contest.intro':
    'L’anti-spam de {org} a bloqué votre compte. Si c’est une erreur, expliquez-le : votre message ira aux administrateurs, qui pourront le débloquer.',
  'account.contest.emailHint': 'L’adresse de votre compte.',
  'account.contest.message': 'Votre message',
  'account.contest.messageHint': 'De {min} à {max} caractères.',
  'account.contest.submit': 'Envoyer aux administrateurs',
  'account.contest.sent':
    'Merci. Si cette adresse correspond à un compte bloqué par l’anti-spam, votre message est arrivé chez les administrateurs de {org}.',
  'account.signin.blocked': 'Ce compte est bloqué ; contactez {org}.',
  'fcRefused.cancelled.title': 'Connexion FranceConnect annulée',
  'fcRefused.cancelled.text':
    'Vous avez annulé la connexion avec FranceConnect : vous n’êtes pas connecté·e, et rien n’a été conservé.',
  'fcRefused.noBirthdate.title': 'Date de naissance inconnue',
  'fcRefused.noBirthdate.text':
    'FranceConnect ne nous a pas transmis votre date de naissance : nous ne pouvons pas vérifier votre âge, et vous n’êtes pas connecté·e. Essayez avec un autre des comptes que propose FranceConnect.',
  'fcRefused.missingIdentity.title': 'Identité incomplète',
  'fcRefused.missingIdentity.text':
    'FranceConnect ne nous a pas transmis vos nom, prénom et adresse électronique, nécessaires pour déposer une pétition : vous n’êtes pas connecté·e. Essayez avec un autre des comptes que propose FranceConnect.',
  'fcRefused.blocked.title': 'Compte bloqué',
  'fcRefused.blocked.text': 'Ce compte est bloqué : vous n’êtes pas connecté·e. Contactez {org}.',
  'fcRefused.failed.title': 'Connexion FranceConnect impossible',
  'fcRefused.failed.text':
    'La connexion n’a pas abouti : la réponse de FranceConnect n’a pas pu être vérifiée. Vous n’êtes pas connecté·e, et rien n’a été conservé.',
  'fcRefused.next': 'Et maintenant ?',
  'fcRefused.account': 'Se connecter avec un compte de ce site',
  'fcRefused.back': 'Revenir à la page que vous consultiez',
  'newsletter.register.label': 'Je souhaite recevoir la lettre d’information de {org}',
  'newsletter.register.hint':
    'Facultatif. Un courriel vous demandera de confirmer ; vous pourrez vous désinscrire en un clic.',
  'newsletter.title': 'Lettre d’information',
  'newsletter.state.none': 'Vous n’êtes pas inscrit·e à la lettre d’information de {org}.',
  'newsletter.state.pending':
    'Inscription demandée le {date} : confirmez-la avec le lien du courriel que nous vous avons envoyé.',
  'newsletter.state.granted': 'Vous recevez la lettre d’information de {org} depuis le {date}.',
  'newsletter.state.withdrawn': 'Vous vous êtes désinscrit·e le {date}.',
  'newsletter.subscribe': 'M’inscrire à la lettre d’information',
  'newsletter.resend': 'Renvoyer le courriel de confirmation',
  'newsletter.unsubscribe': 'Me désinscrire',
  'newsletter.asked': 'Un courriel de confirmation est en route : suivez son lien pour confirmer.',
  'newsletter.withdrawn': 'Vous ne recevrez plus la lettre d’information.',
  'newsletter.confirm.title': 'Confirmer votre inscription à la lettre d’information',
  'newsletter.confirm.text':
    'Confirmez que vous souhaitez recevoir la lettre d’information de {org}.',
  'newsletter.confirm.submit': 'Confirmer mon inscription',
  'newsletter.confirm.invalidTitle': 'Lien de confirmation non valable',
  'newsletter.confirm.invalid':
    'Ce lien n’est pas valable : il a peut-être expiré (7 jours) ou déjà servi. Vous pouvez redemander l’inscription depuis « Mon compte ».',
  'newsletter.confirmed.title': 'Inscription confirmée',
  'newsletter.confirmed.text':
    'Vous recevrez la lettre d’information de {org}. Chaque lettre contient un lien pour vous désinscrire en un clic.',
  'newsletter.unsubscribe.title': 'Se désinscrire de la lettre d’information',
  'newsletter.unsubscribe.text':
    'Vous ne recevrez plus la lettre d’information de {org}. Aucune connexion n’est nécessaire.',
  'newsletter.unsubscribe.submit': 'Me désinscrire',
  'newsletter.unsubscribe.invalidTitle': 'Lien de désinscription non valable',
  'newsletter.unsubscribe.invalid':
    'Ce lien a été modifié ou est incomplet : rien n’a changé. Copiez le lien entier depuis la lettre, ou désinscrivez-vous depuis « Mon compte ».',
  'newsletter.unsubscribed.title': 'Vous êtes désinscrit·e',
  'newsletter.unsubscribed.text': 'Vous ne recevrez plus la lettre d’information de {org}.',
  'newsletter.backToAccount': 'Aller à « Mon compte »',
} satisfies Record<string, string>;
