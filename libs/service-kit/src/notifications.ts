import type { NotificationJson, NotificationKind } from '@palabre/contracts';
import { publishMany, type OutgoingEvent } from '@palabre/messaging';
import type { EntityManager } from 'typeorm';

/** Recipients per event: 10,000 account ids keep a message under 400 kB (Kafka's default limit is 1 MB). */
const CHUNK = 10_000;

/** What a service tells the people its change concerns (ADR 0040). */
export interface NotificationRequest {
  organizationId: string;
  kind: NotificationKind;
  recipientIds: string[];
  spaceId?: string | null;
  spaceTitle?: Record<string, string>;
  subjectId: string;
  title: Record<string, string>;
  path: string;
  params?: Record<string, string>;
  occurredAt?: Date;
  /** The same change told again (a retry) must give the same key: each person is told once. */
  dedupeKey: string;
}

/**
 * Publishes `<service>.notification.requested.v1` through the outbox, in the
 * caller's transaction (the change and its telling commit together): one
 * event per 10,000 recipients, none without recipients. The newsletter
 * service turns them into notifications, as each person chose.
 */
export async function publishNotification(
  m: EntityManager,
  service: NotifyingService,
  request: NotificationRequest,
): Promise<void> {
  const events = notificationEvents(service, request);
  if (events.length) await publishMany(m, service, events);
}

export type NotifyingService = 'petitions' | 'proposals' | 'meetings' | 'budgeting' | 'antispam';

/** The events `publishNotification` publishes: one per 10,000 recipients, none without. */
export function notificationEvents(
  service: NotifyingService,
  request: NotificationRequest,
): OutgoingEvent[] {
  const ids = [...new Set(request.recipientIds)];
  const schema = `palabre.${service}.v1.${service[0].toUpperCase()}${service.slice(1)}NotificationRequested`;
  const events: OutgoingEvent[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const notification: NotificationJson = {
      organizationId: request.organizationId,
      kind: request.kind,
      recipientIds: ids.slice(i, i + CHUNK),
      spaceId: request.spaceId ?? '',
      spaceTitle: request.spaceTitle ?? {},
      subjectId: request.subjectId,
      title: request.title,
      path: request.path,
      params: request.params ?? {},
      occurredAt: (request.occurredAt ?? new Date()).toISOString(),
      dedupeKey: ids.length > CHUNK ? `${request.dedupeKey}#${i / CHUNK}` : request.dedupeKey,
    };
    events.push({
      topic: `${service}.notification.requested.v1`,
      key: request.subjectId,
      tenantId: request.organizationId,
      schema,
      payload: { notification },
    });
  }
  return events;
}
