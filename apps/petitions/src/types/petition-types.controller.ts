import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Roles, hasRole, type InternalIdentity } from '@palabre/auth';
import { PetitionError, petitionException } from '../petitions.exception';
import {
  CreatePetitionTypeDto,
  UpdatePetitionTypeDto,
  type PetitionTypeView,
} from './petition-type.dto';
import { PetitionTypesRepository } from './petition-types.repository';

/** Milestones in increasing order, and an area rule only where areas are asked. */
function checkCoherence(t: PetitionTypeView): void {
  const thresholds = t.milestones.map((m) => m.threshold);
  if (thresholds.some((v, i) => i > 0 && v <= thresholds[i - 1]))
    throw petitionException(
      PetitionError.Invalid,
      'milestones: thresholds must be strictly increasing',
      { errors: [{ field: 'milestones', message: 'thresholds must be strictly increasing' }] },
    );
  if (t.areaRule && !t.areaBreakdown)
    throw petitionException(
      PetitionError.Invalid,
      'areaRule: an area rule needs areaBreakdown, so signers are asked their area',
      { errors: [{ field: 'areaRule', message: 'needs areaBreakdown: true' }] },
    );
}

@ApiTags('petition types')
@Controller('types')
export class PetitionTypesController {
  constructor(private readonly types: PetitionTypesRepository) {}

  @Get()
  @ApiOperation({
    summary: 'Petition types of the organization (admins may ask for inactive ones)',
  })
  @ApiQuery({ name: 'all', required: false, type: Boolean })
  async list(
    @CurrentIdentity() identity: InternalIdentity,
    @Query('all') all?: string,
  ): Promise<{ items: PetitionTypeView[] }> {
    const everything = all === 'true' && hasRole(identity, 'org-admin');
    return { items: await this.types.list(identity.organizationId, !everything) };
  }

  @Post()
  @Roles('org-admin')
  @ApiOperation({ summary: 'Define a petition type: period, signers, milestones, area rule' })
  async create(@CurrentIdentity() identity: InternalIdentity, @Body() body: CreatePetitionTypeDto) {
    const type: PetitionTypeView = {
      id: randomUUID(),
      name: body.name.trim(),
      description: body.description?.trim() ?? '',
      signatureDays: body.signatureDays,
      signers: body.signers,
      authors: body.authors ?? 'franceconnect',
      withdrawalAllowed: body.withdrawalAllowed ?? false,
      milestones: (body.milestones ?? []).map((m) => ({
        threshold: m.threshold,
        label: m.label.trim(),
      })),
      areaBreakdown: body.areaBreakdown ?? false,
      areaRule: body.areaRule ?? null,
      active: body.active ?? true,
    };
    checkCoherence(type);
    if (!(await this.types.save(identity.organizationId, type, true)))
      throw petitionException(PetitionError.DuplicateType, `A type named "${type.name}" exists`);
    return type;
  }

  @Patch(':id')
  @Roles('org-admin')
  @ApiOperation({
    summary:
      'Change a petition type (published petitions keep their deadline; milestones apply at once)',
  })
  async update(
    @CurrentIdentity() identity: InternalIdentity,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePetitionTypeDto,
  ) {
    const current = await this.types.find(identity.organizationId, id);
    if (!current) throw petitionException(PetitionError.NotFound, 'No such petition type');
    const next: PetitionTypeView = {
      ...current,
      ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      id,
    };
    next.name = next.name.trim();
    checkCoherence(next);
    if (!(await this.types.save(identity.organizationId, next, false)))
      throw petitionException(PetitionError.DuplicateType, `A type named "${next.name}" exists`);
    return next;
  }
}
