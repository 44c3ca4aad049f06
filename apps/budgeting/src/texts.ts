/** Texts per language (docs/adr/0033): the service kit's, shared by every service. */
export { localized, requiredText, textDto } from '@palabre/service-kit';
