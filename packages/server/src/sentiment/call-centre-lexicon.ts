/**
 * AFINN-scale valences (−5..5) for what callers say on the phone that a general word list
 * misreads, tuned on the `dev` rows of caller-utterances.ts only (the held-out rows measure it).
 *
 * - Requests and politeness are not mood: "I'd like a refund", "yes please", "okay".
 * - Asking for a person is the strongest early sign of an escalation in a voice-agent call.
 * - Persistence and repetition words carry the complaint: "still", "again", "keeps", "never",
 *   "nobody", "already", "why …?".
 */
export const CALL_CENTRE_LEXICON: Record<string, number> = {
  like: 0,
  please: 0,
  yes: 0,
  okay: 0,
  ok: 0,
  human: -2,
  person: -2,
  manager: -2,
  supervisor: -2,
  representative: -2,
  still: -2,
  again: -2,
  keeps: -2,
  keep: -1,
  never: -2,
  nobody: -2,
  already: -1,
  why: -2,
  crashing: -2,
  broken: -2,
  transferred: -2,
  waste: -3,
  demand: -2,
  told: -1,
  overcharged: -3,
  unacceptable: -3,
};
