import type { Case } from '../../api/types';
import type * as Gql from '../../api/schema.generated';

// The editable form of a case and its CaseInput. Pure, so the round trip is tested without a browser.
// Each row keeps the item it was made from (`base`), and the input starts from it: a field the form
// does not show (a second identity document, a field the API gained) goes back to the node unchanged.

/** The item a form row was made from, as the node sent it. */
type Base = Readonly<Record<string, unknown>>;

export interface SubjectForm {
  base?: Base;
  id?: string | null;
  names: string;
  aliases: string;
  dateOfBirth: string;
  nationality: string;
  documentType: string;
  documentNumber: string;
  documentCountry: string;
}

export interface IdentifierForm {
  base?: Base;
  /** Given here for a new identifier, so a request in the same edit can already target it. */
  id: string;
  type: Gql.IdentifierType;
  value: string;
  problem?: string;
}

export interface TransactionForm {
  base?: Base;
  id: string;
  chain: string;
  asset: string;
  txHash: string;
  from: string;
  to: string;
  amount: string;
  time: string;
}

export interface RequestForm {
  base?: Base;
  id: string;
  kind: Gql.RequestKind;
  targetIdentifierId: string;
  text: string;
}

export interface CaseForm {
  base?: Base;
  reference: string;
  title: string;
  summary: string;
  offenceCategories: Gql.OffenceCategory[];
  tlp: Gql.Tlp;
  handlingCodes: Gql.HandlingCode[];
  sourceReliability: Gql.SourceReliability;
  informationAccuracy: number;
  subjects: SubjectForm[];
  identifiers: IdentifierForm[];
  transactions: TransactionForm[];
  requests: RequestForm[];
}

/** A short id for a new item, in the node's id alphabet. */
export function newId(prefix: string): string {
  const random = crypto.getRandomValues(new Uint8Array(4));
  return `${prefix}-${[...random].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const emptySubject = (): SubjectForm => ({
  names: '',
  aliases: '',
  dateOfBirth: '',
  nationality: '',
  documentType: 'PASSPORT',
  documentNumber: '',
  documentCountry: '',
});
export const emptyIdentifier = (): IdentifierForm => ({ id: newId('i'), type: 'WALLET_BTC', value: '' });
export const emptyTransaction = (): TransactionForm => ({
  id: newId('tx'),
  chain: '',
  asset: '',
  txHash: '',
  from: '',
  to: '',
  amount: '',
  time: '',
});
export const emptyRequest = (): RequestForm => ({
  id: newId('r'),
  kind: 'FREEZE_REQUEST',
  targetIdentifierId: '',
  text: '',
});

export function formOf(value?: Case): CaseForm {
  if (!value) {
    return {
      reference: '',
      title: '',
      summary: '',
      offenceCategories: [],
      tlp: 'AMBER',
      handlingCodes: ['INTELLIGENCE_ONLY'],
      sourceReliability: 'B',
      informationAccuracy: 2,
      subjects: [],
      identifiers: [emptyIdentifier()],
      transactions: [],
      requests: [],
    };
  }
  return {
    reference: value.reference,
    title: value.title,
    summary: value.summary ?? '',
    offenceCategories: value.offenceCategories,
    tlp: value.tlp,
    handlingCodes: value.handlingCodes,
    sourceReliability: value.sourceReliability,
    informationAccuracy: value.informationAccuracy,
    base: inputFieldsOf(value),
    subjects: value.subjects.map((s) => ({
      base: s,
      id: s.id,
      names: s.names.join(', '),
      aliases: (s.aliases ?? []).join(', '),
      dateOfBirth: s.dateOfBirth ?? '',
      nationality: s.nationality ?? '',
      documentType: s.documents?.[0]?.type ?? 'PASSPORT',
      documentNumber: s.documents?.[0]?.number ?? '',
      documentCountry: s.documents?.[0]?.issuingCountry ?? '',
    })),
    identifiers: value.identifiers.map((i) => ({ base: i, id: i.id ?? newId('i'), type: i.type, value: i.value })),
    transactions: value.transactions.map((tx) => ({ ...tx, base: tx, id: tx.id ?? newId('tx') })),
    requests: value.requests.map((r) => ({
      base: r,
      id: r.id ?? newId('r'),
      kind: r.kind,
      targetIdentifierId: r.targetIdentifierId ?? '',
      text: r.text,
    })),
  };
}

/** The CaseInput the API takes; empty rows are left out, the node checks the rest and names what is wrong. */
export function inputOf(form: CaseForm): Record<string, unknown> {
  return {
    ...form.base,
    reference: form.reference.trim(),
    title: form.title.trim(),
    summary: form.summary.trim() || null,
    offenceCategories: form.offenceCategories,
    tlp: form.tlp,
    handlingCodes: form.handlingCodes,
    sourceReliability: form.sourceReliability,
    informationAccuracy: form.informationAccuracy,
    subjects: form.subjects.map((s) => ({
      ...s.base,
      ...(s.id ? { id: s.id } : {}),
      names: list(s.names),
      aliases: list(s.aliases),
      dateOfBirth: s.dateOfBirth.trim() || null,
      nationality: s.nationality.trim() || null,
      documents: documentsOf(s),
    })),
    identifiers: form.identifiers
      .filter((i) => i.value.trim())
      .map((i) => ({ ...i.base, id: i.id, type: i.type, value: i.value.trim() })),
    transactions: form.transactions
      .filter((tx) => [tx.chain, tx.txHash, tx.from, tx.to, tx.amount].some((v) => v.trim()))
      .map((tx) => ({
        ...tx.base,
        id: tx.id,
        chain: tx.chain.trim(),
        asset: tx.asset.trim(),
        txHash: tx.txHash.trim(),
        from: tx.from.trim(),
        to: tx.to.trim(),
        amount: tx.amount.trim(),
        time: tx.time.trim(),
      })),
    requests: form.requests
      .filter((r) => r.text.trim() || r.targetIdentifierId)
      .map((r) => ({
        ...r.base,
        id: r.id,
        kind: r.kind,
        targetIdentifierId: r.targetIdentifierId || null,
        text: r.text.trim(),
      })),
  };
}

/** What the node computes or takes elsewhere (attachments are uploaded) is never sent back as input. */
const OUTPUT_ONLY = ['id', 'revision', 'createdBy', 'createdAt', 'updatedAt', 'attachments'];

function inputFieldsOf(value: Case): Base {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !OUTPUT_ONLY.includes(key)));
}

/** The form edits a subject's first document; the others go back as they came. */
function documentsOf(s: SubjectForm): unknown[] {
  const documents = Array.isArray(s.base?.documents) ? (s.base.documents as Base[]) : [];
  const first = s.documentNumber.trim()
    ? [
        {
          ...documents[0],
          type: s.documentType,
          number: s.documentNumber.trim(),
          issuingCountry: s.documentCountry.trim(),
        },
      ]
    : [];
  return [...first, ...documents.slice(1)];
}

/** The node names a field like input.transactions.0.amount; the form marks the same place. */
export function formFieldOf(apiField: string): string {
  return apiField.replace(/^input\./, '');
}
