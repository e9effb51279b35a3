// Stable codes with parameters for the English sentences the policy engine and the share workflow
// write (a share's reasons, each removed field's rule), so clients can word them in the officer's
// language. The sentences stay what is stored and sent; each one is read back against its template
// here. policy-text.spec.ts runs the engine over many cases and policies and checks that every
// sentence it writes has a code and renders back to exactly the same English.

/** `{name}` any text; `{name:id}` a code, node id or field path; `{name:list}` such ids joined by ", "; `{name:int}` a number. */
const TEMPLATES = {
  // Why a share is denied
  TLP_ABOVE_CEILING: "case is TLP:{tlp:id}, above this partner's ceiling TLP:{ceiling:id}",
  OFFENCE_CATEGORIES_NOT_ALLOWED:
    "none of the case's offence categories ({categories:list}) may be shared with this partner (allowed: {allowed:list})",
  PURPOSE_NOT_ALLOWED: 'purpose {purpose:id} is not allowed for this partner (allowed: {allowed:list})',
  INTELLIGENCE_ONLY_NOT_FOR_PROSECUTION: 'case is marked INTELLIGENCE_ONLY, which rules out sharing it for PROSECUTION',
  NO_OUTBOUND_POLICY: 'there is no outbound policy for {partner:id}: nothing may be shared with it',
  NO_OUTBOUND_POLICY_FOR_REPLY: 'there is no outbound policy for {partner:id}',
  // Why a share is allowed, and on which terms
  TLP_WITHIN_CEILING: "case is TLP:{tlp:id}, within this partner's ceiling TLP:{ceiling:id}",
  PURPOSE_ALLOWED: 'purpose {purpose:id} is allowed for this partner',
  OFFENCE_CATEGORIES_SHARED_SOME_WITHHELD: 'offence categories shared: {shared:list}; withheld: {withheld:list}',
  OFFENCE_CATEGORIES_SHARED: 'offence categories shared: {shared:list}',
  ONWARD_SHARING_TO: 'the partner may relay it to {nodes:list} only',
  ONWARD_SHARING_FORBIDDEN_BY_CASE:
    'case is marked NO_ONWARD_SHARING_WITHOUT_PERMISSION: the partner may not relay it, although its policy would allow relaying',
  ONWARD_SHARING_NOT_ALLOWED: 'the partner may not share it onward',
  RETENTION: 'the partner must delete it after {days:int} days',
  FIELDS_WITHHELD: '{count:int} field(s) withheld or transformed under policy version {version:int}',
  REPLY_TO_PACKET: "reply to {partner:id}'s packet {packetId:id}",
  // The rule behind one removed or changed field
  DATA_CATEGORY_NOT_ALLOWED: 'data category {category:id} not allowed',
  TRANSFORM: 'transform {transform:id} on {field:id}',
  OFFENCE_CATEGORY_NOT_ALLOWED: 'offence category {category:id} not allowed for this partner',
  REQUEST_TARGET_WITHHELD: 'its target identifier "{identifier}" is withheld',
} as const;

/** OTHER: a sentence no template knows (e.g. written by a newer node); clients show its text as it is. */
export const POLICY_TEXT_CODES = [...(Object.keys(TEMPLATES) as (keyof typeof TEMPLATES)[]), 'OTHER'] as const;
export type PolicyTextCode = (typeof POLICY_TEXT_CODES)[number];
export type PolicyTextParams = Record<string, string | number | string[]>;

export interface PolicyText {
  code: PolicyTextCode;
  params: PolicyTextParams;
  /** The English sentence, as stored. */
  text: string;
}

type Kind = 'text' | 'id' | 'list' | 'int';
const ID = String.raw`[A-Za-z0-9._+\-\[\]]+`;
const PATTERNS: Record<Kind, string> = {
  text: '(.+?)',
  id: `(${ID})`,
  list: `((?:${ID}(?:, ${ID})*)?)`,
  int: String.raw`(\d+)`,
};
const PLACEHOLDER = /\{(\w+)(?::(id|list|int))?\}/g;
const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

interface Compiled {
  code: Exclude<PolicyTextCode, 'OTHER'>;
  pattern: RegExp;
  params: { name: string; kind: Kind }[];
}

const COMPILED: Compiled[] = Object.entries(TEMPLATES).map(([code, template]) => {
  const params: Compiled['params'] = [];
  let source = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    source += escape(template.slice(last, match.index));
    const kind = (match[2] ?? 'text') as Kind;
    params.push({ name: match[1], kind });
    source += PATTERNS[kind];
    last = match.index + match[0].length;
  }
  source += escape(template.slice(last));
  return { code: code as Compiled['code'], pattern: new RegExp(`^${source}$`), params };
});

/** The code and parameters of one sentence of the policy engine or the share workflow. */
export function policyTextOf(text: string): PolicyText {
  for (const { code, pattern, params } of COMPILED) {
    const match = pattern.exec(text);
    if (!match) continue;
    const values: PolicyTextParams = {};
    params.forEach(({ name, kind }, i) => {
      const raw = match[i + 1];
      values[name] = kind === 'int' ? Number(raw) : kind === 'list' ? (raw === '' ? [] : raw.split(', ')) : raw;
    });
    return { code, params: values, text };
  }
  return { code: 'OTHER', params: {}, text };
}

/** The English sentence of a code with its parameters: the inverse of policyTextOf. */
export function englishPolicyText(code: Exclude<PolicyTextCode, 'OTHER'>, params: PolicyTextParams): string {
  return TEMPLATES[code].replace(PLACEHOLDER, (_whole, name: string) => {
    const value = params[name];
    return Array.isArray(value) ? value.join(', ') : String(value);
  });
}

/** The templates with their parameter kinds removed ({tlp:id} → {tlp}): what a client's English catalogue holds. */
export function policyTextTemplates(): Record<Exclude<PolicyTextCode, 'OTHER'>, string> {
  return Object.fromEntries(
    Object.entries(TEMPLATES).map(([code, template]) => [code, template.replace(PLACEHOLDER, '{$1}')]),
  ) as Record<Exclude<PolicyTextCode, 'OTHER'>, string>;
}
