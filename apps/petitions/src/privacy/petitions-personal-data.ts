import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PersonalDataKeeper } from '@palabre/service-kit';
import { PetitionsService } from '../petitions/petitions.service';
import { PrivacyRepository } from './privacy.repository';

/** Petitions' part of a person's rights: their name leaves the petitions they wrote. */
@Injectable()
export class PetitionsPersonalData implements PersonalDataKeeper {
  constructor(
    private readonly privacy: PrivacyRepository,
    private readonly petitions: PetitionsService,
  ) {}

  async erase(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    const ids = await this.privacy.erase(m, organizationId, userId);
    // Cached pages are a second old at most; dropping them shows the change sooner.
    ids.forEach((id) => this.petitions.invalidate(id));
  }

  personalData(organizationId: string, userId: string) {
    return this.privacy.personalData(organizationId, userId);
  }
}
