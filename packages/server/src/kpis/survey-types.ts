/** A survey result as an integration posts it: CSAT 1–5 or NPS 0–10, about one call. */
export interface SurveyResponse {
  tenantId: string;
  /** Which call it is about: by the call's id (`lumay.call.id`) or its correlation id. */
  matchOn: 'call_id' | 'correlation_id';
  matchKey: string;
  kind: 'csat' | 'nps';
  score: number;
  respondedAtUs: number;
  receivedAtUs: number;
  /** The survey tool, free text (`typeform`, `ivr-post-call`). */
  source: string;
}

export const SURVEY_SCALES = { csat: { min: 1, max: 5 }, nps: { min: 0, max: 10 } } as const;
