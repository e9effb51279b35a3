import { v5 as uuidv5 } from 'uuid';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { MASKED } from '../policy/case-redaction.js';
import type {
  SharedCasePayload,
  SharedIdentifier,
  SharedPerson,
  SharedTransaction,
} from '../policy/shared-case-payload.js';
import { FEDNODE_NAMESPACE } from '../stix/stix-ids.js';
import {
  BTC_TRANSACTION,
  COIN_ADDRESS,
  IDENTIFIER_ATTRIBUTES,
  INHERIT,
  ORGANISATION_ONLY,
  TLP_TAGS,
  WALLET_RELATIONS,
  WALLET_SYMBOLS,
  type MispAttribute,
  type MispEvent,
  type MispObject,
  type MispTag,
} from './misp-format.js';

// A case, as the per-partner policy redacted it (the payload a packet carries, never the case
// itself), as one MISP event: identifiers as attributes, wallets as coin-address objects,
// transactions as btc-transaction objects, persons in the Person category, the TLP and the case's
// labels as tags, requests and sharing terms in an event report. UUIDs are derived, so the same case
// for the same partner is the same event, and a new release updates it in the partner's MISP.

export interface MispCaseExport {
  node: { id: string; name: string };
  caseId: string;
  partnerId: string;
  /** When the case was released to the partner (approval) or exported. */
  released: Date;
  payload: SharedCasePayload;
  /** How the policy version is written in packets, e.g. "kr-knpa/kh-cnp/v1". */
  policyLabel: string;
}

const WALLETS = new Set<IdentifierType>(['WALLET_BTC', 'WALLET_EVM', 'WALLET_TRON', 'WALLET_LTC', 'WALLET_XMR']);
const IBAN = /^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/;

/** The MISP organisation uuid of a node: the same on every node, like its STIX identity. */
export function mispOrgUuid(nodeId: string): string {
  return uuidv5(`misp/org/${nodeId}`, FEDNODE_NAMESPACE);
}

export function mispEventUuid(nodeId: string, caseId: string, partnerId: string): string {
  return uuidv5(`${nodeId}/misp/case/${caseId}/${partnerId}`, FEDNODE_NAMESPACE);
}

function usable(value: string | undefined): value is string {
  return value !== undefined && !value.startsWith(MASKED);
}

const tag = (name: string): MispTag => ({
  name,
  colour: name.startsWith('tlp:') ? '#ffc000' : '#0088cc',
  exportable: true,
});
const machineTag = (namespace: string, predicate: string, value: string) =>
  `${namespace}:${predicate}="${value.toLowerCase().replace(/_/g, '-')}"`;

/** Builds attributes and objects with derived uuids and the event's timestamp. */
class EventBuilder {
  readonly attributes: MispAttribute[] = [];
  readonly objects: MispObject[] = [];
  readonly notes: string[] = [];

  constructor(
    private readonly eventUuid: string,
    readonly timestamp: string,
  ) {}

  uuid(key: string): string {
    return uuidv5(`${this.eventUuid}/${key}`, FEDNODE_NAMESPACE);
  }

  attribute(key: string, type: string, category: string, value: string, toIds: boolean, comment = ''): MispAttribute {
    return {
      uuid: this.uuid(key),
      type,
      category,
      value,
      to_ids: toIds,
      distribution: INHERIT,
      sharing_group_id: '0',
      timestamp: this.timestamp,
      comment,
      deleted: false,
      disable_correlation: !toIds,
    };
  }

  object(key: string, template: typeof COIN_ADDRESS, metaCategory: string, description: string, comment: string) {
    const object: MispObject = {
      uuid: this.uuid(key),
      name: template.name,
      'meta-category': metaCategory,
      description,
      template_uuid: template.uuid,
      template_version: template.version,
      timestamp: this.timestamp,
      distribution: INHERIT,
      sharing_group_id: '0',
      comment,
      deleted: false,
      Attribute: [],
    };
    this.objects.push(object);
    return object;
  }
}

