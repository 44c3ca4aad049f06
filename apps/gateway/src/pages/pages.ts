import type { CaughtMail } from '@palabre/mail';

/**
 * The few HTML pages the gateway itself answers: when the web service is not
 * there (placeholder home, 404), when no organization matches, and when a form
 * from another site is refused. French first, English beside it, accessible.
 */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function layout(lang: 'fr' | 'en', title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1e1e1e}
a{color:#0b5394}a:focus{outline:3px solid #f5a623;outline-offset:2px}h1{font-size:1.6rem}</style></head>
<body><main>${body}</main></body></html>`;
}

export function unknownOrganizationPage(host: string): string {
  return layout(
    'fr',
    'Site introuvable — Site not found',
    `<h1>Aucune plateforme de participation à cette adresse</h1>
<p>L’adresse <strong>${escape(host)}</strong> n’est rattachée à aucune organisation. Vérifiez l’adresse saisie, ou contactez votre collectivité.</p>
<section lang="en"><h2>No participation platform at this address</h2>
<p>The address <strong>${escape(host)}</strong> is not linked to any organization. Check the address you typed, or contact your local authority.</p></section>`,
  );
}

export function homePage(organizationName: string): string {
  return layout(
    'fr',
    organizationName,
    `<h1>${escape(organizationName)}</h1>
<p>La plateforme Palabre fonctionne. Le site citoyen arrive bientôt ; en attendant, l’API est documentée ici : <a href="/api/docs">documentation de l’API</a>.</p>
<p lang="en">The Palabre platform is running. The citizen site is coming; meanwhile the API is documented at <a href="/api/docs">API documentation</a>.</p>`,
  );
}

export function notFoundPage(path: string): string {
  return layout(
    'fr',
    'Page introuvable — Page not found',
    `<h1>Page introuvable</h1><p>Rien ne correspond à <code>${escape(path)}</code>. <a href="/">Retour à l’accueil</a>.</p>
<p lang="en">Nothing matches <code>${escape(path)}</code>. <a href="/">Back to the home page</a>.</p>`,
  );
}

/** A form posted from another site while signed in here (cross-site request forgery). */
export function crossSitePage(): string {
  return layout(
    'fr',
    'Demande refusée — Request refused',
    `<h1>Demande refusée</h1><p>Ce formulaire ne vient pas de ce site : par sécurité, il n’a pas été pris en compte. <a href="/">Retour à l’accueil</a>.</p>
<p lang="en">This form does not come from this site: for your safety, it was not taken into account. <a href="/">Back to the home page</a>.</p>`,
  );
}

/** Embedded mode's mail box: what the platform would have mailed, newest first. */
export function mailboxPage(mails: CaughtMail[]): string {
  const items = mails
    .map(
      (m) => `<article><h2>${escape(m.subject)}</h2>
<p><strong>À / To :</strong> ${escape(m.to.join(', '))} — <time datetime="${m.receivedAt.toISOString()}">${m.receivedAt.toLocaleString('fr-FR')}</time></p>
${m.html ? `<p><a href="/dev/mail/${m.id}/html">Version HTML <span lang="en">(HTML version)</span></a></p>` : ''}
<pre style="white-space:pre-wrap">${escape(m.text)}</pre></article>`,
    )
    .join('<hr>');
  return layout(
    'fr',
    'Boîte mail locale — Local mail box',
    `<h1>Boîte mail locale <span lang="en">(local mail box)</span></h1>
<p>Les messages envoyés par la plateforme en mode embarqué arrivent ici. <span lang="en">Messages the embedded platform sends land here.</span></p>
${items || '<p>Aucun message pour l’instant. <span lang="en">No message yet.</span></p>'}`,
  );
}
