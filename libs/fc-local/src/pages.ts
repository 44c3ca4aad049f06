import { ageOf, type TestCitizen } from './citizens';

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Server-rendered pages only: no script, inline styles, nothing fetched from elsewhere. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:36rem;padding:0 1rem;line-height:1.5;color:#161616}
h1{font-size:1.5rem}fieldset{border:1px solid #ddd;padding:1rem}legend{font-weight:600}
button{display:block;width:100%;margin:.5rem 0;padding:.75rem 1rem;font-size:1rem;text-align:left;background:#000091;color:#fff;border:0;border-radius:.25rem;cursor:pointer}
button:hover,button:focus{background:#1212ff}button.secondary{background:#fff;color:#000091;border:1px solid #000091}
.note{background:#fff4e5;border-left:4px solid #b34000;padding:.5rem 1rem}small{color:#555}`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — FranceConnect (local)</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

export function citizenLabel(c: TestCitizen, today = new Date()): string {
  const age = ageOf(c.birthdate, today);
  return `${c.given_name} ${c.family_name}, ${age === undefined ? 'date de naissance inconnue' : `${age} ans`}`;
}

export function loginPage(p: {
  action: string;
  citizens: TestCitizen[];
  clientId: string;
  scope: string;
  unknownHint?: string;
}): string {
  const claims = p.scope
    .split(' ')
    .filter((s) => s && s !== 'openid')
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join('');
  const buttons = p.citizens
    .map(
      (c) =>
        `<button type="submit" name="citizen" value="${escapeHtml(c.id)}">${escapeHtml(citizenLabel(c))}</button>`,
    )
    .join('\n');
  return layout(
    'Choisissez une identité de test',
    `<h1>Choisissez une identité de test</h1>
<p>Fournisseur d’identité local qui imite l’environnement d’intégration de FranceConnect.
Aucune donnée réelle : ces identités sont fictives.</p>
${p.unknownHint === undefined ? '' : `<p class="note" role="status">Identité « ${escapeHtml(p.unknownHint)} » inconnue : choisissez-en une dans la liste.</p>`}
<p>Le service <strong>${escapeHtml(p.clientId)}</strong> demande${claims ? ` : </p><ul>${claims}</ul>` : ' votre identifiant.</p>'}
<form method="post" action="${escapeHtml(p.action)}">
<fieldset>
<legend>Se connecter en tant que</legend>
${buttons}
</fieldset>
<button type="submit" name="cancel" value="1" class="secondary">Annuler et revenir au service</button>
</form>`,
  );
}

export function errorPage(out: Record<string, unknown>): string {
  const rows = Object.entries(out)
    .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
    .join('');
  return layout(
    'Erreur',
    `<h1>Une erreur est survenue</h1>
<p>La demande de connexion n’a pas pu aboutir.</p>
<dl>${rows}</dl>`,
  );
}

/** `form` is oidc-provider's hidden logout form (id `op.logoutForm`, with its xsrf token). */
export function logoutPage(form: string, host: string): string {
  return layout(
    'Déconnexion',
    `<h1>Se déconnecter de FranceConnect (local) sur ${escapeHtml(host)} ?</h1>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Oui, me déconnecter</button>
<button type="submit" form="op.logoutForm" class="secondary">Non, rester connecté</button>`,
  );
}

export function logoutSuccessPage(): string {
  return layout('Déconnecté', `<h1>Vous êtes déconnecté</h1><p>Vous pouvez fermer cette page.</p>`);
}
