/**
 * Pages shown when a FranceConnect return cannot be tied to a sign-in of this
 * browser (or FranceConnect is not offered): kind, clear, French first, English
 * beside it. A sign-in that was tied but opened no session (cancelled, no
 * birthdate, incomplete identity, blocked account, answer rejected) goes to the
 * site's /sign-in/refused page instead.
 */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, fr: string, en: string, returnTo: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1e1e1e}a{color:#0b5394}</style></head>
<body><main><h1>${esc(title)}</h1><p>${fr}</p><p lang="en">${en}</p>
<p><a href="${esc(returnTo)}">Retour / Back</a></p></main></body></html>`;
}

export const franceConnectPages = {
  logoutUnverified: () =>
    page(
      'Vous êtes déconnecté·e',
      'Vous êtes déconnecté·e de ce site. Le retour de FranceConnect n’a pas pu être vérifié : fermez votre navigateur si vous êtes sur un ordinateur partagé.',
      'You are signed out of this site. The return from FranceConnect could not be verified: close your browser if this is a shared computer.',
      '/',
    ),
  expired: () =>
    page(
      'Lien de connexion expiré',
      'Cette connexion a expiré ou a déjà servi. Recommencez depuis la page que vous consultiez.',
      'This sign-in expired or was already used. Start again from the page you were on.',
      '/',
    ),
  otherBrowser: () =>
    page(
      'Connexion commencée ailleurs',
      'Ce retour de FranceConnect ne correspond à aucune connexion commencée dans ce navigateur : personne n’a été connecté. Si vous avez reçu ce lien de quelqu’un, ne le suivez pas. Pour vous connecter, recommencez depuis la page que vous consultiez.',
      'This return from FranceConnect matches no sign-in started in this browser, so nobody was signed in. If someone sent you this link, do not follow it. To sign in, start again from the page you were on.',
      '/',
    ),
  unavailable: () =>
    page(
      'FranceConnect indisponible',
      'FranceConnect n’est pas proposé par cette plateforme.',
      'FranceConnect is not offered on this platform.',
      '/',
    ),
};
