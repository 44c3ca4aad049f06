import type { LocalizedText } from './text';

/** The response shapes of the meetings service's API (apps/meetings), as the site reads them. */

export const MEETING_TYPES = ['in_person', 'online', 'hybrid'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

/** draft: only its organizers see it; withdrawn and cancelled: shown as such, registrations ended. */
export const MEETING_STATES = ['draft', 'published', 'withdrawn', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/** Services a meeting offers its participants. */
export const MEETING_SERVICES = [
  'childcare',
  'sign_language',
  'accessible_venue',
  'interpretation',
  'hearing_loop',
] as const;
export type MeetingServiceKind = (typeof MEETING_SERVICES)[number];

/** Who sees the online link: everyone, or only registered people. */
export const ONLINE_VISIBILITIES = ['all', 'registered'] as const;
export type OnlineVisibility = (typeof ONLINE_VISIBILITIES)[number];

export interface MeetingAgendaItemView {
  title: LocalizedText;
  description: LocalizedText;
  durationMinutes: number;
}

export interface MeetingPhotoView {
  /** https only. */
  url: string;
  alt: LocalizedText;
}

export interface MeetingMinutesView {
  text: LocalizedText;
  attendeesCount: number;
  contributionsCount: number;
  /** The organizations present, as the organizer wrote them. */
  organizations: string;
  audioUrl: string | null;
  videoUrl: string | null;
  /** RFC 3339. */
  closedAt: string;
}

export interface MeetingProposalLinkView {
  proposalId: string;
  /** born: created during the meeting; linked: linked to it by its organizer. */
  kind: 'born' | 'linked';
}

/** The space a meeting belongs to, as the directory shows it (from spaces' events). */
export interface MeetingSpaceView {
  id: string;
  slug: string;
  title: LocalizedText;
  area: LocalizedText;
}

export interface MeetingSeatsView {
  enabled: boolean;
  /** null: no limit. */
  capacity: number | null;
  /** Seats kept aside by the organizer (not offered on the platform). */
  reservedSeats: number;
  /** Seats held by confirmed (and not yet expired pending) registrations. */
  taken: number;
  /** null: no limit. */
  left: number | null;
  waitingListEnabled: boolean;
  waiting: number;
}

/** One meeting in a list (a component's, the organization's directory, a calendar). */
export interface MeetingSummaryView {
  id: string;
  spaceId: string;
  componentId: string;
  title: LocalizedText;
  type: MeetingType;
  /** RFC 3339 in UTC. */
  startsAt: string;
  endsAt: string;
  /** IANA zone the organizer gave the times in, e.g. "Europe/Paris". */
  timeZone: string;
  address: string | null;
  state: MeetingState;
  /** Closed with minutes. */
  closed: boolean;
  private: boolean;
  seats: MeetingSeatsView;
  space: MeetingSpaceView | null;
}

export interface MeetingListView {
  items: MeetingSummaryView[];
  /** Opaque; null on the last page. */
  nextCursor: string | null;
}

/** The caller's own registration to a meeting. */
export interface MyRegistrationView {
  id: string;
  /** pending: waiting for its email address to be confirmed (registrations without an account). */
  status: 'confirmed' | 'waiting' | 'pending';
  /** The short code shown at the door; null until the registration holds a seat. */
  code: string | null;
  /** Place on the waiting list (1: next), null when not waiting. */
  position: number | null;
  registeredAt: string;
}

export interface MeetingOnlineView {
  /** null while hidden from the caller (see shownFrom and visibility). */
  url: string | null;
  visibility: OnlineVisibility;
  /** RFC 3339: from when the link is shown (to registered people, or to all). */
  shownFrom: string;
}

export interface MeetingView extends MeetingSummaryView {
  description: LocalizedText;
  /** Floor, room, entrance… */
  locationHints: LocalizedText;
  latitude: number | null;
  longitude: number | null;
  online: MeetingOnlineView | null;
  agenda: MeetingAgendaItemView[];
  services: MeetingServiceKind[];
  /** Private but transparent: everyone sees it, only members take part. */
  transparent: boolean;
  registrationTerms: LocalizedText;
  /** Registrations without an account (name and email, confirmed by a mail link). */
  guestRegistrations: boolean;
  /** Why one cannot register now (REGISTRATIONS_CLOSED, FULL, STARTED, CANCELLED…), null when one can. */
  registrationRefusal: string | null;
  cancelReason: LocalizedText;
  publishedAt: string | null;
  cancelledAt: string | null;
  minutes: MeetingMinutesView | null;
  proposals: MeetingProposalLinkView[];
  photos: MeetingPhotoView[];
  myRegistration: MyRegistrationView | null;
  /** The caller may edit, cancel, close it and see its registrations. */
  mayOrganize: boolean;
  organizer: { kind: 'official' | 'participant'; name: string | null };
  version: number;
}

/** A registration as organizers see it. */
export interface MeetingRegistrationView {
  id: string;
  /** The registrant's name (their public name, or what a registrant without an account gave). */
  name: string | null;
  /** Registrations without an account only (an account's address stays with identity). */
  email: string | null;
  withAccount: boolean;
  status: 'confirmed' | 'waiting' | 'pending' | 'cancelled' | 'expired';
  code: string | null;
  position: number | null;
  registeredAt: string;
  confirmedAt: string | null;
  attendedAt: string | null;
}

export interface MeetingRegistrationListView {
  items: MeetingRegistrationView[];
  seats: MeetingSeatsView;
  attended: number;
}

/** The answer to registering: what the registration is now. */
export interface RegistrationResultView {
  registration: MyRegistrationView;
  /** A registration without an account: a mail was sent to confirm the address. */
  confirmationMailSent: boolean;
}

/** The answer to validating a code at the door. */
export interface CodeCheckView {
  valid: boolean;
  registration: MeetingRegistrationView | null;
  /** Already marked present before this check. */
  alreadyAttended: boolean;
}

/** A registration found by the token of its mailed link (registrations without an account). */
export interface RegistrationByTokenView {
  meeting: MeetingSummaryView;
  registration: MyRegistrationView;
  /** cancelled or expired: the link still leads here, saying so. */
  ended: 'cancelled' | 'expired' | null;
}
