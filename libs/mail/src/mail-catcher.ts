import type { AddressInfo } from 'node:net';
import type { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The text/html part, when the mail has one. */
  html?: string;
  /** Every header, names in lower case (the last one of a name repeated). */
  headers: Record<string, string>;
  receivedAt: Date;
}

function decodeWords(value: string): string {
  // RFC 2047 encoded words, as nodemailer writes non-ASCII subjects.
  // Whitespace between two encoded words is not part of the text.
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BQbq])\?([^?]*)\?=/g, (_, _charset, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function decodeBody(body: string, encoding: string | undefined): string {
  const enc = (encoding ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body };
}

/**
 * Extracts subject, headers and the text/plain body (and text/html part, if
 * any) of a (possibly multipart, one level) message.
 */
export function parseMail(raw: string): {
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
} {
  const { headers, body } = splitHeaders(raw);
  const subject = decodeWords(headers.get('subject') ?? '');
  const all = Object.fromEntries(headers);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    let text: string | undefined;
    let html: string | undefined;
    for (const part of body.split(`--${boundary}`)) {
      const p = splitHeaders(part.replace(/^\r?\n/, ''));
      const partType = p.headers.get('content-type') ?? '';
      const decoded = () => decodeBody(p.body, p.headers.get('content-transfer-encoding')).trim();
      if (text === undefined && partType.startsWith('text/plain')) text = decoded();
      else if (html === undefined && partType.startsWith('text/html')) html = decoded();
    }
    if (text !== undefined) return { subject, text, html, headers: all };
  }
  return {
    subject,
    text: decodeBody(body, headers.get('content-transfer-encoding')).trim(),
    headers: all,
  };
}

/**
 * A real SMTP server on loopback that keeps what it receives in memory:
 * embedded mode's mail box (readable in the browser) and the tests' inbox.
 */
export class MailCatcher {
  private readonly messages: CaughtMail[] = [];
  private server?: SMTPServer;
  private nextId = 1;
  port = 0;

  constructor(private readonly capacity = 500) {}

  async start(port = 0): Promise<string> {
    // Loaded here, not with this module: a process that only sends mail (every
    // production one) never loads an SMTP server.
    const { SMTPServer } = await import('smtp-server');
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const { subject, text, html, headers } = parseMail(
            Buffer.concat(chunks).toString('utf8'),
          );
          this.messages.push({
            id: this.nextId++,
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject,
            text,
            html,
            headers,
            receivedAt: new Date(),
          });
          if (this.messages.length > this.capacity) this.messages.shift();
          callback();
        });
      },
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Newest first. */
  list(to?: string): CaughtMail[] {
    const all = [...this.messages].reverse();
    return to ? all.filter((m) => m.to.includes(to.toLowerCase())) : all;
  }

  /** Waits for the first message to `to` matching `subject`. */
  async waitFor(to: string, subject: RegExp, timeoutMs = 10_000): Promise<CaughtMail> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = this.list(to).find((x) => subject.test(x.subject));
      if (m) return m;
      if (Date.now() > end) throw new Error(`no mail to ${to} matching ${subject}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
