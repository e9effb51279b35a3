import type { JsonObject } from '../kernel/crypto/canonical-json.js';
import { MASKED } from '../policy/case-redaction.js';
import type {
  SharedCasePayload,
  SharedIdentifier,
  SharedPerson,
  SharedTransaction,
} from '../policy/shared-case-payload.js';
import { bundleOf, identityObject, relationship, sdoBase, type StixNode } from './stix-common.js';
import { EXTENSION_CREATED, extensionUse, type NodeExtension } from './stix-extensions.js';
import { derivedId, nodeIdentityId, scoId } from './stix-ids.js';
import { identifierObservable } from './stix-observables.js';
import { ACCURACY_CONFIDENCE, label, tlpMarkingId, type StixObject } from './stix-vocabulary.js';

// A case as a STIX 2.1 bundle. The input is the payload the per-partner policy engine produced (the
// same one a packet would carry), never the case itself, so nothing the policy withholds can leak here.

export interface CaseExport {
  node: StixNode;
  caseId: string;
  partnerId: string;
  /** The case's creation and last change. */
  created: Date;
  modified: Date;
  /** Redacted by evaluateSharePolicy for `partnerId`. */
  payload: SharedCasePayload;
  /** How the policy version is written in packets, e.g. "kr-knpa/kh-cnp/v1". */
  policyLabel: string;
}

/** A value a policy masked (`***`, `***123`) cannot be matched on, so it becomes no observable. */
function usable(value: string | undefined): value is string {
  return value !== undefined && !value.startsWith(MASKED);
}

