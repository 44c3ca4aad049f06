/**
 * The shapes of the meetings API that the pages read (apps/meetings, reached
 * as /api/meetings/...), declared once in @palabre/contracts.
 *
 * Routes (all under /api/meetings):
 *   GET    /components/:componentId/meetings?when=upcoming|past|all&type&from&to&cursor&limit  MeetingListView
 *   POST   /components/:componentId/meetings            CreateMeeting body → MeetingView (draft)
 *   GET    /directory?when&type&from&to&spaceId&area&cursor&limit                           MeetingListView
 *   GET    /meetings/:id                                MeetingView
 *   PATCH  /meetings/:id                                partial CreateMeeting body → MeetingView
 *   DELETE /meetings/:id                                (a draft) 204
 *   POST   /meetings/:id/publish | /cancel | /withdraw  ({ reason?: LocalizedText }) → MeetingView
 *   POST   /meetings/:id/minutes                        Minutes body → MeetingView
 *   POST   /meetings/:id/registrations                  { name?, email?, acceptTerms?, lang? } → RegistrationResultView
 *   DELETE /meetings/:id/registrations/mine             204
 *   GET    /registrations/by-token?token=               RegistrationByTokenView
 *   POST   /registrations/confirm | /registrations/cancel  { token } → RegistrationByTokenView
 *   GET    /meetings/:id/registrations                  MeetingRegistrationListView (organizers)
 *   GET    /meetings/:id/registrations.csv              CSV (organizers)
 *   POST   /meetings/:id/registrations/check            { code } → CodeCheckView (organizers)
 *   POST   /meetings/:id/registrations/:rid/attendance  { attended } → MeetingRegistrationView
 *   POST   /meetings/:id/invitations                    { name, email } → MeetingRegistrationView
 *   GET    /meetings/:id/calendar.ics, /components/:cid/calendar.ics, /spaces/:sid/calendar.ics,
 *          /calendar.ics  (?lang=fr|en)                 text/calendar
 *   GET    /open-data/meetings.json | meetings.csv
 *
 * CreateMeeting body: { title: {fr?,en?}, description?, type: in_person|online|hybrid,
 *   startsAt: '2027-01-15T18:30' (wall-clock in timeZone), endsAt, timeZone: 'Europe/Paris',
 *   address?, locationHints?, latitude?, longitude?, onlineUrl? (https), onlineVisibility?: all|registered,
 *   onlineShownMinutesBefore?, agenda?: [{ title, description?, durationMinutes }], services?: MeetingServiceKind[],
 *   private?, transparent?, registrationsEnabled?, capacity? (null: no limit), reservedSeats?,
 *   waitingListEnabled?, registrationTerms?, photos?: [{ url (https), alt }] }
 * Minutes body: { text: {fr?,en?}, attendeesCount, contributionsCount, organizations?, audioUrl?, videoUrl?,
 *   proposals?: [{ proposalId, kind: born|linked }], photos? }
 * Refusals: 400 with errors[{ field, rule, limit? }]; 409 REGISTRATION_REFUSED with reason
 *   (NOT_PUBLISHED, CANCELLED, REGISTRATIONS_CLOSED, STARTED, FULL, GUESTS_NOT_ALLOWED, PRIVATE),
 *   409 WRONG_STATE with state or reason (NOT_STARTED, STARTED, EXPIRED, CANCELLED); 404 MEETING_NOT_FOUND,
 *   REGISTRATION_NOT_FOUND, COMPONENT_NOT_FOUND; 403 NOT_ALLOWED; 401 SIGN_IN_REQUIRED (component refusals).
 */
export {
  MEETING_TYPES,
  MEETING_STATES,
  MEETING_SERVICES,
  ONLINE_VISIBILITIES,
} from '@palabre/contracts';
export type {
  MeetingType,
  MeetingState,
  MeetingServiceKind,
  OnlineVisibility,
  MeetingAgendaItemView,
  MeetingPhotoView,
  MeetingMinutesView,
  MeetingProposalLinkView,
  MeetingSpaceView,
  MeetingSeatsView,
  MeetingSummaryView,
  MeetingListView,
  MyRegistrationView,
  MeetingOnlineView,
  MeetingView,
  MeetingRegistrationView,
  MeetingRegistrationListView,
  RegistrationResultView,
  RegistrationByTokenView,
  CodeCheckView,
} from '@palabre/contracts';

export const MEETINGS_API = '/api/meetings';