function identifier(builder: EventBuilder, item: SharedIdentifier & { value: string }): void {
  if (WALLETS.has(item.type)) {
    const wallet = item.type as keyof typeof WALLET_SYMBOLS;
    const object = builder.object(`identifier/${item.id}`, COIN_ADDRESS, 'financial', 'A cryptocurrency address', '');
    const { relation, type } = WALLET_RELATIONS[wallet];
    object.Attribute.push(
      {
        ...builder.attribute(`identifier/${item.id}/address`, type, 'Financial fraud', item.value, true),
        object_relation: relation,
      },
      {
        ...builder.attribute(`identifier/${item.id}/symbol`, 'text', 'Other', WALLET_SYMBOLS[wallet], false),
        object_relation: 'symbol',
      },
    );
    return;
  }
  const mapping = IDENTIFIER_ATTRIBUTES[item.type as keyof typeof IDENTIFIER_ATTRIBUTES];
  const type = item.type === 'BANK_ACCOUNT' && IBAN.test(item.value) ? 'iban' : mapping.type;
  builder.attributes.push(
    builder.attribute(`identifier/${item.id}`, type, mapping.category, item.value, true, mapping.comment ?? ''),
  );
}

function transaction(builder: EventBuilder, tx: SharedTransaction): void {
  const attributes: MispAttribute[] = [];
  const add = (relation: string, type: string, category: string, value: string) =>
    attributes.push({
      ...builder.attribute(`transaction/${tx.id}/${relation}`, type, category, value, false),
      object_relation: relation,
    });
  if (usable(tx.txHash)) add('transaction-number', 'text', 'Other', tx.txHash);
  if (usable(tx.time) && Number.isFinite(Date.parse(tx.time)))
    add('time', 'datetime', 'Other', new Date(tx.time).toISOString());
  const bitcoin = tx.chain.toLowerCase() === 'bitcoin';
  if (bitcoin && tx.asset.toUpperCase() === 'BTC' && usable(tx.amount) && /^\d+(\.\d+)?$/.test(tx.amount))
    add('value_BTC', 'float', 'Other', tx.amount);
  // The template's requiredOneOf: transaction-number, time or value_BTC.
  if (attributes.length === 0) {
    builder.notes.push(`Transaction ${tx.id} on ${tx.chain}: hash, time and amount withheld under the sharing policy.`);
    return;
  }
  const counterparty = [tx.to, tx.from].find(usable);
  if (bitcoin && counterparty) add('btc-address', 'btc', 'Financial fraud', counterparty);
  const parts = [`chain ${tx.chain}`, `asset ${tx.asset}`];
  if (usable(tx.amount)) parts.push(`amount ${tx.amount}`);
  if (usable(tx.from)) parts.push(`from ${tx.from}`);
  if (usable(tx.to)) parts.push(`to ${tx.to}`);
  const object = builder.object(
    `transaction/${tx.id}`,
    BTC_TRANSACTION,
    'financial',
    'A blockchain transaction',
    parts.join(', '),
  );
  object.Attribute.push(...attributes);
}

function person(builder: EventBuilder, subject: SharedPerson): void {
  const add = (key: string, type: string, value: string) =>
    builder.attributes.push(
      builder.attribute(`subject/${subject.id}/${key}`, type, 'Person', value, false, `subject ${subject.id}`),
    );
  (subject.names ?? []).forEach((name, i) => add(`name/${i}`, 'full-name', name));
  (subject.aliases ?? []).forEach((alias, i) => add(`alias/${i}`, 'text', `alias: ${alias}`));
  if (subject.dateOfBirth) add('dob', 'date-of-birth', subject.dateOfBirth);
  if (subject.nationality) add('nationality', 'nationality', subject.nationality);
  (subject.documents ?? []).forEach((doc, i) => {
    if (doc.number === undefined) return;
    const issuer = doc.issuingCountry ? ` (${doc.issuingCountry})` : '';
    // A number the policy cut to its last characters is a clue, not a document number MISP could match.
    if (!usable(doc.number)) add(`document/${i}`, 'text', `${doc.type} ${doc.number}${issuer}`);
    else add(`document/${i}`, doc.type === 'PASSPORT' ? 'passport-number' : 'identity-card-number', doc.number);
  });
}

