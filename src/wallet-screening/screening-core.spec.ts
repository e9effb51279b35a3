import { defaultPolicyFile, loadPolicyFile } from '../policy/policy-file.js';
import type { SharingPolicy } from '../policy/sharing-policy.js';
import { hitReportDecision } from './hit-report-policy.js';
import { MAX_BATCH, parseBatch, parseItem } from './screening-request.js';

describe('the screening endpoint request bodies', () => {
  it('take a lookup or a transfer, and name the field at fault', () => {
    expect(parseItem({ type: 'WALLET_EVM', address: '0xabc' })).toEqual({ type: 'WALLET_EVM', address: '0xabc' });
    const transfer = {
      type: 'WALLET_TRON',
      address: 'T…',
      direction: 'DEPOSIT',
      transactionHash: 'f'.repeat(64),
      amount: '1250.5',
      asset: 'USDT',
      chain: 'tron',
      occurredAt: '2026-06-01T10:00:00Z',
    };
    expect(parseItem(transfer)).toEqual(transfer);
    expect(() => parseItem({ type: 'WALLET_EVM', address: '0xabc', amount: '5' })).toThrow(/^direction: a transfer/);
    expect(() => parseItem({ type: 'SHOE_SIZE', address: '42' })).toThrow(/^type: must be one of/);
    expect(() => parseItem({ type: 'WALLET_EVM', address: '0xabc', extra: 1 })).toThrow(/^extra: unknown field/);
    expect(() => parseItem({ type: 'WALLET_EVM', address: '0xabc', direction: 'DEPOSIT', amount: 5 })).toThrow(
      /^amount/,
    );
    expect(() => parseBatch({ items: [{ type: 'WALLET_EVM' }] })).toThrow(/^items\.0\.address/);
    expect(() => parseBatch({ items: [] })).toThrow(/^items: 1 to/);
    expect(() => parseBatch({ items: Array(MAX_BATCH + 1).fill({ type: 'WALLET_EVM', address: 'x' }) })).toThrow(
      /10001 were given/,
    );
  });
});

describe('hitReportDecision', () => {
  const meridian = loadPolicyFile(defaultPolicyFile('global-exchange-meridian'), {
    nodeId: 'global-exchange-meridian',
  });
  const policy = (agency: string): SharingPolicy => ({ ...meridian.outbound[agency], partnerId: agency, version: 2 });

  it('reports only the categories the exchange policy names for that origin', () => {
    expect(hitReportDecision(policy('kr-knpa'), 'kr-knpa', 'ONLINE_SCAM')).toEqual({
      report: true,
      tlp: 'AMBER',
      retentionDays: 1095,
      policyVersion: 2,
    });
    expect(hitReportDecision(policy('kr-knpa'), 'kr-knpa', 'MONEY_LAUNDERING')).toEqual({
      report: false,
      reason: 'the policy for kr-knpa reports no MONEY_LAUNDERING hits',
    });
    expect(hitReportDecision(policy('kr-kcs'), 'kr-kcs', 'MONEY_LAUNDERING')).toMatchObject({ report: false });
    expect(hitReportDecision(undefined, 'kh-gdce', 'ONLINE_SCAM')).toMatchObject({ report: false });
  });

  it('never marks a report above the policy ceiling', () => {
    const green = { ...policy('kr-knpa'), tlpCeiling: 'GREEN' as const };
    expect(hitReportDecision(green, 'kr-knpa', 'ONLINE_SCAM')).toMatchObject({ report: true, tlp: 'GREEN' });
  });
});
