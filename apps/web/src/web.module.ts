import { Module, type DynamicModule } from '@nestjs/common';
import { JsonLogger } from '@palabre/observability';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { MyAccountController } from './account/my-account.controller';
import { MY_ACCOUNT_FORMS } from './account/my-account.forms';
import { NewsletterController } from './account/newsletter.controller';
import { NEWSLETTER_FORMS } from './account/newsletter.forms';
import { NotificationsController } from './account/notifications.controller';
import { NOTIFICATION_FORMS } from './account/notifications.forms';
import { PasswordResetController } from './account/password-reset.controller';
import { PASSWORD_RESET_FORMS } from './account/password-reset.forms';
import { RegistrationController } from './account/registration.controller';
import { REGISTRATION_FORMS } from './account/registration.forms';
import { SignInController } from './account/sign-in.controller';
import { SIGN_IN_FORMS } from './account/sign-in.forms';
import { AdminController } from './organization/admin/admin-home.controller';
import { AdminBudgetsController } from './budgets/admin/admin-budgets.controller';
import { BudgetsPagesController } from './budgets/public/budgets.controller';
import { BUDGET_FORMS } from './budgets/public/budgets.forms';
import { ADMIN_BUDGET_FORMS } from './budgets/admin/admin-budgets.forms';
import { AdminMeetingsController } from './meetings/admin/admin-meetings.controller';
import { ADMIN_MEETING_FORMS } from './meetings/admin/admin-meetings.forms';
import { AdminSurveysController } from './surveys/admin/admin-surveys.controller';
import { ADMIN_SURVEY_FORMS } from './surveys/admin/admin-surveys.forms';
import { AdminSortitionsController } from './sortitions/admin/admin-sortitions.controller';
import { ADMIN_SORTITION_FORMS } from './sortitions/admin/admin-sortitions.forms';
import { AdminNewslettersController } from './newsletters/admin/admin-newsletters.controller';
import { ADMIN_NEWSLETTER_FORMS } from './newsletters/admin/admin-newsletters.forms';
import { AdminPetitionsController } from './petitions/admin/admin-petitions.controller';
import { AdminPetitionTypesController } from './petitions/admin/petition-types.controller';
import { PETITION_TYPE_FORMS } from './petitions/admin/petition-types.forms';
import { ADMIN_PETITION_FORMS } from './petitions/admin/admin-petitions.forms';
import { formActionsController } from './shared/forms/form-action';
import { WEB_CONFIG, type WebConfig } from './shared/config/web.config';
import { BrandingController } from './shared/branding/branding.controller';
import { PageErrorFilter } from './shared/layout/render';
import { MyPetitionsController } from './petitions/mine/my-petitions.controller';
import { MY_PETITION_FORMS } from './petitions/mine/my-petitions.forms';
import { OrganizationSettingsPagesController } from './organization/admin/organization-settings.controller';
import { ORGANIZATION_SETTINGS_FORMS } from './organization/admin/organization-settings.forms';
import { OrganizationUsersPagesController } from './organization/admin/organization-users.controller';
import { ORGANIZATION_USERS_FORMS } from './organization/admin/organization-users.forms';
import { AdminSpamController } from './antispam/admin/admin-spam.controller';
import { CONTEST_FORMS, ContestController } from './account/contest';
import { ADMIN_SPAM_FORMS } from './antispam/admin/admin-spam.forms';
import { PetitionsPagesController } from './petitions/public/petitions.controller';
import { PETITION_FORMS } from './petitions/public/petitions.forms';
import { AdminSpacesController } from './spaces/admin/admin-spaces.controller';
import { ADMIN_SPACE_FORMS } from './spaces/admin/admin-spaces.forms';
import { SpaceComponentsPagesController } from './spaces/admin/space-components.controller';
import { SPACE_COMPONENT_FORMS } from './spaces/admin/space-components.forms';
import { SpacePhasesPagesController } from './spaces/admin/space-phases.controller';
import { SPACE_PHASE_FORMS } from './spaces/admin/space-phases.forms';
import { SpacesPagesController } from './spaces/public/spaces.controller';
import { ProposalsPagesController } from './proposals/public/proposals.controller';
import { PROPOSAL_FORMS } from './proposals/public/proposals.forms';
import { AdminProposalsController } from './proposals/admin/admin-proposals.controller';
import { ADMIN_PROPOSAL_FORMS } from './proposals/admin/admin-proposals.forms';
import { MeetingsDirectoryController } from './meetings/public/meetings-directory.controller';
import { MeetingsPagesController } from './meetings/public/meetings.controller';
import { MEETING_FORMS } from './meetings/public/meetings.forms';
import { SurveysPagesController } from './surveys/public/surveys.controller';
import { SURVEY_FORMS } from './surveys/public/surveys.forms';
import { SortitionsPagesController } from './sortitions/public/sortitions.controller';
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
    formActionsController('MyPetitionForms', MY_PETITION_FORMS),
    PetitionsPagesController,
    formActionsController('PetitionForms', PETITION_FORMS),
    SignInController,
    formActionsController('SignInForms', SIGN_IN_FORMS),
    AdminController,
    // Before the petitions back-office: /admin/petitions/types is not a petition id.
    AdminPetitionTypesController,
    formActionsController('PetitionTypeForms', PETITION_TYPE_FORMS),
    AdminPetitionsController,
    formActionsController('AdminPetitionForms', ADMIN_PETITION_FORMS),
    RegistrationController,
    formActionsController('RegistrationForms', REGISTRATION_FORMS),
    PasswordResetController,
    ContestController,
    formActionsController('ContestForms', CONTEST_FORMS),
    formActionsController('PasswordResetForms', PASSWORD_RESET_FORMS),
    MyAccountController,
    formActionsController('MyAccountForms', MY_ACCOUNT_FORMS),
    NewsletterController,
    formActionsController('NewsletterForms', NEWSLETTER_FORMS),
    NotificationsController,
    formActionsController('NotificationForms', NOTIFICATION_FORMS),
    OrganizationSettingsPagesController,
    formActionsController('OrganizationSettingsForms', ORGANIZATION_SETTINGS_FORMS),
    OrganizationUsersPagesController,
    formActionsController('OrganizationUsersForms', ORGANIZATION_USERS_FORMS),
    BrandingController,
    SpacesPagesController,
    AdminSpacesController,
    formActionsController('AdminSpaceForms', ADMIN_SPACE_FORMS),
    SpacePhasesPagesController,
    formActionsController('SpacePhaseForms', SPACE_PHASE_FORMS),
    SpaceComponentsPagesController,
    formActionsController('SpaceComponentForms', SPACE_COMPONENT_FORMS),
    ProposalsPagesController,
    formActionsController('ProposalForms', PROPOSAL_FORMS),
    AdminProposalsController,
    formActionsController('AdminProposalForms', ADMIN_PROPOSAL_FORMS),
    BudgetsPagesController,
    formActionsController('BudgetForms', BUDGET_FORMS),
    AdminBudgetsController,
    formActionsController('AdminBudgetForms', ADMIN_BUDGET_FORMS),
    AdminMeetingsController,
    formActionsController('AdminMeetingForms', ADMIN_MEETING_FORMS),
    AdminSurveysController,
    formActionsController('AdminSurveyForms', ADMIN_SURVEY_FORMS),
    AdminSortitionsController,
    formActionsController('AdminSortitionForms', ADMIN_SORTITION_FORMS),
    AdminNewslettersController,
    formActionsController('AdminNewsletterForms', ADMIN_NEWSLETTER_FORMS),
    AdminSpamController,
    formActionsController('AdminSpamForms', ADMIN_SPAM_FORMS),
    MeetingsPagesController,
    MeetingsDirectoryController,
    formActionsController('MeetingForms', MEETING_FORMS),
    SurveysPagesController,
    formActionsController('SurveyForms', SURVEY_FORMS),
    SortitionsPagesController,
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
