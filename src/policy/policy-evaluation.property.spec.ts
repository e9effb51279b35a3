import fc from 'fast-check';
import {
  caseContentSchema,
  dataCategoryOf,
  IDENTITY_DOCUMENT_TYPES,
  INFORMATION_ACCURACY,
  MAX_ATTACHMENT_BYTES,
  REQUEST_KINDS,
  SOURCE_RELIABILITY,
  TRANSFORMABLE_FIELDS,
  TRANSFORMABLE_PATHS,
} from '../cases/case-content.js';
import {
  FREEZABLE_IDENTIFIER_TYPES,
  HANDLING_CODES,
  IDENTIFIER_TYPES,
  identifierCategory,
  OFFENCE_CATEGORIES,
  TLP_LEVELS,
  tlpWithin,
} from '../kernel/vocabulary/index.js';
import type { CaseContent, CaseContentInput, TransformablePath } from '../cases/case-content.js';
import type { DataCategory } from '../kernel/vocabulary/index.js';
import { MASKED } from './case-redaction.js';
import { evaluateSharePolicy } from './policy-evaluation.js';
import { sharedCasePayloadSchema } from './shared-case-payload.js';
import type { SharedCasePayload } from './shared-case-payload.js';
import { APPROVAL_MODES, PURPOSES, sharingPolicySchema, TRANSFORMS_FOR_KIND } from './sharing-policy.js';
import type { FieldTransformRule, Purpose, SharingPolicy } from './sharing-policy.js';

// Random cases × random policies × random purposes. Every generated string carries a tag naming its
// position (N0.1-…, DOC1.0-…), so a value that leaks into the payload can be found by equality.
// fast-check prints the seed and the shrunk counterexample when a property fails.
const RUNS = { numRuns: 400, verbose: true } as const;

const letters = fc.stringMatching(/^[a-z]{3,8}$/);
const dateBetween = (min: string, max: string) =>
  fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true }).map((d) => d.toISOString());

const personArb = fc.record({
  names: fc.array(letters, { minLength: 1, maxLength: 2 }),
  aliases: fc.array(letters, { maxLength: 2 }),
  dateOfBirth: fc.option(
    dateBetween('1940-01-01T00:00:00Z', '2007-12-31T00:00:00Z').map((d) => d.slice(0, 10)),
    { nil: undefined },
  ),
  nationality: fc.option(fc.constantFrom('KR', 'KH', 'VN', 'TH'), { nil: undefined }),
  documents: fc.array(
    fc.record({
      type: fc.constantFrom(...IDENTITY_DOCUMENT_TYPES),
      number: fc.stringMatching(/^[A-Z0-9]{3,9}$/),
      issuingCountry: fc.constantFrom('KR', 'KH'),
    }),
    { maxLength: 2 },
  ),
});

