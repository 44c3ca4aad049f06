import type {
  LocalizedText,
  MeetingAgendaItemView,
  MeetingMinutesView,
  MeetingPhotoView,
  MeetingProposalLinkView,
  MeetingSeatsView,
  MeetingServiceKind,
  MeetingSpaceView,
  MeetingState,
  MeetingSummaryView,
  MeetingType,
  OnlineVisibility,
} from '@palabre/contracts';

/** A row of meetings.meetings. */
export interface MeetingRow {
  id: string;
  organization_id: string;
  component_id: string;
  space_id: string;
  organizer_kind: 'official' | 'participant';
  author_id: string | null;
  author_name: string | null;
  title: LocalizedText;
  description: LocalizedText;
  type: MeetingType;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  address: string | null;
  location_hints: LocalizedText;
  latitude: number | null;
  longitude: number | null;
  online_url: string | null;
  online_visibility: OnlineVisibility;
  online_shown_minutes_before: number;
  agenda: MeetingAgendaItemView[];
  services: MeetingServiceKind[];
  private: boolean;
  transparent: boolean;
  state: MeetingState;
  cancel_reason: LocalizedText;
  registrations_enabled: boolean;
  capacity: number | null;
  reserved_seats: number;
  waiting_list_enabled: boolean;
  registration_terms: LocalizedText;
  seats_taken: number;
  waiting: number;
  minutes: Omit<MeetingMinutesView, 'closedAt'> | null;
  closed_at: Date | null;
  proposal_links: MeetingProposalLinkView[];
  photos: MeetingPhotoView[];
  version: number;
  published_at: Date | null;
  cancelled_at: Date | null;
  /** When its registrants were reminded of it, the day before (ReminderJob); null: not yet. */
  reminded_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (d: Date): string => new Date(d).toISOString();
const isoOrNull = (d: Date | null): string | null => (d ? iso(d) : null);

export { iso, isoOrNull };

export function seatsOf(m: MeetingRow): MeetingSeatsView {
  const offered = m.capacity === null ? null : Math.max(0, m.capacity - m.reserved_seats);
  return {
    enabled: m.registrations_enabled,
    capacity: m.capacity,
    reservedSeats: m.reserved_seats,
    taken: m.seats_taken,
    left: offered === null ? null : Math.max(0, offered - m.seats_taken),
    waitingListEnabled: m.waiting_list_enabled,
    waiting: m.waiting,
  };
}

export function minutesOf(m: MeetingRow): MeetingMinutesView | null {
  return m.minutes && m.closed_at ? { ...m.minutes, closedAt: iso(m.closed_at) } : null;
}

export function summaryView(m: MeetingRow, space: MeetingSpaceView | null): MeetingSummaryView {
  return {
    id: m.id,
    spaceId: m.space_id,
    componentId: m.component_id,
    title: m.title,
    type: m.type,
    startsAt: iso(m.starts_at),
    endsAt: iso(m.ends_at),
    timeZone: m.time_zone,
    address: m.address,
    state: m.state,
    closed: m.closed_at !== null,
    private: m.private,
    seats: seatsOf(m),
    space,
  };
}
