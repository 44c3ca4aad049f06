import {
  ConflictException,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
  type HttpException,
} from '@nestjs/common';

/** The newsletter service's domain errors: a stable code the site translates, and an English message. */
export enum NewsletterError {
  NewsletterNotFound = 'NEWSLETTER_NOT_FOUND',
  /** Editing, deleting or sending a newsletter that is no longer a draft. */
  NotADraft = 'NEWSLETTER_NOT_A_DRAFT',
  AlreadySent = 'NEWSLETTER_ALREADY_SENT',
  NotSending = 'NEWSLETTER_NOT_SENDING',
  /** Nobody of the audience consented: nothing would be sent. */
  AudienceEmpty = 'AUDIENCE_EMPTY',
  /** A service that knows the audience (identity, proposals…) could not answer. */
  Unavailable = 'SERVICE_UNAVAILABLE',
  /** The mail of the test could not be handed to the mail server. */
  MailNotSent = 'MAIL_NOT_SENT',
}

const STATUS: Record<NewsletterError, new (body: object) => HttpException> = {
  [NewsletterError.NewsletterNotFound]: NotFoundException,
  [NewsletterError.NotADraft]: ConflictException,
  [NewsletterError.AlreadySent]: ConflictException,
  [NewsletterError.NotSending]: ConflictException,
  [NewsletterError.AudienceEmpty]: UnprocessableEntityException,
  [NewsletterError.Unavailable]: ServiceUnavailableException,
  [NewsletterError.MailNotSent]: ServiceUnavailableException,
};

export function newsletterException(
  code: NewsletterError,
  message: string,
  extra: Record<string, unknown> = {},
): HttpException {
  return new STATUS[code]({ message, code, ...extra });
}

export const newsletterNotFound = () =>
  newsletterException(NewsletterError.NewsletterNotFound, 'No such newsletter');
