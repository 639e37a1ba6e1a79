/** What the RSS benchmark and its sender of calls in progress (in-flight-sender.ts) tell each other. */
export type ToInFlightSender = { type: 'start'; url: string; apiKey: string } | { type: 'send' };
export type InFlightSenderMessage = { type: 'ready' } | { type: 'sent' } | { type: 'error'; message: string };
