import { SeverityNumber, type TimeInput } from '@opentelemetry/api';
import { isOneOf, LogAttr, TRANSCRIPT_ROLES, type TranscriptRole } from '@lumay/conventions';
import type { ConnectorOptions, LlmOptions, StageOptions, SttEnd, TelephonyEnd, TtsEnd } from './call-options.js';
import { SpanHandle } from './call-scope.js';
import { ConnectorCall } from './connector-call.js';
import { LlmSpan, StageSpan, type SttSpan, type TelephonySpan, type TtsSpan } from './stage-span.js';

/** Error class of a thrown value, low-cardinality: its `code` (ECONNRESET) or its name. */
function errorTypeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    if (error instanceof Error) return error.name;
  }
  return 'Error';
}

/** A span that stages hang under: a turn, or the call itself for hops outside turns. */
export abstract class StageParent extends SpanHandle {
  /** The turn a transcript line belongs to; none for lines outside turns. */
  protected get turnNumber(): number | undefined {
    return undefined;
  }

  /**
   * One transcript line as an OpenTelemetry log record in this span's context, so it carries the
   * call's trace id (docs/semantic-conventions.md "Log records"). Transcripts are personal data:
   * send them only where your retention policy allows. The plane scores unlabelled calls'
   * sentiment from the caller's lines.
   */
  transcript(role: TranscriptRole, text: string, time?: TimeInput): void {
    if (!isOneOf(TRANSCRIPT_ROLES, role)) {
      this.runtime.misuse.report('invalid_argument', `transcript role must be caller or agent, got ${String(role)}; line dropped`);
      return;
    }
    const attributes: Record<string, string | number> = { [LogAttr.transcriptRole]: role };
    if (this.turnNumber !== undefined) attributes[LogAttr.turnNumber] = this.turnNumber;
    this.runtime.logger?.emit({ body: text, attributes, timestamp: time, severityNumber: SeverityNumber.INFO, severityText: 'INFO', context: this.context });
  }

  startTelephony(options: StageOptions = {}): TelephonySpan {
    return new StageSpan<TelephonyEnd>(this.runtime, this.context, 'telephony', options);
  }

  startStt(options: StageOptions = {}): SttSpan {
    return new StageSpan<SttEnd>(this.runtime, this.context, 'stt', options);
  }

  startLlm(options: LlmOptions): LlmSpan {
    return new LlmSpan(this.runtime, this.context, options);
  }

  startTts(options: StageOptions = {}): TtsSpan {
    return new StageSpan<TtsEnd>(this.runtime, this.context, 'tts', options);
  }

  startConnector(options: ConnectorOptions): ConnectorCall {
    return new ConnectorCall(this.runtime, this.context, options);
  }

  /**
   * Runs `work` as one connector call with its span active (so the HTTP request it makes is a
   * child). A normal return succeeds unless `work` already settled the call; a throw fails it with
   * the error's code or name and is rethrown.
   */
  async callConnector<T>(options: ConnectorOptions, work: (call: ConnectorCall) => Promise<T>): Promise<T> {
    const call = this.startConnector(options);
    try {
      const result = await call.run(() => work(call));
      if (!call.ended) call.succeed();
      return result;
    } catch (error) {
      if (!call.ended) call.fail({ errorType: errorTypeOf(error) });
      throw error;
    }
  }
}
