import { pino, type Logger } from 'pino';

/** The plane's JSON log lines (Loki reads `level`, `service`, `tenant`, `correlation_id`). */
export function createLogger(level: string, bindings: Record<string, string> = {}): Logger {
  return pino({
    level,
    base: { service: 'lumay-plane', ...bindings },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
