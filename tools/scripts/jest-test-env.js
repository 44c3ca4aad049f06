// Settings every test process starts with (the platforms they spawn inherit them).
// Tests register people the moment they are given their question: the minimum
// fill time of a registration (identity, ADR 0041) is tested on its own, with
// its own value (apps/identity/test/registration-gate.int-spec.ts).
process.env.REGISTRATION_MIN_SECONDS ??= '0';
// Likewise new accounts' pace (ADR 0041): test people post many contributions in a
// minute; the pace is tested on its own (apps/web/test/spam-review.int-spec.ts).
process.env.NEW_ACCOUNT_CONTRIBUTIONS_PER_HOUR ??= '0';
