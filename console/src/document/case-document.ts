// One model for everything that looks like a case: a case as analysts edit it, the redacted preview a
// partner would receive, a received packet's content, and a reply. The renderer shows all of them the
// same way; `index` is the position a field's policy-engine path uses (subjects[0].documents).

export interface DocSubject {
  id?: string;
  index: number;
  names?: string[];
  aliases?: string[];
  dateOfBirth?: string;
  nationality?: string;
  documents?: { type: string; number?: string; issuingCountry?: string }[];
}

export interface DocIdentifier {
  id?: string;
  index: number;
  type: string;
  value?: string;
}

export interface DocTransaction {
  id?: string;
  index: number;
  chain?: string;
  asset?: string;
  txHash?: string;
  from?: string;
  to?: string;
  amount?: string;
  time?: string;
}

export interface DocAttachment {
  id?: string;
  index: number;
  name?: string;
  mediaType?: string;
  sha256?: string;
  bytes?: number;
}

/** A request with its target resolved to the identifier it names (or why it cannot be). */
export interface DocRequest {
  id?: string;
  index: number;
  kind: string;
  targetIdentifierId?: string;
  target?: DocIdentifier;
  /** The request names an identifier the document does not hold. */
  targetMissing: boolean;
  text?: string;
  /** Free text a structured request may carry (e.g. the law an order rests on). */
  legalBasis?: string;
  deadline?: string;
}

export interface DocTerms {
  purpose?: string;
  retentionDays?: number;
  onwardSharing?: { allowed: boolean; to: string[] };
}

/** A field the model below does not read, at its policy-engine path (`subjects[0].placeOfBirth`). */
export interface DocOtherField {
  path: string;
  value: string;
}

