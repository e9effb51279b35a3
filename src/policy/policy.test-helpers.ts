/**
 * Fixtures for the policy specs: a realistic Joint Task Force case and the shipped policies as stored
 * versions. No jest imports, so other specs (share workflow, GraphQL) can reuse them.
 */
import { caseContentSchema } from '../cases/case-content.js';
import type { CaseContent, CaseContentInput } from '../cases/case-content.js';
import { defaultPolicyFile, loadPolicyFile } from './policy-file.js';
import type { InboundPolicy, SharingPolicy } from './sharing-policy.js';

export const EXAMPLE_NODE_IDS = [
  'asean-hub',
  'global-exchange-meridian',
  'kh-cnp',
  'kh-gdce',
  'kr-exchange-hanbit',
  'kr-kcs',
  'kr-knpa',
] as const;

/** A scam-compound case of kr-knpa: Korean victims, a Cambodian compound, USDT on Tron laundered via an exchange. */
export const SCAM_COMPOUND_CASE: CaseContentInput = {
  reference: 'KNPA-2025-0142',
  title: 'Romance-scam compound in Sihanoukville targeting Korean nationals',
  summary:
    'Victims in Seoul and Busan were recruited through Telegram and paid USDT to wallets controlled by the compound; ' +
    'proceeds were moved to an exchange account opened with a passport of subject Kim.',
  offenceCategories: ['ONLINE_SCAM', 'MONEY_LAUNDERING', 'HUMAN_TRAFFICKING'],
  tlp: 'AMBER',
  handlingCodes: ['NO_COURT_USE_WITHOUT_PERMISSION'],
  sourceReliability: 'B',
  informationAccuracy: 2,
  subjects: [
    {
      id: 'p-1',
      names: ['KIM Min-jun'],
      aliases: ['Jason', 'boss_mj'],
      dateOfBirth: '1988-04-17',
      nationality: 'KR',
      documents: [{ type: 'PASSPORT', number: 'M12345678', issuingCountry: 'KR' }],
    },
    { id: 'p-2', names: ['SOK Dara'], dateOfBirth: '1992-11-02', nationality: 'KH' },
  ],
  identifiers: [
    { id: 'i-1', type: 'WALLET_TRON', value: 'TXyz1111111111111111111111111111Ab' },
    { id: 'i-2', type: 'TELEGRAM', value: '@sihanouk_love_desk' },
    { id: 'i-3', type: 'EXCHANGE_ACCOUNT', value: 'huione-pay:88120443' },
    { id: 'i-4', type: 'PHONE', value: '+85512345678' },
  ],
  transactions: [
    {
      id: 't-1',
      chain: 'tron',
      txHash: 'a3f1c2d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00',
      from: 'TVictim2222222222222222222222222Cd',
      to: 'TXyz1111111111111111111111111111Ab',
      asset: 'USDT',
      amount: '15000.00',
      time: '2025-02-14T03:12:45Z',
    },
  ],
  attachments: [
    {
      id: 'a-1',
      name: 'victim-statement-busan.pdf',
      mediaType: 'application/pdf',
      sha256: 'b'.repeat(64),
      bytes: 482_113,
    },
  ],
  requests: [
    {
      id: 'r-1',
      kind: 'FREEZE_REQUEST',
      targetIdentifierId: 'i-3',
      text: 'Please freeze the exchange account i-3 pending MLA.',
    },
    {
      id: 'r-2',
      kind: 'REQUEST_FOR_INFORMATION',
      targetIdentifierId: 'i-4',
      text: 'Subscriber details for this number?',
    },
  ],
};

export function exampleCase(overrides: Partial<CaseContentInput> = {}): CaseContent {
  return caseContentSchema.parse({ ...SCAM_COMPOUND_CASE, ...overrides });
}

/** The shipped policy of `nodeId` for `partnerId`, as the store would hold it (version 1 unless told). */
export function shippedPolicy(nodeId: string, partnerId: string, version = 1): SharingPolicy {
  const rules = loadPolicyFile(defaultPolicyFile(nodeId), { nodeId }).outbound[partnerId];
  if (!rules) throw new Error(`${nodeId} has no outbound policy for ${partnerId}`);
  return { partnerId, version, ...rules };
}

export function shippedInboundPolicy(nodeId: string, partnerId: string, version = 1): InboundPolicy {
  const rules = loadPolicyFile(defaultPolicyFile(nodeId), { nodeId }).inbound[partnerId];
  if (!rules) throw new Error(`${nodeId} has no inbound policy for ${partnerId}`);
  return { partnerId, version, ...rules };
}