const caseArb: fc.Arbitrary<CaseContent> = fc
  .record({
    offenceCategories: fc.subarray([...OFFENCE_CATEGORIES], { minLength: 1 }),
    tlp: fc.constantFrom(...TLP_LEVELS),
    handlingCodes: fc.subarray([...HANDLING_CODES]),
    sourceReliability: fc.constantFrom(...SOURCE_RELIABILITY),
    informationAccuracy: fc.constantFrom(...INFORMATION_ACCURACY),
    summary: fc.option(letters, { nil: undefined }),
    subjects: fc.array(personArb, { maxLength: 3 }),
    identifiers: fc.array(fc.record({ type: fc.constantFrom(...IDENTIFIER_TYPES), value: letters }), { maxLength: 6 }),
    transactions: fc.array(
      fc.record({
        hash: fc.stringMatching(/^[0-9a-f]{8,16}$/),
        amount: fc.stringMatching(/^[1-9]\d{0,5}\.\d{2}$/),
        asset: fc.constantFrom('USDT', 'BTC', 'ETH'),
        time: dateBetween('2015-01-01T00:00:00Z', '2025-12-31T00:00:00Z'),
      }),
      { maxLength: 3 },
    ),
    attachments: fc.array(fc.record({ name: letters, bytes: fc.integer({ min: 0, max: MAX_ATTACHMENT_BYTES }) }), {
      maxLength: 2,
    }),
    requests: fc.array(
      fc.record({
        kind: fc.constantFrom(...REQUEST_KINDS),
        target: fc.option(fc.nat(), { nil: undefined }),
        text: letters,
      }),
      { maxLength: 3 },
    ),
  })
  .map((raw): CaseContent => {
    const identifiers = raw.identifiers.map((x, i) => ({ id: `i${i}`, type: x.type, value: `IDV${i}-${x.value}` }));
    const freezable = identifiers.find((x) => FREEZABLE_IDENTIFIER_TYPES.includes(x.type));
    const input: CaseContentInput = {
      reference: 'PROP-1',
      title: 'Generated case',
      ...(raw.summary === undefined ? {} : { summary: `SUM-${raw.summary}` }),
      offenceCategories: raw.offenceCategories,
      tlp: raw.tlp,
      handlingCodes: raw.handlingCodes,
      sourceReliability: raw.sourceReliability,
      informationAccuracy: raw.informationAccuracy,
      subjects: raw.subjects.map((p, i) => ({
        ...p,
        id: `p${i}`,
        names: p.names.map((n, j) => `N${i}.${j}-${n}`),
        aliases: p.aliases.map((a, j) => `AL${i}.${j}-${a}`),
        documents: p.documents.map((d, j) => ({ ...d, number: `DOC${i}.${j}-${d.number}` })),
      })),
      identifiers,
      transactions: raw.transactions.map((t, i) => ({
        id: `t${i}`,
        chain: 'tron',
        txHash: `${i}x${t.hash}`,
        from: `ADDRF${i}-x`,
        to: `ADDRT${i}-x`,
        asset: t.asset,
        amount: t.amount,
        time: t.time,
      })),
      attachments: raw.attachments.map((a, i) => ({
        id: `a${i}`,
        name: `ATT${i}-${a.name}`,
        mediaType: 'application/pdf',
        sha256: `${i}`.padStart(64, 'f'),
        bytes: a.bytes,
      })),
      requests: raw.requests.map((r, i) => {
        // A freeze request needs a freezable target; without one it becomes a request for information.
        const target =
          r.target === undefined || identifiers.length === 0 ? undefined : identifiers[r.target % identifiers.length];
        if (r.kind === 'FREEZE_REQUEST' && freezable) {
          const frozen = target && FREEZABLE_IDENTIFIER_TYPES.includes(target.type) ? target : freezable;
          return {
            id: `r${i}`,
            kind: 'FREEZE_REQUEST' as const,
            targetIdentifierId: frozen.id,
            text: `REQ${i}-${r.text}`,
          };
        }
        return {
          id: `r${i}`,
          kind: 'REQUEST_FOR_INFORMATION' as const,
          targetIdentifierId: target?.id,
          text: `REQ${i}-${r.text}`,
        };
      }),
    };
    return caseContentSchema.parse(input);
  });

/** The categories a transformable field can fall in (identifier values: either identifier category). */
function fieldCategories(path: TransformablePath): DataCategory[] {
  if (path.startsWith('identifiers')) return ['WALLET_AND_ACCOUNT_IDENTIFIERS', 'PHONE_AND_HANDLE_IDENTIFIERS'];
  const category = dataCategoryOf(path);
  return category === null ? [] : [category];
}

function transformsArb(categories: DataCategory[]): fc.Arbitrary<FieldTransformRule[]> {
  const eligible = TRANSFORMABLE_PATHS.filter((p) => {
    const cats = fieldCategories(p);
    return cats.length === 0 || cats.some((c) => categories.includes(c));
  });
  return fc
    .shuffledSubarray(eligible)
    .chain((paths) =>
      fc
        .tuple(...paths.map((p) => fc.constantFrom(...TRANSFORMS_FOR_KIND[TRANSFORMABLE_FIELDS[p]])))
        .map((ts) => paths.map((path, i) => ({ path, transform: ts[i] }))),
    );
}

