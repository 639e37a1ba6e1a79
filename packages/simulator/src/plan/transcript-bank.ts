import type { Intent } from './call-mix.js';

/**
 * Lines the demo callers and agents say. Only their rough length matters to the plane (speech
 * seconds, TTS characters); the words make the console's transcript view readable.
 */
interface IntentLines {
  opening: readonly string[];
  callerFollowUps: readonly string[];
  agentReplies: readonly string[];
}

const LINES: Readonly<Record<Intent, IntentLines>> = {
  order_status: {
    opening: ['Hi, I ordered a blender last week and it still has not arrived.', 'I want to know where my order is, it said two days.'],
    callerFollowUps: ['The order number is on the email, hold on.', 'Is it going to come before Friday?', 'Can you send me the tracking link?'],
    agentReplies: [
      'I can help with that. Could you confirm the email address on the order?',
      'Thanks. Your parcel left our warehouse on Tuesday and is now with the courier; it should arrive tomorrow before noon.',
      'I have sent the tracking link to your email. Is there anything else I can check for you?',
    ],
  },
  technical_issue: {
    opening: ['My router keeps dropping the connection every few minutes.', 'The app will not let me log in since the update.'],
    callerFollowUps: ['Yes, I already restarted it twice.', 'The light is blinking orange.', 'Okay, and how long will that take?'],
    agentReplies: [
      'Sorry about that. Let me look at your line from here; could you confirm your postcode?',
      'I see intermittent drops on your line since yesterday. I have opened a ticket for our network team and you will get updates by text.',
      'Please try holding the reset button for ten seconds while I stay on the line.',
    ],
  },
  appointment: {
    opening: ['I need to book a service appointment for my boiler.', 'I am calling to move my appointment to next week.'],
    callerFollowUps: ['Mornings are better for me.', 'Thursday works.', 'Will the engineer call before coming?'],
    agentReplies: [
      'Of course. Let me check the engineer calendar for your area.',
      'I have Thursday at nine or Friday at eleven. Which would suit you?',
      'You are booked for Thursday at nine. The engineer will call thirty minutes before arriving.',
    ],
  },
  billing_question: {
    opening: ['Why is my bill higher this month?', 'I want to change the card I pay with.'],
    callerFollowUps: ['I did not know the discount ended.', 'Can you update it to the new card then?', 'Okay, that makes sense.'],
    agentReplies: [
      'Let me pull up your account. Could you confirm your date of birth?',
      'Your twelve-month discount ended on the third, which is why the amount went up by eight pounds.',
      'Done, the new card will be used from your next bill. I have noted the change on your account.',
    ],
  },
  billing_dispute: {
    opening: ['I was charged twice for the same month and I want it refunded.', 'There is a charge on my account I never agreed to.'],
    callerFollowUps: ['This is the second time this happens.', 'So when do I get my money back?', 'I want this fixed today.'],
    agentReplies: [
      'I understand, that is frustrating. Let me look at the charges on your account.',
      'I can see two payments on the fifth. I have raised a refund request with our billing team.',
      'Refunds are usually back on your card within five working days; you will get a confirmation email.',
    ],
  },
  renewal: {
    opening: ['Hello?', 'Yes, speaking.'],
    callerFollowUps: ['What is the price after the renewal?', 'Alright, go ahead and renew it.', 'Can I keep the same plan?'],
    agentReplies: [
      'Hi, this is Ava calling from Brightline about your plan, which renews at the end of the month. Do you have a minute?',
      'If you renew today you keep your current price for another twelve months.',
      'Great, your plan is renewed and you will get the confirmation by email.',
    ],
  },
  win_back: {
    opening: ['Hello, who is this?', 'Yes?'],
    callerFollowUps: ['I left because it was too expensive.', 'Maybe, what is the offer?', 'Send me the details and I will think about it.'],
    agentReplies: [
      'Hi, this is Ava from Brightline. We miss you, and I have an offer I think you will like.',
      'We can give you three months at half price if you come back this week.',
      'I have emailed you the offer; it is valid until Sunday. Thanks for your time.',
    ],
  },
};

const GOODBYES: readonly string[] = ['Thanks, that is all.', 'Great, thank you.', 'No, that is everything, bye.'];
const HANDOFF = 'I am going to connect you with a colleague who can help with this. Please stay on the line.';
const FAREWELL = 'You are welcome. Have a good day, goodbye.';

export interface TurnLines {
  caller: string;
  agent: string;
}

/** How a conversation ends, when it ends on purpose. */
export type Closing = 'goodbye' | 'handoff';

/** The caller's and the agent's line for one turn; `pickIndex` chooses among candidates. */
export function linesFor(intent: Intent, turnIndex: number, closing: Closing | null, pickIndex: (count: number) => number): TurnLines {
  const lines = LINES[intent];
  const choose = (from: readonly string[]): string => from[pickIndex(from.length)];
  const caller = turnIndex === 0 ? choose(lines.opening) : closing === 'goodbye' ? choose(GOODBYES) : choose(lines.callerFollowUps);
  if (closing === 'handoff') return { caller, agent: HANDOFF };
  if (closing === 'goodbye') return { caller, agent: FAREWELL };
  return { caller, agent: turnIndex === 0 ? lines.agentReplies[0] : choose(lines.agentReplies.slice(1)) };
}
