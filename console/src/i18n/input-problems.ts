import type { MessageKey } from './en';

// The node refuses input as "field: problem" in English, with no code (InputException, zod issues).
// These are the problems its checks write (src/**/…input.ts, case-content.ts, zod's own messages);
// a problem not listed here is shown as the node wrote it, after the field's name in the reader's language.

export type ProblemParams = Record<string, string | number | string[]>;
export interface InputProblem {
  key: MessageKey;
  params: ProblemParams;
}

type Rule = [RegExp, MessageKey, (match: RegExpMatchArray) => ProblemParams];

const none = (): ProblemParams => ({});
const list = (text: string): string[] =>
  text
    .split(/\s*(?:,|\||\bor\b)\s*/)
    .map((item) => item.replace(/^"|"$/g, '').trim())
    .filter(Boolean);

const RULES: Rule[] = [
  [/^must not be empty$/, 'input.EMPTY', none],
  [/^Invalid input: expected \w+, received undefined$/, 'input.REQUIRED', none],
  [
    /^(?:must be at most|Too big: expected string to have <=)\s?(\d+) characters(?: long)?$/,
    'input.TOO_LONG',
    (m) => ({ max: Number(m[1]) }),
  ],
  [
    /^(?:must be at least|Too small: expected string to have >=)\s?(\d+) characters(?: long)?$/,
    'input.TOO_SHORT',
    (m) => ({ min: Number(m[1]) }),
  ],
  [/^Too big: expected array to have <=(\d+) items$/, 'input.TOO_MANY', (m) => ({ max: Number(m[1]) })],
  [/^Too small: expected array to have >=(\d+) items$/, 'input.TOO_FEW', (m) => ({ min: Number(m[1]) })],
  [/^(?:name|give) at least one\b/, 'input.AT_LEAST_ONE', none],
  [/^(?:must be one of|Invalid option: expected one of) (.+)$/, 'input.ONE_OF', (m) => ({ allowed: list(m[1]) })],
  [
    /^must be (?:a whole number )?(?:of days )?(?:from |between )?(\d+) (?:to|and) (\d+)$/,
    'input.RANGE',
    (m) => ({ min: Number(m[1]), max: Number(m[2]) }),
  ],
  [/^must be an id \(UUID\)$/, 'input.NOT_AN_ID', none],
  [/^An id in the request is not a valid id/, 'input.BAD_ID', none],
  [/cannot be stored \(U\+0000\)$/, 'input.NUL', none],
  [/^A value in the request is not well-formed/, 'input.MALFORMED', none],
  [/^must be valid Unicode text$/, 'input.UNICODE', none],
  [/^must be a real date written YYYY-MM-DD$/, 'input.DATE', none],
  [/^must be an? (?:ISO 8601 )?date(?:-| and )time/, 'input.DATETIME', none],
  [/^must be in the future$/, 'input.FUTURE', none],
  [/^must be an ISO 3166-1 alpha-2 code/, 'input.COUNTRY', none],
  [/^must be a non-negative decimal string/, 'input.AMOUNT', none],
  [
    /^must be 1-(\d+) letters, digits, (.+)$/,
    'input.CHARACTERS',
    (m) => ({ max: Number(m[1]), signs: list(m[2]).join(' ') }),
  ],
  [/^duplicate (?:id )?"(.*)"$/, 'input.DUPLICATE', (m) => ({ value: m[1] })],
  [/^a subject needs at least one name$/, 'input.SUBJECT_NAME', none],
  [/^a case needs at least one offence category$/, 'input.OFFENCE_CATEGORY', none],
  [/^not a valid ([A-Z_0-9]+): (.+)$/, 'input.INVALID_IDENTIFIER', (m) => ({ type: m[1], detail: m[2] })],
  [/^say why\b/, 'input.REASON', none],
  // A partner policy's own rules (src/policy/sharing-policy.ts, partner-policy-check.ts).
  [/^Too small: expected number to be >=(\d+)$/, 'input.AT_LEAST', (m) => ({ min: Number(m[1]) })],
  [/^Too big: expected number to be <=(\d+)$/, 'input.AT_MOST', (m) => ({ max: Number(m[1]) })],
  [/^allow at least one offence category$/, 'input.POLICY_OFFENCE_CATEGORY', none],
  [/^accept at least one offence category$/, 'input.POLICY_ACCEPT_CATEGORY', none],
  [/^allow at least one purpose$/, 'input.POLICY_PURPOSE', none],
  [/^name the nodes the partner may relay to$/, 'input.POLICY_RELAY_TARGETS', none],
  [/^must be empty when onward sharing is not allowed$/, 'input.POLICY_NO_RELAY', none],
  [/^name the categories whose hits are reported$/, 'input.POLICY_HIT_CATEGORIES', none],
  [/^must be empty when hit reports are not allowed$/, 'input.POLICY_NO_HIT_REPORTS', none],
  [
    /^([A-Z_0-9]+) does not apply to (\S+) \(use (.+)\)$/,
    'input.POLICY_TRANSFORM',
    (m) => ({ transform: m[1], field: m[2], allowed: list(m[3]) }),
  ],
  [
    /^(\S+) is never shared: data category (.+) is not allowed$/,
    'input.POLICY_NEVER_SHARED',
    (m) => ({ field: m[1], categories: m[2].split(' / ') }),
  ],
  [/^"(.+)" is not a configured peer of (.+)$/, 'input.NOT_A_PEER', (m) => ({ partner: m[1], node: m[2] })],
];

/** A problem the node wrote, as a catalogue key and its parameters; undefined when it is not one we know. */
export function inputProblem(problem: string): InputProblem | undefined {
  for (const [pattern, key, params] of RULES) {
    const match = problem.match(pattern);
    if (match) return { key, params: params(match) };
  }
  return undefined;
}

/** zod's " (and 2 more: a: x; b: y)" after the first problem: the problem alone, and how many more. */
export function splitMore(problem: string): { problem: string; more: number } {
  const match = problem.match(/^(.*?) \(and (\d+) more: .*\)$/s);
  return match ? { problem: match[1], more: Number(match[2]) } : { problem, more: 0 };
}

/** The parts of a field the node named: `input.subjects.2.dateOfBirth` → path `subjects[].dateOfBirth`, number 3. */
export function fieldPath(field: string): { path: string; last: string; number?: number } {
  const segments = field.split('.').filter((segment, index) => !(index === 0 && segment === 'input'));
  let path = '';
  let number: number | undefined;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) {
      path += '[]';
      number ??= Number(segment) + 1;
    } else path += path ? `.${segment}` : segment;
  }
  return { path, last: segments.filter((s) => !/^\d+$/.test(s)).pop() ?? field, number };
}