const policyArb: fc.Arbitrary<SharingPolicy> = fc
  .record({
    partnerId: fc.constant('kh-cnp'),
    version: fc.integer({ min: 1, max: 50 }),
    offenceCategories: fc.subarray([...OFFENCE_CATEGORIES], { minLength: 1 }),
    purposes: fc.subarray([...PURPOSES], { minLength: 1 }),
    tlpCeiling: fc.constantFrom(...TLP_LEVELS),
    dataCategories: fc.shuffledSubarray([
      'PERSONS',
      'IDENTITY_DOCUMENTS',
      'DATES_OF_BIRTH',
      'TRANSACTIONS',
      'WALLET_AND_ACCOUNT_IDENTIFIERS',
      'PHONE_AND_HANDLE_IDENTIFIERS',
      'ATTACHMENTS',
      'SUMMARY',
    ] as DataCategory[]),
    onwardSharing: fc.oneof(
      fc.constant({ allowed: false, to: [] as string[] }),
      fc.subarray(['kh-gdce', 'asean-hub'], { minLength: 1 }).map((to) => ({ allowed: true, to })),
    ),
    retentionDays: fc.integer({ min: 1, max: 3650 }),
    approvalMode: fc.constantFrom(...APPROVAL_MODES),
    watchlistCategories: fc.subarray([...OFFENCE_CATEGORIES]),
  })
  .chain((base) =>
    transformsArb(base.dataCategories).map((transforms) => sharingPolicySchema.parse({ ...base, transforms })),
  );

const purposeArb: fc.Arbitrary<Purpose> = fc.constantFrom(...PURPOSES);

/** Random triples widened so most are allowed (unwidened, about three in four are denied). */
const allowedMostlyArb = fc.tuple(caseArb, policyArb, purposeArb, fc.nat()).map(([content, policy, purpose, pick]) => {
  const category = content.offenceCategories[pick % content.offenceCategories.length];
  const widened = sharingPolicySchema.parse({
    ...policy,
    tlpCeiling: tlpWithin(content.tlp, policy.tlpCeiling) ? policy.tlpCeiling : content.tlp,
    offenceCategories: policy.offenceCategories.includes(category)
      ? policy.offenceCategories
      : [...policy.offenceCategories, category],
    purposes: policy.purposes.includes(purpose) ? policy.purposes : [...policy.purposes, purpose],
  });
  return [content, widened, purpose] as const;
});

// ---- helpers over JSON-shaped data ----------------------------------------------------------------

type Leaf = string | number | boolean;

function leavesOf(value: unknown, path: string, out = new Map<string, Leaf>()): Map<string, Leaf> {
  if (Array.isArray(value)) value.forEach((v, i) => leavesOf(v, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) leavesOf(v, path === '' ? key : `${path}.${key}`, out);
  } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out.set(path, value);
  return out;
}

/** The payload's leaves under the case's own paths (list items located by id, categories by value). */
function payloadLeaves(payload: SharedCasePayload, original: CaseContent): Map<string, Leaf> {
  const {
    policyVersion,
    terms,
    offenceCategories,
    subjects,
    identifiers,
    transactions,
    attachments,
    requests,
    ...rest
  } = payload;
  void [policyVersion, terms];
  const out = leavesOf(rest, '');
  offenceCategories.forEach((c) => out.set(`offenceCategories[${original.offenceCategories.indexOf(c)}]`, c));
  const byId = (list: string, items: { id: string }[] | undefined, originals: { id: string }[]) =>
    items?.forEach((item) => leavesOf(item, `${list}[${originals.findIndex((o) => o.id === item.id)}]`, out));
  byId('subjects', subjects, original.subjects);
  byId('identifiers', identifiers, original.identifiers);
  byId('transactions', transactions, original.transactions);
  byId('attachments', attachments, original.attachments);
  byId('requests', requests, original.requests);
  return out;
}

/** Every value at a generic path such as `subjects[].documents[].number` (missing keys skipped). */
function valuesAt(root: unknown, generic: string): unknown[] {
  let current: unknown[] = [root];
  for (const token of generic.split('.')) {
    const isList = token.endsWith('[]');
    const key = isList ? token.slice(0, -2) : token;
    current = current.flatMap((node) => {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !(key in node)) return [];
      const value: unknown = (node as Record<string, unknown>)[key];
      return isList && Array.isArray(value) ? value : [value];
    });
  }
  return current;
}

