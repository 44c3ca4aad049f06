/**
 * POST /internal/participants (proposals, budgeting, meetings) and
 * POST /internal/space-members (spaces), asked by the newsletter service
 * calling as itself (ADR 0038) with `{ spaceIds }`: the distinct account ids
 * of the token's organization that took part in those spaces (or are members
 * of them), sorted. Only accounts: never an anonymous signer's key nor a
 * guest's address. Who of them may be written to is identity's answer
 * (POST /internal/recipients), not this one's.
 */
export interface ParticipantsView {
  userIds: string[];
}
