import { TRANSFORMABLE_PATHS, TRANSFORMABLE_FIELDS } from '../cases/case-content.js';
import { HANDLING_CODES, OFFENCE_CATEGORIES, TLP_LEVELS } from '../kernel/vocabulary/index.js';
import type { HandlingCode, OffenceCategory, Tlp } from '../kernel/vocabulary/index.js';
import { evaluateSharePolicy } from './policy-evaluation.js';
import { englishPolicyText, POLICY_TEXT_CODES, policyTextOf, type PolicyTextCode } from './policy-text.js';
import { EXAMPLE_NODE_IDS, exampleCase, shippedPolicy } from './policy.test-helpers.js';
import { loadPolicyFile, defaultPolicyFile } from './policy-file.js';
import { PURPOSES, TRANSFORMS_FOR_KIND, type SharingPolicy } from './sharing-policy.js';

/** Every sentence the engine writes for the shipped policies and variations of them, over variations of a case. */
function engineSentences(): string[] {
  const sentences = new Set<string>();
  const policies: SharingPolicy[] = [];
  for (const nodeId of EXAMPLE_NODE_IDS) {
    for (const partnerId of Object.keys(loadPolicyFile(defaultPolicyFile(nodeId), { nodeId }).outbound)) {
      const shipped = shippedPolicy(nodeId, partnerId, 3);
      policies.push(shipped, { ...shipped, onwardSharing: { allowed: true, to: ['kh-cnp', 'kh-gdce'] } });
    }
  }
  const everything = shippedPolicy('kr-knpa', 'kr-kcs');
  for (const path of TRANSFORMABLE_PATHS)
    for (const transform of TRANSFORMS_FOR_KIND[TRANSFORMABLE_FIELDS[path]])
      policies.push({ ...everything, transforms: [{ path, transform }] });
  const variants = [
    exampleCase(),
    ...TLP_LEVELS.map((tlp: Tlp) => exampleCase({ tlp })),
    ...HANDLING_CODES.map((code: HandlingCode) => exampleCase({ handlingCodes: [code] })),
    ...OFFENCE_CATEGORIES.map((c: OffenceCategory) => exampleCase({ offenceCategories: [c] })),
    exampleCase({ offenceCategories: ['ONLINE_SCAM', 'CYBERCRIME', 'HUMAN_TRAFFICKING'] }),
  ];
  for (const policy of policies)
    for (const content of variants)
      for (const purpose of PURPOSES) {
        const evaluation = evaluateSharePolicy(content, policy, purpose);
        evaluation.reasons.forEach((r) => sentences.add(r));
        evaluation.removed.forEach((r) => sentences.add(r.rule));
      }
  return [...sentences];
}

// What the share workflow writes itself (share-request.service.ts).
const WORKFLOW_SENTENCES = [
  'there is no outbound policy for kh-cnp: nothing may be shared with it',
  'there is no outbound policy for kr-knpa',
  "reply to kr-knpa's packet 01a24a30-19fa-74f1-a864-61d3b0bd5920",
];

describe('policy text codes', () => {
  const sentences = [...engineSentences(), ...WORKFLOW_SENTENCES];

  it('gives every sentence the engine and the workflow write a code, and reads back exactly the same English', () => {
    const unknown = sentences.filter((s) => policyTextOf(s).code === 'OTHER');
    expect(unknown).toEqual([]);
    for (const sentence of sentences) {
      const { code, params } = policyTextOf(sentence);
      expect(englishPolicyText(code as Exclude<PolicyTextCode, 'OTHER'>, params)).toBe(sentence);
    }
  });

  it('meets every code in that sweep, so no template is dead', () => {
    const seen = new Set(sentences.map((s) => policyTextOf(s).code));
    expect(POLICY_TEXT_CODES.filter((code) => code !== 'OTHER' && !seen.has(code))).toEqual([]);
  });

  it('splits lists and numbers into parameters a client can translate', () => {
    expect(
      policyTextOf(
        "none of the case's offence categories (ONLINE_SCAM, CYBERCRIME) may be shared with this partner (allowed: DRUG_TRAFFICKING)",
      ),
    ).toEqual({
      code: 'OFFENCE_CATEGORIES_NOT_ALLOWED',
      params: { categories: ['ONLINE_SCAM', 'CYBERCRIME'], allowed: ['DRUG_TRAFFICKING'] },
      text: expect.any(String),
    });
    expect(policyTextOf('transform GENERALISE_YEAR on subjects[].dateOfBirth').params).toEqual({
      transform: 'GENERALISE_YEAR',
      field: 'subjects[].dateOfBirth',
    });
    expect(policyTextOf("case is TLP:AMBER+STRICT, above this partner's ceiling TLP:GREEN").params).toEqual({
      tlp: 'AMBER+STRICT',
      ceiling: 'GREEN',
    });
    expect(policyTextOf('3 field(s) withheld or transformed under policy version 2').params).toEqual({
      count: 3,
      version: 2,
    });
  });

  it('keeps a sentence it does not know as OTHER, with its text', () => {
    expect(policyTextOf('a newer node says something else')).toEqual({
      code: 'OTHER',
      params: {},
      text: 'a newer node says something else',
    });
  });
});