export interface CaseDoc {
  kind: 'case' | 'reply';
  reference?: string;
  title?: string;
  summary?: string;
  offenceCategories: string[];
  tlp?: string;
  handlingCodes: string[];
  sourceReliability?: string;
  informationAccuracy?: number;
  /** Undefined when the source has no such list (withheld as a whole); [] when it is empty. */
  subjects?: DocSubject[];
  identifiers?: DocIdentifier[];
  transactions?: DocTransaction[];
  attachments?: DocAttachment[];
  requests?: DocRequest[];
  terms?: DocTerms;
  policyVersion?: string;
  /**
   * Every field of the source this model does not read, so nothing a preview would seal goes unseen by
   * the officer who approves it (a field the case model gained before the console laid it out).
   */
  otherFields: DocOtherField[];
  /** A reply's answer. */
  text?: string;
  retentionDays?: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
const objects = (value: unknown): Json[] | undefined => (Array.isArray(value) ? value.filter(isObject) : undefined);

function subjectOf(value: Json, index: number): DocSubject {
  return {
    id: str(value.id),
    index,
    names: strings(value.names),
    aliases: strings(value.aliases),
    dateOfBirth: str(value.dateOfBirth),
    nationality: str(value.nationality),
    documents: objects(value.documents)?.map((d) => ({
      type: str(d.type) ?? 'OTHER',
      number: str(d.number),
      issuingCountry: str(d.issuingCountry),
    })),
  };
}

function requestOf(value: Json, index: number, identifiers: DocIdentifier[] | undefined): DocRequest {
  const targetIdentifierId = str(value.targetIdentifierId);
  const target = targetIdentifierId ? identifiers?.find((i) => i.id === targetIdentifierId) : undefined;
  return {
    id: str(value.id),
    index,
    kind: str(value.kind) ?? 'REQUEST_FOR_INFORMATION',
    targetIdentifierId,
    target,
    targetMissing: targetIdentifierId !== undefined && target === undefined,
    text: str(value.text),
    legalBasis: str(value.legalBasis),
    deadline: str(value.deadline),
  };
}

function termsOf(value: unknown): DocTerms | undefined {
  if (!isObject(value)) return undefined;
  const onward = isObject(value.onwardSharing) ? value.onwardSharing : undefined;
  return {
    purpose: str(value.purpose),
    retentionDays: num(value.retentionDays),
    onwardSharing: onward ? { allowed: onward.allowed === true, to: strings(onward.to) ?? [] } : undefined,
  };
}

/** The fields read above, per part of a case (by list path); `''` is the case itself. */
const READ: Readonly<Record<string, readonly string[]>> = {
  '': [
    ...['id', 'kind', 'reference', 'title', 'summary', 'offenceCategories', 'tlp', 'handlingCodes'],
    ...['sourceReliability', 'informationAccuracy', 'subjects', 'identifiers', 'transactions', 'attachments'],
    ...['requests', 'terms', 'policyVersion', 'revision', 'createdBy', 'createdAt', 'updatedAt'],
  ],
  subjects: ['id', 'names', 'aliases', 'dateOfBirth', 'nationality', 'documents'],
  'subjects.documents': ['type', 'number', 'issuingCountry'],
  identifiers: ['id', 'type', 'value'],
  transactions: ['id', 'chain', 'asset', 'txHash', 'from', 'to', 'amount', 'time'],
  attachments: ['id', 'name', 'mediaType', 'sha256', 'bytes'],
  requests: ['id', 'kind', 'targetIdentifierId', 'text', 'legalBasis', 'deadline'],
};

function otherFieldsOf(value: Json, part: string, path: string): DocOtherField[] {
  return Object.entries(value).flatMap(([key, field]): DocOtherField[] => {
    if (field === null || field === undefined) return [];
    const at = path === '' ? key : `${path}.${key}`;
    if (!READ[part].includes(key)) {
      return [{ path: at, value: typeof field === 'string' ? field : JSON.stringify(field) }];
    }
    const listPart = part === '' ? key : `${part}.${key}`;
    if (READ[listPart] === undefined || !Array.isArray(field)) return [];
    return field.flatMap((item, i) => (isObject(item) ? otherFieldsOf(item, listPart, `${at}[${i}]`) : []));
  });
}

/** Reads any case-shaped value (API case, preview, packet content, reply) into the document model. */
export function toCaseDoc(value: unknown): CaseDoc {
  const source = isObject(value) ? value : {};
  if (source.kind === 'reply') {
    return {
      kind: 'reply',
      reference: str(source.reference),
      text: str(source.text),
      tlp: str(source.tlp),
      offenceCategories: strings(source.offenceCategories) ?? [],
      handlingCodes: [],
      otherFields: [],
      retentionDays: num(source.retentionDays),
    };
  }
  const identifiers = objects(source.identifiers)?.map((item, index) => ({
    id: str(item.id),
    index,
    type: str(item.type) ?? '',
    value: str(item.value),
  }));
  return {
    kind: 'case',
    reference: str(source.reference),
    title: str(source.title),
    summary: str(source.summary),
    offenceCategories: strings(source.offenceCategories) ?? [],
    tlp: str(source.tlp),
    handlingCodes: strings(source.handlingCodes) ?? [],
    sourceReliability: str(source.sourceReliability),
    informationAccuracy: num(source.informationAccuracy),
    subjects: objects(source.subjects)?.map(subjectOf),
    identifiers,
    transactions: objects(source.transactions)?.map((t, index) => ({
      id: str(t.id),
      index,
      chain: str(t.chain),
      asset: str(t.asset),
      txHash: str(t.txHash),
      from: str(t.from),
      to: str(t.to),
      amount: str(t.amount),
      time: str(t.time),
    })),
    attachments: objects(source.attachments)?.map((a, index) => ({
      id: str(a.id),
      index,
      name: str(a.name),
      mediaType: str(a.mediaType),
      sha256: str(a.sha256),
      bytes: num(a.bytes),
    })),
    requests: objects(source.requests)?.map((r, index) => requestOf(r, index, identifiers)),
    terms: termsOf(source.terms),
    policyVersion: str(source.policyVersion),
    otherFields: otherFieldsOf(source, '', ''),
  };
}

/**
 * Gives the items of a preview the positions they have in the original case (matched by id), so the
 * removals the policy engine reports (in original positions) mark the right rows on both sides.
 */
export function alignToOriginal(preview: CaseDoc, original: CaseDoc): CaseDoc {
  const realign = <T extends { id?: string; index: number }>(items: T[] | undefined, base: T[] | undefined) => {
    if (!items || !base) return items;
    const positions = new Map(base.map((item) => [item.id, item.index]));
    return items.map((item) => ({ ...item, index: positions.get(item.id) ?? item.index }));
  };
  const identifiers = realign(preview.identifiers, original.identifiers);
  const lists = {
    subjects: [preview.subjects, original.subjects],
    identifiers: [preview.identifiers, original.identifiers],
    transactions: [preview.transactions, original.transactions],
    attachments: [preview.attachments, original.attachments],
    requests: [preview.requests, original.requests],
  } as const;
  // An other field's path starts at its item's position in the preview; the original's is the one marked.
  const otherFields = preview.otherFields.map((field) => {
    const [, list, index, rest] = /^(\w+)\[(\d+)\](.*)$/.exec(field.path) ?? [];
    const pair = list !== undefined ? lists[list as keyof typeof lists] : undefined;
    const id = pair?.[0]?.[Number(index)]?.id;
    const position = pair?.[1]?.find((item) => item.id === id)?.index;
    return position === undefined ? field : { ...field, path: `${list}[${position}]${rest}` };
  });
  return {
    ...preview,
    otherFields,
    subjects: realign(preview.subjects, original.subjects),
    identifiers,
    transactions: realign(preview.transactions, original.transactions),
    attachments: realign(preview.attachments, original.attachments),
    requests: realign(preview.requests, original.requests)?.map((r) => ({
      ...r,
      target: r.targetIdentifierId ? identifiers?.find((i) => i.id === r.targetIdentifierId) : undefined,
    })),
  };
}

/** A value a policy transform replaced (MASK gives ***, LAST_3 gives ***abc). */
export function isMasked(value: string | undefined): boolean {
  return value !== undefined && value.startsWith('***');
}

/** 1536 → "1.5 KiB": attachment sizes as people read them. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
