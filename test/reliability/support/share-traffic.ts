import { Role } from '../../../src/kernel/vocabulary/role.js';
import { CREATE_CASE, caseInput } from '../../support/case-factory.js';
import { eventually, type FederationHarness } from '../../federation/support/federation-harness.js';
import { receiverLedger, senderView, type Ledger } from './delivery-ledger.js';

const SHARE =
  'mutation ($c: ID!, $p: [String!]!) { requestShare(caseId: $c, partnerIds: $p, purpose: INVESTIGATION) { id status } }';
const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id) { packetId status } }';

/** Case shares between node processes of a harness, and the ledger of where their packets went. */
export class ShareTraffic {
  private readonly tokens = new Map<string, { analyst: string; officer: string }>();

  constructor(private readonly federation: FederationHarness) {}

  private async tokensOf(node: string): Promise<{ analyst: string; officer: string }> {
    let pair = this.tokens.get(node);
    if (!pair) {
      pair = {
        analyst: await this.federation.token(node, `rel-analyst-${node}`, [Role.ANALYST]),
        officer: await this.federation.token(node, `rel-officer-${node}`, [Role.LIAISON_OFFICER]),
      };
      this.tokens.set(node, pair);
    }
    return pair;
  }

  /** Shares waiting for a liaison officer (cases at TLP GREEN, online scam: every example policy lets them through). */
  async pending(from: string, to: string, count: number): Promise<string[]> {
    const { analyst } = await this.tokensOf(from);
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const created = await this.federation.graphql<{ createCase: { id: string } }>(
        from,
        CREATE_CASE,
        { input: caseInput({ offenceCategories: ['ONLINE_SCAM'], tlp: 'GREEN' }) },
        analyst,
      );
      if (!created.data) throw new Error(`createCase on ${from}: ${JSON.stringify(created.errors)}`);
      const requested = await this.federation.graphql<{ requestShare: { id: string; status: string }[] }>(
        from,
        SHARE,
        { c: created.data.createCase.id, p: [to] },
        analyst,
      );
      const share = requested.data?.requestShare[0];
      if (share?.status !== 'PENDING_APPROVAL')
        throw new Error(`requestShare ${from} → ${to}: ${JSON.stringify(requested)}`);
      ids.push(share.id);
    }
    return ids;
  }

  /** Approves the shares; returns the packet ids the API answered with (a failed call is left out). */
  async approve(from: string, shareIds: string[], concurrently = false): Promise<string[]> {
    const { officer } = await this.tokensOf(from);
    const one = async (id: string) => {
      try {
        const answer = await this.federation.graphql<{ approveShare: { packetId: string } }>(
          from,
          APPROVE,
          { id },
          officer,
        );
        return answer.data?.approveShare.packetId;
      } catch {
        return undefined; // the node was killed mid-call: the database says what happened
      }
    };
    const results = concurrently
      ? await Promise.all(shareIds.map(one))
      : await shareIds.reduce<Promise<(string | undefined)[]>>(
          async (acc, id) => [...(await acc), await one(id)],
          Promise.resolve([]),
        );
    return results.filter((id): id is string => id !== undefined);
  }

  async approved(from: string, to: string, count: number): Promise<string[]> {
    return this.approve(from, await this.pending(from, to, count));
  }

  /** The packets the sender really sealed for these shares (its outbound_packet), whatever the API answered. */
  async sealedFor(from: string, shareIds: string[]): Promise<string[]> {
    const rows = await this.federation.sql<{ packet_id: string }>(
      from,
      'SELECT packet_id::text FROM share_request WHERE id::text = ANY($1::text[]) AND packet_id IS NOT NULL',
      [shareIds],
    );
    return rows.map((r) => r.packet_id);
  }

  /** Shares of these ids still waiting for approval (their approval call never reached the database). */
  async stillPending(from: string, shareIds: string[]): Promise<string[]> {
    const rows = await this.federation.sql<{ id: string }>(
      from,
      `SELECT id::text FROM share_request WHERE id::text = ANY($1::text[]) AND status = 'PENDING_APPROVAL'`,
      [shareIds],
    );
    return rows.map((r) => r.id);
  }

  /** Waits until the senders hold a verified receipt for every packet, then counts at the receivers. */
  async settle(
    scenario: string,
    flows: { from: string; to: string; packetIds: string[] }[],
    timeoutMs = 90_000,
  ): Promise<Ledger> {
    // On a timeout the ledger is still computed, so the failing assertion shows what was lost.
    const settled = await eventually(
      `${scenario}: every packet DELIVERED`,
      async () => {
        for (const flow of flows) {
          const view = await senderView(this.federation.slot(flow.from).databaseUrl, flow.packetIds);
          if ((view.statuses.DELIVERED ?? 0) < flow.packetIds.length) return undefined;
        }
        return true;
      },
      timeoutMs,
    ).catch(() => false);
    if (!settled) process.stdout.write(`${scenario}: not settled in ${timeoutMs} ms\n${this.federation.logs()}\n`);
    const ledger = await receiverLedger(
      scenario,
      flows.map((flow) => ({
        to: flow.to,
        databaseUrl: this.federation.slot(flow.to).databaseUrl,
        packetIds: flow.packetIds,
      })),
    );
    for (const flow of flows) {
      const view = await senderView(this.federation.slot(flow.from).databaseUrl, flow.packetIds);
      ledger.notes[`${flow.from}>${flow.to}`] = {
        sealed: flow.packetIds.length,
        confirmedBySender: view.statuses.DELIVERED ?? 0,
        retried: view.retried,
        attempts: view.attempts,
      };
    }
    return ledger;
  }
}