const covers = (removedPath: string, path: string): boolean =>
  path === removedPath || path.startsWith(`${removedPath}.`) || path.startsWith(`${removedPath}[`);

function expectedDenial(content: CaseContent, policy: SharingPolicy, purpose: Purpose): boolean {
  return (
    !tlpWithin(content.tlp, policy.tlpCeiling) ||
    !content.offenceCategories.some((c) => policy.offenceCategories.includes(c)) ||
    !policy.purposes.includes(purpose) ||
    (purpose === 'PROSECUTION' && content.handlingCodes.includes('INTELLIGENCE_ONLY'))
  );
}

/** Evaluates and hands the ALLOW payload to `check`; DENY runs are checked by the first property. */
function whenAllowed(
  check: (
    payload: SharedCasePayload,
    removed: { path: string; rule: string }[],
    content: CaseContent,
    policy: SharingPolicy,
    purpose: Purpose,
  ) => void,
) {
  return fc.property(allowedMostlyArb, ([content, policy, purpose]) => {
    const evaluation = evaluateSharePolicy(content, policy, purpose);
    if (evaluation.decision === 'ALLOW') check(evaluation.payload, evaluation.removed, content, policy, purpose);
  });
}

describe('evaluateSharePolicy (property)', () => {
  it('denies exactly when TLP, offence category, purpose or handling code forbid it; never above the ceiling', () => {
    fc.assert(
      fc.property(caseArb, policyArb, purposeArb, (content, policy, purpose) => {
        const evaluation = evaluateSharePolicy(content, policy, purpose);
        expect(evaluation.decision).toBe(expectedDenial(content, policy, purpose) ? 'DENY' : 'ALLOW');
        expect(evaluation.policyVersion).toBe(policy.version);
        if (evaluation.decision === 'DENY') {
          expect(evaluation.payload).toBeNull();
          expect(evaluation.removed).toEqual([]);
          expect(evaluation.reasons.length).toBeGreaterThan(0);
        } else {
          expect(tlpWithin(evaluation.payload.tlp, policy.tlpCeiling)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never puts a forbidden offence category, data category or field in the payload', () => {
    fc.assert(
      whenAllowed((payload, _removed, content, policy, purpose) => {
        expect(sharedCasePayloadSchema.parse(payload)).toStrictEqual(payload);
        expect(JSON.parse(JSON.stringify(payload))).toStrictEqual(payload);
        expect(payload.offenceCategories).toEqual(
          content.offenceCategories.filter((c) => policy.offenceCategories.includes(c)),
        );
        const allowed = new Set<DataCategory>(policy.dataCategories);
        // Keys of withheld categories are absent, even for empty lists.
        if (!allowed.has('SUMMARY')) expect(payload).not.toHaveProperty('summary');
        if (!allowed.has('PERSONS')) expect(payload).not.toHaveProperty('subjects');
        if (!allowed.has('TRANSACTIONS')) expect(payload).not.toHaveProperty('transactions');
        if (!allowed.has('ATTACHMENTS')) expect(payload).not.toHaveProperty('attachments');
        if (!allowed.has('DATES_OF_BIRTH')) expect(valuesAt(payload, 'subjects[].dateOfBirth')).toEqual([]);
        if (!allowed.has('IDENTITY_DOCUMENTS')) expect(valuesAt(payload, 'subjects[].documents')).toEqual([]);
        if (!allowed.has('WALLET_AND_ACCOUNT_IDENTIFIERS') && !allowed.has('PHONE_AND_HANDLE_IDENTIFIERS')) {
          expect(payload).not.toHaveProperty('identifiers');
        }
        for (const path of payloadLeaves(payload, content).keys()) {
          const identifier = /^identifiers\[(\d+)\]/.exec(path);
          const category = dataCategoryOf(
            path,
            identifier ? content.identifiers[Number(identifier[1])].type : undefined,
          );
          if (category !== null)
            expect({ path, category, allowed: allowed.has(category) }).toEqual({ path, category, allowed: true });
        }
        for (const identifier of payload.identifiers ?? [])
          expect(allowed.has(identifierCategory(identifier.type))).toBe(true);
        // A request never points at an identifier the partner does not get (its text is about it).
        const sharedIds = new Set((payload.identifiers ?? []).map((i) => i.id));
        for (const request of payload.requests ?? []) {
          if (request.targetIdentifierId !== undefined) expect(sharedIds.has(request.targetIdentifierId)).toBe(true);
        }
        // The terms the partner must honour.
        expect(payload.policyVersion).toBe(policy.version);
        expect(payload.terms.purpose).toBe(purpose);
        expect(payload.terms.retentionDays).toBe(policy.retentionDays);
        const onward = payload.terms.onwardSharing;
        if (onward.allowed) {
          expect(
            policy.onwardSharing.allowed && !content.handlingCodes.includes('NO_ONWARD_SHARING_WITHOUT_PERMISSION'),
          ).toBe(true);
          expect(onward.to).toEqual(policy.onwardSharing.to);
        } else {
          expect(onward.to).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('transformed fields never carry their original value', () => {
    fc.assert(
      whenAllowed((payload, _removed, content, policy) => {
        for (const { path, transform } of policy.transforms) {
          const raw = valuesAt(payload, path);
          const values = raw.flat();
          const originals = new Set(valuesAt(content, path).flat(2));
          const where = { path, transform };
          if (transform === 'DROP') expect({ ...where, raw }).toEqual({ ...where, raw: [] });
          for (const value of values) {
            expect({ ...where, original: originals.has(value) }).toEqual({ ...where, original: false });
            if (transform === 'MASK') expect(value).toBe(MASKED);
            if (transform === 'GENERALISE_YEAR') expect(value).toMatch(/^\d{4}$/);
            if (transform === 'LAST_3')
              expect(typeof value === 'string' && value.startsWith(MASKED) && [...value].length <= 6).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('lists in `removed` exactly the paths whose data did not reach the partner as written', () => {
    fc.assert(
      whenAllowed((payload, removed, content) => {
        const before = leavesOf(content, '');
        const after = payloadLeaves(payload, content);
        for (const path of after.keys()) expect({ path, inCase: before.has(path) }).toEqual({ path, inCase: true });
        const changed = [...before.keys()].filter((path) => after.get(path) !== before.get(path));
        for (const path of changed) {
          expect({ path, listed: removed.some((r) => covers(r.path, path)) }).toEqual({ path, listed: true });
        }
        expect(new Set(removed.map((r) => r.path)).size).toBe(removed.length);
        const counts = new Map<Leaf, number>();
        for (const value of before.values()) counts.set(value, (counts.get(value) ?? 0) + 1);
        const shared = new Set(after.values());
        for (const r of removed) {
          const under = [...before.keys()].filter((path) => covers(r.path, path));
          expect({ removed: r.path, hadData: under.length > 0 }).toEqual({ removed: r.path, hadData: true });
          for (const path of under) {
            expect({ removed: r.path, path, changed: changed.includes(path) }).toEqual({
              removed: r.path,
              path,
              changed: true,
            });
            // A value found only here in the case must not turn up anywhere in the payload.
            const value = before.get(path) as Leaf;
            if (counts.get(value) === 1) expect({ path, leaked: shared.has(value) }).toEqual({ path, leaked: false });
          }
        }
      }),
      RUNS,
    );
  });

  it('is deterministic, pure, and independent of the order of the transforms', () => {
    fc.assert(
      fc.property(caseArb, policyArb, purposeArb, (content, policy, purpose) => {
        const snapshot = structuredClone({ content, policy });
        const first = evaluateSharePolicy(content, policy, purpose);
        expect({ content, policy }).toStrictEqual(snapshot);
        const reordered = { ...policy, transforms: [...policy.transforms].reverse() };
        expect(JSON.stringify(evaluateSharePolicy(content, reordered, purpose))).toBe(JSON.stringify(first));
      }),
      RUNS,
    );
  });
});
