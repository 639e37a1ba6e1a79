import type { Sentiment } from '@lumay/conventions';
import type { RandomSource } from '../providers/random-source.js';

/** What the model may ask the engine to do in a turn; each is one connector call (or the hand-off). */
export type ToolName = 'lookup_customer' | 'lookup_order' | 'create_ticket' | 'book_appointment' | 'transfer_to_human';

export interface ScriptedTurn {
  /** What the caller says. */
  caller: string;
  /** The tool the model calls before answering, if any. */
  tool?: ToolName;
  /** What the agent answers once the tool (if any) succeeded. */
  reply: string;
}

/**
 * A caller's reason for calling, as a scripted conversation. The simulated model follows the
 * script; what actually happens (a connector failing, the model provider failing) is decided at
 * run time, so the same script can end resolved, escalated or failed.
 */
export interface Scenario {
  name: ScenarioName;
  turns: readonly ScriptedTurn[];
  /** How the caller feels at the end when everything went to plan. */
  sentiment: Sentiment;
  /** Escalation reason when the script itself ends in a hand-off. */
  escalationReason?: string;
  /** The caller hangs up after the greeting, before saying anything. */
  hangsUpEarly?: boolean;
}

export const SCENARIO_NAMES = ['order_status', 'technical_issue', 'appointment', 'billing_dispute', 'early_hangup'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

const SCENARIOS: Record<ScenarioName, Scenario> = {
  order_status: {
    name: 'order_status',
    sentiment: 'positive',
    turns: [
      { caller: "Hi, I'm calling about my order, it still hasn't arrived", tool: 'lookup_customer', reply: 'I found your account. Could you give me the order number?' },
      { caller: "Sure, it's four eight two one three", tool: 'lookup_order', reply: 'Order 48213 shipped yesterday and should arrive on Thursday.' },
      { caller: "Great, that's all I needed, thank you", reply: 'You are welcome. Have a nice day!' },
    ],
  },
  technical_issue: {
    name: 'technical_issue',
    sentiment: 'neutral',
    turns: [
      { caller: 'My internet keeps dropping every few minutes', tool: 'lookup_customer', reply: 'I can see your line. Have you restarted the router?' },
      { caller: 'Yes, twice already and it still drops', tool: 'create_ticket', reply: 'I have opened a ticket for a technician; you will get an email with its number.' },
      { caller: 'Okay, thanks', reply: 'Thank you for calling. Goodbye.' },
    ],
  },
  appointment: {
    name: 'appointment',
    sentiment: 'positive',
    turns: [
      { caller: "I'd like to book a service appointment for my boiler", tool: 'lookup_customer', reply: 'Of course. Which day suits you best?' },
      { caller: 'Tuesday morning would be perfect', tool: 'book_appointment', reply: 'You are booked for Tuesday at nine. Anything else?' },
      { caller: 'No, that is great, thanks', reply: 'Great. See you on Tuesday!' },
    ],
  },
  billing_dispute: {
    name: 'billing_dispute',
    sentiment: 'negative',
    escalationReason: 'billing_dispute',
    turns: [
      { caller: 'I was charged twice this month and I am really annoyed', tool: 'lookup_customer', reply: 'I am sorry about that. I can see two charges on your account.' },
      { caller: 'I want to talk to a person about a refund', tool: 'transfer_to_human', reply: 'Let me put you through to our billing team.' },
    ],
  },
  early_hangup: { name: 'early_hangup', sentiment: 'neutral', hangsUpEarly: true, turns: [] },
};

/** The mix of reasons people call the demo support line. */
const MIX: readonly (readonly [ScenarioName, number])[] = [
  ['order_status', 0.32],
  ['technical_issue', 0.25],
  ['appointment', 0.18],
  ['billing_dispute', 0.17],
  ['early_hangup', 0.08],
];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** The scenario asked for, else one drawn from the mix. */
export function chooseScenario(random: RandomSource, forced?: ScenarioName): Scenario {
  if (forced !== undefined) return SCENARIOS[forced];
  let draw = random.next();
  for (const [name, weight] of MIX) {
    draw -= weight;
    if (draw < 0) return SCENARIOS[name];
  }
  return SCENARIOS.order_status;
}
