import { Injectable } from '@nestjs/common';
import { cleanLocalizedText, normalizeHexColor } from './branding';
import type { UpdateOrganizationSettingsDto } from './dtos/update-organization-settings.dto';
import { OrganizationError, invalidField, organizationException } from './organizations.exception';
import { OrganizationsRepository, type OrganizationWithHosts } from './organizations.repository';
import { canonicalTimeZone } from './time-zone-and-map';

const SETTINGS = [
  'name',
  'locales',
  'defaultLocale',
  'registrationMode',
  'identityProviders',
  'logoUrl',
  'primaryColor',
  'welcomeText',
  'announcement',
  'timeZone',
  'mapTileUrl',
  'mapAttribution',
] as const;

/**
 * An organization's administrators change its name, languages, registration
 * mode, accepted identity providers, branding, announcement, time zone and
 * map. The request is merged with the current settings and the result
 * checked as a whole (the default language is one of the languages;
 * FranceConnect-only registration needs the FranceConnect provider; a tile
 * server needs its attribution), so a bad request changes nothing.
 */
@Injectable()
export class UpdateOrganizationSettingsUseCase {
  constructor(private readonly repo: OrganizationsRepository) {}

  async execute(
    organizationId: string,
    input: UpdateOrganizationSettingsDto,
  ): Promise<OrganizationWithHosts> {
    if (SETTINGS.every((k) => input[k] === undefined)) {
      throw organizationException(
        OrganizationError.InvalidSettings,
        `Nothing to change: send at least one of ${SETTINGS.join(', ')}`,
      );
    }
    const name = input.name?.trim();
    if (name !== undefined && name.length < 2)
      throw invalidField('name', 'must be at least 2 characters besides spaces');
    return this.repo.transaction(async (m) => {
      const current = (await this.repo.lock(m, organizationId))
        ? await this.repo.findById(organizationId, m)
        : null;
      if (!current)
        throw organizationException(OrganizationError.NotFound, 'Organization not found');
      const next = {
        name: name ?? current.name,
        locales: input.locales ?? current.locales,
        defaultLocale: input.defaultLocale ?? current.defaultLocale,
        registrationMode: input.registrationMode ?? current.registrationMode,
        identityProviders: input.identityProviders ?? current.identityProviders,
        logoUrl: input.logoUrl === undefined ? current.logoUrl : (input.logoUrl?.trim() ?? null),
        primaryColor:
          input.primaryColor === undefined
            ? current.primaryColor
            : input.primaryColor === null
              ? null
              : normalizeHexColor(input.primaryColor),
        welcomeText: input.welcomeText
          ? cleanLocalizedText({ ...input.welcomeText })
          : current.welcomeText,
        announcement: input.announcement
          ? cleanLocalizedText({ ...input.announcement })
          : current.announcement,
        timeZone:
          input.timeZone === undefined
            ? current.timeZone
            : canonicalTimeZone(input.timeZone.trim()),
        mapTileUrl:
          input.mapTileUrl === undefined ? current.mapTileUrl : input.mapTileUrl?.trim() || null,
        mapAttribution:
          input.mapAttribution === undefined
            ? current.mapAttribution
            : input.mapAttribution?.trim() || null,
      };
      if (!next.locales.includes(next.defaultLocale)) {
        throw input.defaultLocale
          ? invalidField('defaultLocale', `must be one of the locales (${next.locales.join(', ')})`)
          : invalidField(
              'locales',
              `must include the default locale "${next.defaultLocale}" (or change defaultLocale too)`,
            );
      }
      if (
        next.registrationMode === 'franceconnect' &&
        !next.identityProviders.includes('franceconnect')
      ) {
        throw input.identityProviders
          ? invalidField(
              'identityProviders',
              'must include "franceconnect" while registrationMode is "franceconnect"',
            )
          : invalidField(
              'registrationMode',
              '"franceconnect" needs "franceconnect" among the identityProviders',
            );
      }
      // OpenStreetMap's tile policy (and most others') asks for the attribution on the map.
      if (next.mapTileUrl && !next.mapAttribution)
        throw invalidField(
          'mapAttribution',
          'is required with a tile server (mapTileUrl): the credit its terms ask for, e.g. "© OpenStreetMap contributors"',
        );
      await this.repo.updateSettings(m, organizationId, next);
      return Object.assign(current, next);
    });
  }
}
