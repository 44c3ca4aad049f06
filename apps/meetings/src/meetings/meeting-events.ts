import type { EntityManager } from 'typeorm';
import { Topics, type MeetingRefJson } from '@palabre/contracts';
import { publish } from '@palabre/messaging';
import type { MeetingRow } from './meeting.view';

/** Where a meeting is and when, as every meetings event carries it. */
export function meetingRef(m: MeetingRow): MeetingRefJson {
  return {
    meetingId: m.id,
    organizationId: m.organization_id,
    spaceId: m.space_id,
    componentId: m.component_id,
    title: m.title as Record<string, string>,
    type: m.type,
    startsAt: new Date(m.starts_at).toISOString(),
    endsAt: new Date(m.ends_at).toISOString(),
    timeZone: m.time_zone,
  };
}

type MeetingTopic =
  | typeof Topics.MeetingsMeetingPublishedV1
  | typeof Topics.MeetingsMeetingChangedV1
  | typeof Topics.MeetingsMeetingCancelledV1
  | typeof Topics.MeetingsMeetingClosedV1
  | typeof Topics.MeetingsRegistrationConfirmedV1
  | typeof Topics.MeetingsRegistrationCancelledV1;

const MESSAGES: Record<MeetingTopic, string> = {
  [Topics.MeetingsMeetingPublishedV1]: 'MeetingPublished',
  [Topics.MeetingsMeetingChangedV1]: 'MeetingChanged',
  [Topics.MeetingsMeetingCancelledV1]: 'MeetingCancelled',
  [Topics.MeetingsMeetingClosedV1]: 'MeetingClosed',
  [Topics.MeetingsRegistrationConfirmedV1]: 'RegistrationConfirmed',
  [Topics.MeetingsRegistrationCancelledV1]: 'RegistrationCancelled',
};

/**
 * Publishes a meetings event through the outbox, in the transaction of the
 * change, with the meeting's MeetingRef; key: the meeting (its events stay in order).
 */
export async function publishMeetingEvent(
  em: EntityManager,
  m: MeetingRow,
  event: { topic: MeetingTopic; payload: Record<string, unknown> },
): Promise<void> {
  await publish(em, 'meetings', {
    topic: event.topic,
    key: m.id,
    tenantId: m.organization_id,
    schema: `palabre.meetings.v1.${MESSAGES[event.topic]}`,
    payload: { meeting: meetingRef(m), ...event.payload },
  });
}