function report(input: MispCaseExport, builder: EventBuilder, unusable: number): string {
  const { payload } = input;
  const { terms } = payload;
  const lines = [`# ${payload.reference}: ${payload.title}`, ''];
  if (payload.summary) lines.push(payload.summary, '');
  lines.push(
    `Shared by ${input.node.id} with ${input.partnerId} for ${terms.purpose} under policy ${input.policyLabel}: ` +
      `delete after ${terms.retentionDays} days; ` +
      (terms.onwardSharing.allowed
        ? `may be shared onward only to ${terms.onwardSharing.to.join(', ')}`
        : 'no onward sharing') +
      (payload.handlingCodes.length > 0 ? `; handling: ${payload.handlingCodes.join(', ')}` : '') +
      '.',
  );
  for (const request of payload.requests ?? [])
    lines.push(
      '',
      `## ${request.kind === 'FREEZE_REQUEST' ? 'Freeze request' : 'Request for information'}`,
      request.text ?? '(withheld under the sharing policy)',
    );
  if (unusable > 0) lines.push('', `${unusable} identifier(s) withheld or masked under the sharing policy.`);
  lines.push(...builder.notes.map((note) => `\n${note}`));
  return lines.join('\n');
}

/** The case for one partner as a MISP event, in the core format's `{ "Event": … }` envelope. */
export function caseEvent(input: MispCaseExport): { Event: MispEvent } {
  const { node, payload } = input;
  const eventUuid = mispEventUuid(node.id, input.caseId, input.partnerId);
  const timestamp = String(Math.floor(input.released.getTime() / 1000));
  const builder = new EventBuilder(eventUuid, timestamp);
  let unusable = 0;
  for (const item of payload.identifiers ?? []) {
    if (usable(item.value)) identifier(builder, item as SharedIdentifier & { value: string });
    else unusable++;
  }
  for (const tx of payload.transactions ?? []) transaction(builder, tx);
  for (const subject of payload.subjects ?? []) person(builder, subject);
  for (const file of payload.attachments ?? [])
    builder.attributes.push(
      builder.attribute(
        `attachment/${file.id}`,
        file.name ? 'filename|sha256' : 'sha256',
        'External analysis',
        file.name ? `${file.name}|${file.sha256}` : file.sha256,
        false,
        `evidence file, ${file.bytes} bytes, ${file.mediaType}`,
      ),
    );
  const org = { uuid: mispOrgUuid(node.id), name: node.name };
  const tags = [
    TLP_TAGS[payload.tlp],
    ...payload.offenceCategories.map((c) => machineTag('fed-node', 'offence', c)),
    ...payload.handlingCodes.map((c) => machineTag('fed-node', 'handling', c)),
    `admiralty-scale:source-reliability="${payload.sourceReliability.toLowerCase()}"`,
    `admiralty-scale:information-credibility="${payload.informationAccuracy}"`,
  ];
  const info = `${payload.reference}: ${payload.title}`.replace(/\s+/g, ' ').slice(0, 256);
  return {
    Event: {
      uuid: eventUuid,
      info,
      date: input.released.toISOString().slice(0, 10),
      threat_level_id: '4',
      analysis: '1',
      distribution: ORGANISATION_ONLY,
      sharing_group_id: '0',
      published: true,
      timestamp,
      publish_timestamp: timestamp,
      Orgc: org,
      Org: org,
      Tag: tags.map(tag),
      Attribute: builder.attributes,
      Object: builder.objects,
      EventReport: [
        {
          uuid: builder.uuid('report'),
          name: `${payload.reference}: case, requests and sharing terms`,
          content: report(input, builder, unusable),
          distribution: INHERIT,
          sharing_group_id: '0',
          timestamp,
          deleted: false,
        },
      ],
    },
  };
}

/** The event's line in a feed's manifest.json (what MISP reads to decide what to fetch). */
export function manifestEntry(event: MispEvent): Record<string, unknown> {
  return {
    info: event.info,
    date: event.date,
    analysis: event.analysis,
    threat_level_id: event.threat_level_id,
    timestamp: event.timestamp,
    publish_timestamp: event.publish_timestamp,
    Orgc: event.Orgc,
    Tag: event.Tag.map(({ name, colour }) => ({ name, colour })),
  };
}
