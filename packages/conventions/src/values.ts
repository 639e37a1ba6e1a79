/** Closed value sets of the conventions. Anything else is normalised or rejected by the server. */

export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Outcome of a call. `unanswered` only for outbound attempts not answered by a live person. */
export const OUTCOMES = ['resolved', 'escalated', 'abandoned', 'failed', 'unanswered'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Who or what picked up an outbound call. `human` makes the call handled. */
export const ANSWERED_BY = ['human', 'machine', 'no_answer', 'busy', 'failed'] as const;
export type AnsweredBy = (typeof ANSWERED_BY)[number];

/** The hops of a voice call, in pipeline order. `transfer` is the hand-off to a person. */
export const STAGES = ['telephony', 'stt', 'llm', 'connector', 'tts', 'transfer'] as const;
export type Stage = (typeof STAGES)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Work item types counted by the "tickets / CRM updates created" KPI. Others are kept as given. */
export const WORK_ITEM_TYPES = ['ticket', 'crm_update', 'appointment', 'callback', 'other'] as const;
export type WorkItemType = (typeof WORK_ITEM_TYPES)[number];

export const TRANSCRIPT_ROLES = ['caller', 'agent'] as const;
export type TranscriptRole = (typeof TRANSCRIPT_ROLES)[number];

export function isOneOf<T extends string>(set: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (set as readonly string[]).includes(value);
}
