/**
 * Topics are dot-separated segments (`market.trades.PETR4`). Segments are limited to characters that mean
 * nothing special to any transport (MQTT `/ + #`, NATS `* >` and Redis glob `* ? [ ] \` are all excluded),
 * so mapping a topic onto a transport never needs escaping.
 */
const SEGMENT = /^[A-Za-z0-9_:-]+$/;
const SEGMENT_RULE = 'dot-separated, non-empty segments of letters, digits, "_", "-" or ":"';

export const ONE_SEGMENT = '*';
export const REST_SEGMENTS = '>';

export function isTopic(topic: string): boolean {
  return topic.split('.').every((segment) => SEGMENT.test(segment));
}

/** Checks a concrete topic, as published. */
export function assertTopic(topic: string): void {
  if (typeof topic !== 'string' || !isTopic(topic)) {
    throw new Error(`invalid topic "${String(topic)}": expected ${SEGMENT_RULE}`);
  }
}

export interface TopicPattern {
  readonly text: string;
  readonly segments: readonly string[];
  matches(topic: string): boolean;
}

/** Parses a subscription: `*` stands for exactly one segment anywhere, a final `>` for one or more. */
export function parsePattern(pattern: string): TopicPattern {
  const segments = typeof pattern === 'string' ? pattern.split('.') : [];
  const valid =
    segments.length > 0 &&
    segments.every(
      (segment, i) =>
        SEGMENT.test(segment) || segment === ONE_SEGMENT || (segment === REST_SEGMENTS && i === segments.length - 1),
    );
  if (!valid) {
    throw new Error(
      `invalid subscription "${String(pattern)}": expected ${SEGMENT_RULE}, where a segment may be "*" and the last may be ">"`,
    );
  }
  return { text: pattern, segments, matches: (topic) => segmentsMatch(segments, topic.split('.')) };
}

function segmentsMatch(pattern: readonly string[], topic: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === REST_SEGMENTS) return topic.length > i;
    if (i >= topic.length) return false;
    if (pattern[i] !== ONE_SEGMENT && pattern[i] !== topic[i]) return false;
  }
  return topic.length === pattern.length;
}
