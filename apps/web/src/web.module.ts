import { Module, type DynamicModule } from '@nestjs/common';
import { JsonLogger } from '@palabre/observability';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { MyAccountController } from './account/my-account.controller';
import { PasswordResetController } from './account/password-reset.controller';
import { RegistrationController } from './account/registration.controller';
import { SignInController } from './account/sign-in.controller';
import { AdminController } from './admin/admin.controller';
import { AdminBudgetsController } from './admin-budgets/admin-budgets.controller';
import { BudgetsPagesController } from './budgets/budgets.controller';
import { AdminPetitionsController } from './admin-petitions/admin-petitions.controller';
import { AdminPetitionTypesController } from './admin-petitions/petition-types.controller';
import { WEB_CONFIG, type WebConfig } from './config/web.config';
import { BrandingController } from './branding/branding.controller';
import { PageErrorFilter } from './layout/render';
import { MyPetitionsController } from './my-petitions/my-petitions.controller';
import { OrganizationSettingsPagesController } from './organization-admin/organization-settings.controller';
import { OrganizationUsersPagesController } from './organization-admin/organization-users.controller';
import { PetitionsPagesController } from './petitions/petitions.controller';
import { AdminSpacesController } from './admin-spaces/admin-spaces.controller';
import { SpaceComponentsPagesController } from './admin-spaces/space-components.controller';
import { SpacePhasesPagesController } from './admin-spaces/space-phases.controller';
import { SpacesPagesController } from './spaces/spaces.controller';
import { ProposalsPagesController } from './proposals/proposals.controller';
import { AdminProposalsController } from './admin-proposals/admin-proposals.controller';
import { NotFoundController, SiteController } from './site/site.controller';

/**
 * The citizen site: pages rendered on the server from the gateway's public
 * API. Holds no data of its own. The catch-all 404 controller comes last.
 */
@Module({
  controllers: [
    SiteController,
    // Before the petition pages: /petitions/new is not a petition id.
    MyPetitionsController,
    PetitionsPagesController,
    SignInController,
    AdminController,
    // Before the petitions back-office: /admin/petitions/types is not a petition id.
    AdminPetitionTypesController,
    AdminPetitionsController,
    RegistrationController,
    PasswordResetController,
    MyAccountController,
    OrganizationSettingsPagesController,
    OrganizationUsersPagesController,
    BrandingController,
    SpacesPagesController,
    AdminSpacesController,
    SpacePhasesPagesController,
    SpaceComponentsPagesController,
    ProposalsPagesController,
    AdminProposalsController,
    BudgetsPagesController,
    AdminBudgetsController,
    NotFoundController,
  ],
  providers: [
    {
      provide: WEB_CONFIG,
      inject: [{ token: SERVICE_RUNTIME, optional: true }],
      useFactory: (runtime?: ServiceRuntime): WebConfig => ({
        gatewayUrl: (runtime?.env ?? process.env).GATEWAY_URL || undefined,
      }),
    },
    PageErrorFilter,
  ],
})
export class WebModule {
  /** Alone (distributed mode): the logger and configuration that the platform would give. */
  static standalone(logger: JsonLogger, config: WebConfig): DynamicModule {
    return {
      module: WebModule,
      providers: [
        { provide: JsonLogger, useValue: logger },
        { provide: WEB_CONFIG, useValue: config },
      ],
    };
  }
}
