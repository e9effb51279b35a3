import { sql } from '../../support/test-database.js';

/**
 * What happened to a set of packets, computed from the nodes' databases (and, for refusals that come
 * before a packet is even read, from the receiving node's log): never assumed from what the test sent.
 * Every sent packet must end up delivered or rejected with a reason; `lost` counts the ones that did
 * neither, `duplicated` the extra copies stored.
 */
export interface Ledger {
  scenario: string;
  sent: number;
  delivered: number;
  rejected: Record<string, number>;
  lost: number;
  duplicated: number;
  /** Scenario-specific observations printed beside the counts (retries, copies answered, outage…). */
  notes: Record<string, unknown>;
}

/** Packets sent to one receiving node, by the id the sender gave them. */
export interface Flow {
  to: string;
  databaseUrl: string;
  packetIds: string[];
}

/**
 * Counts, at each receiver, the stored rows (`received_packet`) and the recorded refusals
 * (`packet_rejection`, the first reason per packet) of the packets sent to it. `refusedUnread` adds
 * refusals that happen before any packet id is known (at the TLS layer), counted by the caller from
 * the receiver's log, so that they are accounted for rather than lost.
 */
export async function receiverLedger(
  scenario: string,
  flows: Flow[],
  refusedUnread: Record<string, number> = {},
): Promise<Ledger> {
  const ledger: Ledger = { scenario, sent: 0, delivered: 0, rejected: {}, lost: 0, duplicated: 0, notes: {} };
  let accountedFor = 0;
  for (const flow of flows) {
    const ids = [...new Set(flow.packetIds)];
    ledger.sent += ids.length;
    const [stored] = await sql<{ rows: number; distinct: number }>(
      flow.databaseUrl,
      'SELECT count(*)::int AS rows, count(DISTINCT packet_id)::int AS distinct FROM received_packet WHERE packet_id::text = ANY($1::text[])',
      [ids],
    );
    ledger.delivered += stored.distinct;
    ledger.duplicated += stored.rows - stored.distinct;
    const refused = await sql<{ reason: string; packets: number }>(
      flow.databaseUrl,
      `SELECT reason, count(*)::int AS packets FROM (
         SELECT DISTINCT ON (packet_id) packet_id, reason FROM packet_rejection
          WHERE packet_id::text = ANY($1::text[]) AND packet_id::text NOT IN (SELECT packet_id::text FROM received_packet WHERE packet_id::text = ANY($1::text[]))
          ORDER BY packet_id, rejected_at
       ) first_refusal GROUP BY reason`,
      [ids],
    );
    for (const { reason, packets } of refused) {
      ledger.rejected[reason] = (ledger.rejected[reason] ?? 0) + packets;
      accountedFor += packets;
    }
    accountedFor += stored.distinct;
  }
  for (const [reason, count] of Object.entries(refusedUnread)) {
    ledger.rejected[reason] = (ledger.rejected[reason] ?? 0) + count;
    accountedFor += count;
  }
  ledger.lost = Math.max(0, ledger.sent - accountedFor);
  return ledger;
}

/** How the sending node sees its deliveries: status counts and retries of its `delivery` rows. */
export async function senderView(
  databaseUrl: string,
  packetIds: string[],
): Promise<{ statuses: Record<string, number>; retried: number; attempts: number }> {
  const rows = await sql<{ status: string; count: number; retried: number; attempts: number }>(
    databaseUrl,
    `SELECT status, count(*)::int AS count, count(*) FILTER (WHERE attempts > 1)::int AS retried, coalesce(sum(attempts), 0)::int AS attempts
       FROM delivery WHERE packet_id::text = ANY($1::text[]) GROUP BY status`,
    [packetIds],
  );
  return {
    statuses: Object.fromEntries(rows.map((r) => [r.status, r.count])),
    retried: rows.reduce((sum, r) => sum + r.retried, 0),
    attempts: rows.reduce((sum, r) => sum + r.attempts, 0),
  };
}

/** One line per scenario in the test output, readable in CI logs. */
export function printLedger(ledger: Ledger): void {
  const rejected = Object.entries(ledger.rejected)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  const notes = Object.keys(ledger.notes).length ? ` | ${JSON.stringify(ledger.notes)}` : '';
  process.stdout.write(
    `[reliability] ${ledger.scenario}: sent ${ledger.sent}, delivered ${ledger.delivered}, rejected {${rejected}}, lost ${ledger.lost}, duplicated ${ledger.duplicated}${notes}\n`,
  );
}
