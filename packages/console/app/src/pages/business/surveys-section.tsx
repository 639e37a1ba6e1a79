import { fmt } from '../../lib/format.js';
import type { KpiSummary } from '../../lib/types.js';

const plural = (n: number, word: string): string => `${fmt(n, 'count')} ${word}${n === 1 ? '' : 's'}`;

/** CSAT, NPS and appointment conversion, saying plainly which are not configured. */
export function SurveysSection({ kpis }: { kpis: KpiSummary }) {
  const s = kpis.surveys;
  const a = kpis.appointments;
  const noSurveys = s.csatResponses === 0 && s.npsResponses === 0;
  return (
    <section class="panel" aria-labelledby="surveys-h">
      <h2 id="surveys-h">Surveys and conversions</h2>
      <div class="biz-cols">
        <div data-testid="survey-results">
          <h3>Surveys</h3>
          {noSurveys ? (
            <p class="muted">
              No survey results yet: post them to <code>POST /api/v1/surveys</code> (docs/api.md).
            </p>
          ) : (
            <dl class="facts">
              <dt>CSAT</dt>
              <dd data-testid="csat" data-value={s.csatScore ?? ''}>
                {s.csatResponses > 0 ? fmt(s.csatScore, 'rate') : 'no CSAT responses'}{' '}
                <span class="muted small">satisfied (4–5) of {plural(s.csatResponses, 'response')}</span>
              </dd>
              <dt>NPS</dt>
              <dd data-testid="nps" data-value={s.nps ?? ''}>
                {s.npsResponses > 0 ? fmt(s.nps, 'score') : 'no NPS responses'}{' '}
                <span class="muted small">from {plural(s.npsResponses, 'response')}</span>
              </dd>
            </dl>
          )}
        </div>
        <div data-testid="appointments">
          <h3>Appointments</h3>
          {a.attempted === 0 ? (
            <p class="muted">No calendar activity in this window.</p>
          ) : (
            <dl class="facts">
              <dt>Conversion</dt>
              <dd data-value={a.conversionRate ?? ''}>{fmt(a.conversionRate, 'rate')}</dd>
              <dt>Booked</dt>
              <dd>
                {fmt(a.booked, 'count')} of {fmt(a.attempted, 'count')} calls that tried to book
              </dd>
            </dl>
          )}
        </div>
      </div>
    </section>
  );
}
