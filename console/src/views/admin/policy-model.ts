import type { InboundPolicy, OutboundPolicy, PartnerPolicy } from '../../api/admin-operations';

// A partner policy as labelled rows in a fixed order, the difference between two versions, and the
// publish form's model. Pure, tested without a browser.

export type PolicyValue =
  | { kind: 'codes'; values: string[] }
  | { kind: 'code'; value: string }
  | { kind: 'number'; value: number; unit?: 'days' }
  | { kind: 'flag'; value: boolean }
  | { kind: 'transforms'; values: { path: string; transform: string }[] }
  | { kind: 'nodes'; values: string[] }
  | { kind: 'none' };

export interface PolicyRow {
  /** Stable key, also the message key of its label: policy.field.<key>. */
  key: string;
  value: PolicyValue;
}

const codes = (values: string[]): PolicyValue => ({ kind: 'codes', values: [...values].sort() });

function outboundRows(p: OutboundPolicy | null): PolicyRow[] {
  if (!p) return [{ key: 'outbound', value: { kind: 'none' } }];
  return [
    { key: 'outbound.offenceCategories', value: codes(p.offenceCategories) },
    { key: 'outbound.purposes', value: codes(p.purposes) },
    { key: 'outbound.tlpCeiling', value: { kind: 'code', value: p.tlpCeiling } },
    { key: 'outbound.dataCategories', value: codes(p.dataCategories) },
    {
      key: 'outbound.transforms',
      value: { kind: 'transforms', values: [...p.transforms].sort((a, b) => a.path.localeCompare(b.path)) },
    },
    { key: 'outbound.onwardSharing', value: { kind: 'flag', value: p.onwardSharing.allowed } },
    { key: 'outbound.onwardSharingTo', value: { kind: 'nodes', values: [...p.onwardSharing.to].sort() } },
    { key: 'outbound.retentionDays', value: { kind: 'number', value: p.retentionDays, unit: 'days' } },
    { key: 'outbound.approvalMode', value: { kind: 'code', value: p.approvalMode } },
    { key: 'outbound.watchlistCategories', value: codes(p.watchlistCategories) },
  ];
}

function inboundRows(p: InboundPolicy | null): PolicyRow[] {
  if (!p) return [{ key: 'inbound', value: { kind: 'none' } }];
  return [
    { key: 'inbound.offenceCategories', value: codes(p.offenceCategories) },
    { key: 'inbound.tlpCeiling', value: { kind: 'code', value: p.tlpCeiling } },
    { key: 'inbound.maxRetentionDays', value: { kind: 'number', value: p.maxRetentionDays, unit: 'days' } },
    { key: 'inbound.acceptRelayed', value: { kind: 'flag', value: p.acceptRelayed } },
  ];
}

export function policyRows(policy: Pick<PartnerPolicy, 'outbound' | 'inbound'>): PolicyRow[] {
  return [...outboundRows(policy.outbound), ...inboundRows(policy.inbound)];
}

export interface DiffRow {
  key: string;
  before?: PolicyValue;
  after?: PolicyValue;
  changed: boolean;
  /** For lists: what the newer version added and removed. */
  added: string[];
  removed: string[];
}

const items = (value: PolicyValue | undefined): string[] | undefined => {
  if (!value) return undefined;
  if (value.kind === 'codes' || value.kind === 'nodes') return value.values;
  if (value.kind === 'transforms') return value.values.map((t) => `${t.path}=${t.transform}`);
  return undefined;
};

/** Row by row, what changed from `before` to `after` (rows only one side has are changes too). */
export function diffPolicies(
  before: Pick<PartnerPolicy, 'outbound' | 'inbound'>,
  after: Pick<PartnerPolicy, 'outbound' | 'inbound'>,
): DiffRow[] {
  const a = new Map(policyRows(before).map((r) => [r.key, r.value]));
  const b = new Map(policyRows(after).map((r) => [r.key, r.value]));
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const order = (key: string) => (key.startsWith('outbound') ? 0 : 1);
  return keys
    .sort((x, y) => order(x) - order(y))
    .map((key) => {
      const left = a.get(key);
      const right = b.get(key);
      const l = items(left);
      const r = items(right);
      return {
        key,
        before: left,
        after: right,
        changed: JSON.stringify(left) !== JSON.stringify(right),
        added: l && r ? r.filter((x) => !l.includes(x)) : [],
        removed: l && r ? l.filter((x) => !r.includes(x)) : [],
      };
    });
}

/** The publish form: each part can be switched off (share nothing / accept nothing). */
export interface PolicyForm {
  outboundOn: boolean;
  outbound: OutboundPolicy;
  inboundOn: boolean;
  inbound: InboundPolicy;
}

export const DEFAULT_OUTBOUND: OutboundPolicy = {
  offenceCategories: [],
  purposes: ['INVESTIGATION'],
  tlpCeiling: 'AMBER',
  dataCategories: [],
  transforms: [],
  onwardSharing: { allowed: false, to: [] },
  retentionDays: 365,
  approvalMode: 'LIAISON_OFFICER',
  watchlistCategories: [],
};

export const DEFAULT_INBOUND: InboundPolicy = {
  offenceCategories: [],
  tlpCeiling: 'AMBER',
  maxRetentionDays: 365,
  acceptRelayed: false,
};

export function policyFormOf(latest: PartnerPolicy | undefined): PolicyForm {
  return {
    outboundOn: Boolean(latest?.outbound) || !latest,
    outbound: structuredClone(latest?.outbound ?? DEFAULT_OUTBOUND),
    inboundOn: Boolean(latest?.inbound) || !latest,
    inbound: structuredClone(latest?.inbound ?? DEFAULT_INBOUND),
  };
}

/** The PartnerPolicyInput of the form (a part switched off is left out: nothing shared, nothing accepted). */
export function policyInputOf(form: PolicyForm): Record<string, unknown> {
  return {
    ...(form.outboundOn ? { outbound: form.outbound } : {}),
    ...(form.inboundOn ? { inbound: form.inbound } : {}),
  };
}

/** policy.outbound.transforms.0.path → outbound.transforms: the row a problem belongs to. */
export function rowOfProblem(field: string): string {
  return field
    .replace(/^policy\./, '')
    .replace(/\.\d+(\..*)?$/, '')
    .replace(/^outbound\.onwardSharing\.to$/, 'outbound.onwardSharingTo')
    .replace(/^outbound\.onwardSharing\.allowed$/, 'outbound.onwardSharing');
}
