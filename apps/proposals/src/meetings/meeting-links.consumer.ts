import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { decodeEvent, Topics, type MeetingRef, type MeetingProposalLink } from '@palabre/contracts';
import { SERVICE_RUNTIME, type ServiceRuntime } from '@palabre/service-kit';
import { UUID } from '../components/component-access';
import {
  MeetingLinksRepository,
  type MeetingLinkKind,
  type MeetingRefRow,
} from './meeting-links.repository';

interface MeetingEvent {
  meeting: MeetingRef | undefined;
  /** When the event says the meeting was as it carries it (RFC 3339). */
  at: string;
  /** A closing: every link of the meeting now. */
  links?: MeetingProposalLink[];
}

const time = (s: string): Date | null => {
  const d = new Date(s);
  return s && !Number.isNaN(d.getTime()) ? d : null;
};

/** What proposals keeps of a MeetingRef, or null when one of its ids is not a UUID. */
function refRow(r: MeetingRef | undefined): MeetingRefRow | null {
  if (!r || ![r.meetingId, r.organizationId, r.spaceId, r.componentId].every((id) => UUID.test(id)))
    return null;
  return {
    organizationId: r.organizationId,
    meetingId: r.meetingId,
    spaceId: r.spaceId,
    componentId: r.componentId,
    title: r.title,
    startsAt: time(r.startsAt),
  };
}

/** The links worth trying: proposal ids that are UUIDs, kinds we know, each proposal once. */
function validLinks(links: MeetingProposalLink[]): { proposalId: string; kind: MeetingLinkKind }[] {
  const byProposal = new Map<string, MeetingLinkKind>();
  for (const l of links) {
    const id = l.proposalId.toLowerCase();
    if (!UUID.test(id) || (l.kind !== 'born' && l.kind !== 'linked') || byProposal.has(id))
      continue;
    byProposal.set(id, l.kind);
  }
  return [...byProposal].map(([proposalId, kind]) => ({ proposalId, kind }));
}

/**
 * The meetings proposals were born in or linked to, from meetings' events.
 * A closing (sent again whenever the minutes change) carries every link of
 * its meeting: the meeting's links become that set, within the event's
 * organization; a closing older than the one applied is ignored. The other
 * meeting events keep the title and date shown current; a cancelled meeting
 * keeps its links. Registration events are not read: they carry the same
 * reference, but many of them, and every edit that matters comes as a
 * meetings.meeting.changed.
 */
@Injectable()
export class MeetingLinksConsumer implements OnModuleInit {
  constructor(
    @Inject(SERVICE_RUNTIME) private readonly runtime: ServiceRuntime,
    private readonly links: MeetingLinksRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.bus.consume<MeetingEvent>({
      ds: this.runtime.dataSource,
      schema: 'proposals',
      group: 'proposals.meeting-links',
      topics: [
        Topics.MeetingsMeetingClosedV1,
        Topics.MeetingsMeetingChangedV1,
        Topics.MeetingsMeetingCancelledV1,
        Topics.MeetingsMeetingPublishedV1,
      ],
      decode: (topic, payload) => {
        switch (topic) {
          case Topics.MeetingsMeetingClosedV1: {
            const e = decodeEvent(Topics.MeetingsMeetingClosedV1, payload);
            return { meeting: e.meeting, at: e.closedAt, links: e.proposals };
          }
          case Topics.MeetingsMeetingChangedV1: {
            const e = decodeEvent(Topics.MeetingsMeetingChangedV1, payload);
            return { meeting: e.meeting, at: e.changedAt };
          }
          case Topics.MeetingsMeetingCancelledV1: {
            const e = decodeEvent(Topics.MeetingsMeetingCancelledV1, payload);
            return { meeting: e.meeting, at: e.cancelledAt };
          }
          default: {
            const e = decodeEvent(Topics.MeetingsMeetingPublishedV1, payload);
            return { meeting: e.meeting, at: e.publishedAt };
          }
        }
      },
      handle: async (event, m) => {
        const e = event.payload;
        const ref = refRow(e.meeting);
        const at = time(e.at);
        if (!ref || !at) return;
        // The organization named in the event is the one its envelope was published for.
        if (event.tenantId && event.tenantId !== ref.organizationId) return;
        if (!e.links) return this.links.refresh(m, ref, at);
        if (await this.links.close(m, ref, at))
          await this.links.replace(m, ref.organizationId, ref.meetingId, validLinks(e.links));
      },
    });
  }
}
