import type { OutgoingMail } from '@palabre/mail';

/** Transactional mails, French first and English below, plain text (readable everywhere). */
export const accountMails = {
  confirm(to: string, org: string, link: string): OutgoingMail {
    return {
      to,
      subject: `${org} : confirmez votre adresse électronique / confirm your email address`,
      text: `Bonjour,

Pour activer votre compte sur la plateforme de participation de ${org}, ouvrez ce lien (valable 48 heures) :
${link}

Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message.

---
Hello,

To activate your account on ${org}'s participation platform, open this link (valid for 48 hours):
${link}

If you did not sign up, ignore this message.`,
    };
  },

  /** Double opt-in: the newsletter starts only once this link is followed and its button pressed. */
  newsletterConfirm(to: string, org: string, link: string): OutgoingMail {
    return {
      to,
      subject: `${org} : confirmez votre inscription à la lettre d’information / confirm your newsletter subscription`,
      text: `Bonjour,

Vous avez demandé à recevoir la lettre d’information de ${org}.
Pour confirmer, ouvrez ce lien (valable 7 jours) puis appuyez sur « Confirmer » :
${link}

Sans confirmation, vous ne recevrez rien. Vous pourrez vous désinscrire en un clic depuis chaque lettre.

---
Hello,

You asked to receive ${org}'s newsletter.
To confirm, open this link (valid for 7 days) and press "Confirm":
${link}

Without confirmation, you will receive nothing. You can unsubscribe in one click from every newsletter.`,
    };
  },

  alreadyRegistered(to: string, org: string, signInLink: string, resetLink: string): OutgoingMail {
    return {
      to,
      subject: `${org} : vous avez déjà un compte / you already have an account`,
      text: `Bonjour,

Quelqu’un (vous, sans doute) a voulu créer un compte avec cette adresse, qui en a déjà un.
Connectez-vous : ${signInLink}
Mot de passe oublié : ${resetLink}

---
Hello,

Someone (probably you) tried to sign up with this address, which already has an account.
Sign in: ${signInLink}
Forgot your password: ${resetLink}`,
    };
  },

  reset(to: string, org: string, link: string): OutgoingMail {
    return {
      to,
      subject: `${org} : choisissez un nouveau mot de passe / choose a new password`,
      text: `Bonjour,

Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 1 heure) :
${link}

Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.

---
Hello,

To choose a new password, open this link (valid for 1 hour):
${link}

If you did not ask for this, ignore this message: your password stays as it is.`,
    };
  },

  /**
   * The owner's notice that repeated wrong passwords paused sign-in to the
   * account. No link: the way to a new password is the site's own sign-in page.
   */
  signInLocked(to: string, org: string, minutes: number): OutgoingMail {
    return {
      to,
      subject: `${org} : connexion à votre compte suspendue / sign-in to your account paused`,
      text: `Bonjour,

Plusieurs mots de passe erronés viennent d’être essayés pour votre compte sur la plateforme de participation de ${org}.
Par précaution, la connexion à ce compte est suspendue pendant ${minutes} minute(s) ; elle reprendra ensuite d’elle-même.

Si c’était vous, patientez puis réessayez, ou choisissez un nouveau mot de passe avec « Mot de passe oublié » sur la page de connexion : la suspension prend fin dès que vous l’avez choisi.
Si ce n’était pas vous, votre mot de passe n’a pas été trouvé ; par précaution, choisissez-en un nouveau, long, que vous n’utilisez nulle part ailleurs.

---
Hello,

Several wrong passwords were just tried for your account on ${org}'s participation platform.
As a precaution, sign-in to this account is paused for ${minutes} minute(s); it resumes by itself afterwards.

If it was you, wait and try again, or choose a new password with "Forgot your password" on the sign-in page: the pause ends as soon as you have.
If it was not you, your password was not found; to be safe, choose a new one, long and used nowhere else.`,
    };
  },

  inactiveAccount(to: string, org: string, signInLink: string, deleteOn: Date): OutgoingMail {
    const fr = deleteOn.toLocaleDateString('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
    const en = deleteOn.toLocaleDateString('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    return {
      to,
      subject: `${org} : votre compte sera supprimé faute d’utilisation / your unused account will be deleted`,
      text: `Bonjour,

Vous ne vous êtes pas connecté·e depuis longtemps à la plateforme de participation de ${org}.
Sans connexion de votre part, votre compte sera supprimé à partir du ${fr} : vos données
personnelles seront effacées et vos contributions resteront publiées sous « participant supprimé ».

Pour garder votre compte, connectez-vous simplement : ${signInLink}
Vous pouvez aussi télécharger vos données depuis la page « Mon compte » avant cette date.

---
Hello,

You have not signed in to ${org}'s participation platform for a long time.
Unless you sign in, your account will be deleted from ${en}: your personal data will be
erased and your contributions will stay published as "deleted participant".

To keep your account, just sign in: ${signInLink}
You may also download your data from the "My account" page before then.`,
    };
  },
};