function personDescription(person: SharedPerson): string | undefined {
  const lines: string[] = [];
  if (person.dateOfBirth) lines.push(`Date of birth: ${person.dateOfBirth}`);
  if (person.nationality) lines.push(`Nationality: ${person.nationality}`);
  for (const document of person.documents ?? []) {
    lines.push(
      `Document: ${document.type} ${document.number ?? '(withheld)'}${document.issuingCountry ? ` issued by ${document.issuingCountry}` : ''}`,
    );
  }
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function transactionObject(nodeId: string, key: string, tx: SharedTransaction, markings: string[]): StixObject {
  const type = 'cryptocurrency-transaction';
  const id = usable(tx.txHash)
    ? scoId(type, { chain: tx.chain, transaction_hash: tx.txHash })
    : derivedId(type, nodeId, key);
  const out: JsonObject = {
    type,
    spec_version: '2.1',
    id,
    chain: tx.chain,
    asset: tx.asset,
    object_marking_refs: markings,
  };
  if (tx.txHash !== undefined) out.transaction_hash = tx.txHash;
  if (tx.from !== undefined) out.from_address = tx.from;
  if (tx.to !== undefined) out.to_address = tx.to;
  if (tx.amount !== undefined) out.amount = tx.amount;
  if (tx.time !== undefined) out.time = tx.time;
  out.extensions = extensionUse(nodeId, type);
  return out;
}

/** The case for one partner as a bundle: report, indicators and observables, subjects, requests. */
export function caseBundle(input: CaseExport): StixObject {
  const { node, payload } = input;
  const key = `case/${input.caseId}/${input.partnerId}`;
  const identityId = nodeIdentityId(node.id);
  const created = input.created.toISOString();
  const modified = input.modified.toISOString();
  const terms = termsMarking(input, identityId);
  const markings = [tlpMarkingId(payload.tlp), terms.id as string];
  const base = (type: string, id: string) => sdoBase(type, id, identityId, created, modified, markings);
  const labels = [
    ...payload.offenceCategories.map((c) => label('offence', c)),
    ...payload.handlingCodes.map((c) => label('handling', c)),
    `admiralty:${payload.sourceReliability}${payload.informationAccuracy}`,
  ];
  const confidence = ACCURACY_CONFIDENCE[payload.informationAccuracy];
  const extensions = new Set<NodeExtension>();
  const objects: StixObject[] = [];
  const refs: string[] = [];
  const identifierRefs = new Map<string, string>();
  let unusable = 0;

  for (const identifier of payload.identifiers ?? []) {
    if (!usable(identifier.value)) {
      unusable++;
      continue;
    }
    const indicatorId = derivedId('indicator', node.id, `${key}/identifier/${identifier.id}`);
    objects.push(
      ...identifierObjects(
        node.id,
        identifier as SharedIdentifier & { value: string },
        indicatorId,
        base,
        labels,
        confidence,
        extensions,
        created,
      ),
    );
    identifierRefs.set(identifier.id, indicatorId);
    refs.push(indicatorId, objects[objects.length - 2].id as string, objects[objects.length - 1].id as string);
  }
  (payload.subjects ?? []).forEach((person) => {
    const names = person.names ?? [];
    const id = derivedId('threat-actor', node.id, `${key}/subject/${person.id}`);
    const actor: StixObject = {
      ...base('threat-actor', id),
      name: names[0] ?? `subject ${person.id}`,
      threat_actor_types: ['criminal'],
      labels,
      confidence,
    };
    const aliases = [...names.slice(1), ...(person.aliases ?? [])];
    if (aliases.length > 0) actor.aliases = aliases;
    const description = personDescription(person);
    if (description) actor.description = description;
    objects.push(actor);
    refs.push(id);
  });
  for (const tx of payload.transactions ?? []) {
    const sco = transactionObject(node.id, `${key}/transaction/${tx.id}`, tx, markings);
    extensions.add('cryptocurrency-transaction');
    objects.push(sco);
    refs.push(sco.id as string);
  }
  for (const attachment of payload.attachments ?? []) {
    const contributing: JsonObject = { hashes: { 'SHA-256': attachment.sha256 } };
    if (attachment.name !== undefined) contributing.name = attachment.name;
    const file: StixObject = {
      type: 'file',
      spec_version: '2.1',
      id: scoId('file', contributing),
      ...contributing,
      size: attachment.bytes,
      mime_type: attachment.mediaType,
      object_marking_refs: markings,
    };
    objects.push(file);
    refs.push(file.id as string);
  }
  const reportId = derivedId('report', node.id, key);
  for (const request of payload.requests ?? []) {
    const id = derivedId('note', node.id, `${key}/request/${request.id}`);
    const target =
      request.targetIdentifierId === undefined ? undefined : identifierRefs.get(request.targetIdentifierId);
    objects.push({
      ...base('note', id),
      abstract: request.kind === 'FREEZE_REQUEST' ? 'Freeze request' : 'Request for information',
      content: request.text ?? '(withheld under the sharing policy)',
      object_refs: target ? [target, reportId] : [reportId],
      labels: [label('request', request.kind)],
    });
    refs.push(id);
  }

  const description = [
    payload.summary,
    unusable > 0 ? `${unusable} identifier(s) withheld or masked under the sharing policy.` : undefined,
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n\n');
  const report: StixObject = {
    ...base('report', reportId),
    name: `${payload.reference}: ${payload.title}`,
    report_types: ['threat-report'],
    published: modified,
    object_refs: refs.length > 0 ? refs : [identityId],
    labels,
    confidence,
    external_references: [{ source_name: 'fed-node-case', external_id: payload.reference }],
  };
  if (description) report.description = description;
  return bundleOf(
    node,
    `${key}/${modified}`,
    { identities: [identityObject(node)], tlps: [payload.tlp], extensions, objects: [report, ...objects] },
    [terms],
  );
}

function identifierObjects(
  nodeId: string,
  identifier: SharedIdentifier & { value: string },
  indicatorId: string,
  base: (type: string, id: string) => JsonObject,
  labels: string[],
  confidence: number | undefined,
  extensions: Set<NodeExtension>,
  validFrom: string,
): StixObject[] {
  const observable = identifierObservable(nodeId, identifier.type, identifier.value);
  for (const name of observable.extensions) extensions.add(name);
  const sco: StixObject = { ...observable.sco, object_marking_refs: base('x', 'x').object_marking_refs };
  const indicator: StixObject = {
    ...base('indicator', indicatorId),
    name: `${identifier.type} ${identifier.value}`,
    indicator_types: ['malicious-activity'],
    pattern: observable.pattern,
    pattern_type: 'stix',
    pattern_version: '2.1',
    valid_from: validFrom,
    labels: [...labels, label('identifier', identifier.type)],
  };
  if (confidence !== undefined) indicator.confidence = confidence;
  const link = relationship(
    derivedId('relationship', nodeId, `${indicatorId}/based-on`),
    base('relationship', ''),
    'based-on',
    indicatorId,
    sco.id as string,
  );
  return [indicator, sco, link];
}

/** The sharing terms as a statement marking: what the partner must honour, as in a packet. */
function termsMarking(input: CaseExport, identityId: string): StixObject {
  const { terms } = input.payload;
  const onward = terms.onwardSharing.allowed
    ? `may be shared onward only to ${terms.onwardSharing.to.join(', ')}`
    : 'no onward sharing';
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: derivedId(
      'marking-definition',
      input.node.id,
      `terms/${input.partnerId}/${input.policyLabel}/${terms.purpose}/${input.payload.handlingCodes.join(',')}`,
    ),
    created_by_ref: identityId,
    // Markings never change: one id per set of terms, with a fixed creation time.
    created: EXTENSION_CREATED,
    name: `Sharing terms ${input.policyLabel}`,
    definition_type: 'statement',
    definition: {
      statement:
        `Shared by ${input.node.id} with ${input.partnerId} for ${terms.purpose} under policy ${input.policyLabel}: ` +
        `delete after ${terms.retentionDays} days; ${onward}` +
        (input.payload.handlingCodes.length > 0 ? `; handling: ${input.payload.handlingCodes.join(', ')}` : '') +
        '.',
    },
  };
}
