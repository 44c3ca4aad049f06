import type mjml2html from 'mjml';

type Compile = typeof mjml2html;
let compile: Compile | undefined;

/**
 * MJML compiles a mail's template; the library is loaded on the first mail
 * rendered, not at start: its ~60 MB of resident memory stay out of a
 * platform (embedded mode on one machine) that sends no mail.
 */
export async function mjmlToHtml(
  ...args: Parameters<Compile>
): Promise<Awaited<ReturnType<Compile>>> {
  compile ??= (await import('mjml')).default;
  return compile(...args);
}
