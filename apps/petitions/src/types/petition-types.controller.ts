import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Roles, hasRole, type InternalIdentity } from '@palabre/auth';
import { TEXT_LANGUAGES, type LocalizedText } from '@palabre/contracts';
import { PetitionError, petitionException } from '../petitions.exception';
import {
  CreatePetitionTypeDto,
  UpdatePetitionTypeDto,
  type PetitionTypeView,
} from './petition-type.dto';
import { PetitionTypesRepository } from './petition-types.repository';

/** Each language's text trimmed; the languages left empty dropped. */
function localized(text: LocalizedText | undefined): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of TEXT_LANGUAGES) {
    const v = text?.[lang]?.trim();
    if (v) out[lang] = v;
  }
  return out;
}

const missing = (field: string) => ({
  field,
  message: 'give it in French (fr) or English (en)',
  rule: 'isNotEmpty',
});

/** A name and every milestone label in one language at least. */
function checkTexts(t: PetitionTypeView): void {
  const errors = [
    ...(Object.keys(t.name).length ? [] : [missing('name')]),
    ...t.milestones.flatMap((m, i) =>
      Object.keys(m.label).length ? [] : [missing(`milestones.${i}.label`)],
    ),
  ];
  if (errors.length)
    throw petitionException(
      PetitionError.Invalid,
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      { errors },
    );
}

/** The texts of a type as stored: trimmed, per language. */
const withTexts = (t: PetitionTypeView): PetitionTypeView => ({
  ...t,
  name: localized(t.name),
  description: localized(t.description),
  milestones: t.milestones.map((m) => ({ threshold: m.threshold, label: localized(m.label) })),
});

/** Milestones in increasing order, and an area rule only where areas are asked. */
function checkCoherence(t: PetitionTypeView): void {
  checkTexts(t);
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
    const type = withTexts({
      id: randomUUID(),
      name: body.name,
      description: body.description ?? {},
      signatureDays: body.signatureDays,
      signers: body.signers,
      authors: body.authors ?? 'franceconnect',
      withdrawalAllowed: body.withdrawalAllowed ?? false,
      milestones: body.milestones ?? [],
      areaBreakdown: body.areaBreakdown ?? false,
      areaRule: body.areaRule ?? null,
      active: body.active ?? true,
    });
    checkCoherence(type);
    if (!(await this.types.save(identity.organizationId, type, true)))
      throw petitionException(
        PetitionError.DuplicateType,
        `A type of this name exists: ${JSON.stringify(type.name)}`,
      );
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
    const next = withTexts({
      ...current,
      ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      id,
    });
    checkCoherence(next);
    if (!(await this.types.save(identity.organizationId, next, false)))
      throw petitionException(
        PetitionError.DuplicateType,
        `A type of this name exists: ${JSON.stringify(next.name)}`,
      );
    return next;
  }
}
