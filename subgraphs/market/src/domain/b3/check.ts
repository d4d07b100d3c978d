/** Outcome of checking one value: the clean value, or why it was refused (worded for the person who sent it). */
export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

export const valid = <T>(value: T): Check<T> => ({ ok: true, value });
export const invalid = <T = never>(reason: string): Check<T> => ({ ok: false, reason });

/** A check of a free-form string against a closed pattern, with the pattern explained in words. */
export function matching(pattern: RegExp, explanation: string): (text: string) => Check<string> {
  return (text) => (pattern.test(text) ? valid(text) : invalid(`${JSON.stringify(text)} ${explanation}`));
}
