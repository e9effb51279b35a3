import { Inject, Injectable } from '@nestjs/common';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { validateIdentifier } from '../identifiers/index.js';
import { GraphNodeKind, GraphRelation } from './dto/identifier-graph.types.js';
import {
  GraphBuilder,
  caseNodeId,
  identifierNodeId,
  receivedNodeId,
  transactionNodeId,
  type GraphIdentifier,
  type IdentifierGraph,
} from './graph-builder.js';
import { TransactionContext } from '../common/database/transaction-context.js';

export const MAX_GRAPH_DEPTH = 4;
export const MAX_GRAPH_NODES = 500;

interface TransactionRow {
  holder: string;
  tx: { id?: string; chain?: string; txHash?: string; from?: string; to?: string; asset?: string; amount?: string };
}

const FRONTIER = 'unnest($1::text[], $2::text[]) AS q(type, value)';

/** The normalised form of a transaction address, read as the type of the wallet it was matched against. */
function normalise(type: IdentifierType, raw: string): string {
  const result = validateIdentifier(type, raw);
  return result.valid ? result.normalized : raw.trim();
}

/**
 * Breadth-first walk from one identifier: each hop takes the whole frontier of identifiers and runs
 * one query per source (local cases, received cases, their transactions, the watchlist), so the
 * cost grows with hops, not with the number of identifiers met.
 */
@Injectable()
export class IdentifierGraphService {
  constructor(
    private readonly tx: TransactionContext,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async graph(
    type: IdentifierType,
    value: string,
    depth: number,
    maxNodes = MAX_GRAPH_NODES,
  ): Promise<IdentifierGraph> {
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_GRAPH_DEPTH)
      throw new InputException('depth', `must be between 1 and ${MAX_GRAPH_DEPTH}`);
    const start = validateIdentifier(type, value);
    if (!start.valid) throw new InputException('value', start.reason);
    const graph = new GraphBuilder(maxNodes);
    let frontier: GraphIdentifier[] = [{ type, value: start.normalized }];
    graph.addIdentifier(frontier[0]);
    for (let hop = 0; hop < depth && frontier.length > 0 && !graph.truncated; hop += 1) {
      frontier = await this.expand(graph, frontier);
    }
    return graph.result();
  }

  /** One hop: everything the frontier identifiers touch; returns the identifiers first met on this hop. */
  private async expand(graph: GraphBuilder, frontier: GraphIdentifier[]): Promise<GraphIdentifier[]> {
    const types = frontier.map((i) => i.type);
    const values = frontier.map((i) => i.value);
    const byLowerValue = new Map<string, GraphIdentifier[]>();
    for (const identifier of frontier) {
      const lower = identifier.value.toLowerCase();
      byLowerValue.set(lower, [...(byLowerValue.get(lower) ?? []), identifier]);
    }
    const next: GraphIdentifier[] = [];

    const cases: { type: string; value: string; id: string; reference: string }[] = await this.tx.manager.query(
      `SELECT DISTINCT q.type, q.value, c.id, c.reference FROM ${FRONTIER}
         JOIN case_identifier ci ON ci.type = q.type AND ci.value = q.value
         JOIN intel_case c ON c.id = ci.case_id ORDER BY c.reference, c.id`,
      [types, values],
    );
    for (const row of cases) {
      graph.link(
        identifierNodeId(row),
        { kind: GraphNodeKind.CASE, id: caseNodeId(row.id), label: row.reference },
        GraphRelation.MENTIONED_IN,
      );
    }
    const received: { type: string; value: string; id: string; origin_node: string; case_reference: string | null }[] =
      await this.tx.manager.query(
        `SELECT q.type, q.value, p.id, p.origin_node, p.case_reference FROM ${FRONTIER}
         JOIN received_identifier ri ON ri.type = q.type AND ri.value = q.value
         JOIN received_packet p ON p.id = ri.received_packet_id
        WHERE p.retention_until > $3 ORDER BY p.received_at, p.id`,
        [types, values, this.clock.now()],
      );
    for (const row of received) {
      const label = `${row.origin_node}: ${row.case_reference ?? row.id}`;
      graph.link(
        identifierNodeId(row),
        { kind: GraphNodeKind.RECEIVED_CASE, id: receivedNodeId(row.id), label },
        GraphRelation.MENTIONED_IN,
      );
    }
    const watchlist: { type: string; value: string; origin: string; entry_id: string; offence_category: string }[] =
      await this.tx.manager.query(
        `SELECT q.type, q.value, w.origin, w.entry_id, w.offence_category FROM ${FRONTIER}
         JOIN watchlist_entry w ON w.identifier_type = q.type AND w.value = q.value
        WHERE NOT w.revoked AND w.valid_until > $3 ORDER BY w.origin, w.entry_id`,
        [types, values, this.clock.now()],
      );
    for (const row of watchlist) {
      const node = {
        kind: GraphNodeKind.WATCHLIST_ENTRY,
        id: `watchlist:${row.origin}:${row.entry_id}`,
        label: `${row.origin} ${row.offence_category}`,
      };
      graph.link(identifierNodeId(row), node, GraphRelation.LISTED_IN);
    }

    // Transactions only in the cases just found, matched on from/to. Addresses in transactions are
    // stored as typed, so SQL narrows case-insensitively and the validators decide equality below.
    const lowerValues = [...byLowerValue.keys()];
    const transactions: TransactionRow[] = await this.tx.manager.query(
      `SELECT 'case:' || c.id AS holder, t.tx FROM intel_case c
         CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(c.content->'transactions') = 'array' THEN c.content->'transactions' ELSE '[]' END) AS t(tx)
        WHERE c.id = ANY($1::uuid[]) AND (lower(t.tx->>'from') = ANY($3::text[]) OR lower(t.tx->>'to') = ANY($3::text[]))
       UNION ALL
       SELECT 'received:' || p.id, t.tx FROM received_packet p
         CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(p.content->'transactions') = 'array' THEN p.content->'transactions' ELSE '[]' END) AS t(tx)
        WHERE p.id = ANY($2::uuid[]) AND (lower(t.tx->>'from') = ANY($3::text[]) OR lower(t.tx->>'to') = ANY($3::text[]))`,
      [[...new Set(cases.map((c) => c.id))], [...new Set(received.map((r) => r.id))], lowerValues],
    );
    for (const { holder, tx } of transactions) {
      if (typeof tx.from !== 'string' || typeof tx.to !== 'string' || typeof tx.txHash !== 'string') continue;
      const from = tx.from;
      const to = tx.to;
      const candidates = [
        ...(byLowerValue.get(from.toLowerCase()) ?? []),
        ...(byLowerValue.get(to.toLowerCase()) ?? []),
      ];
      for (const identifier of candidates) {
        const isFrom = normalise(identifier.type, from) === identifier.value;
        const isTo = normalise(identifier.type, to) === identifier.value;
        if (!isFrom && !isTo) continue;
        const txNode = {
          kind: GraphNodeKind.TRANSACTION,
          id: transactionNodeId(tx.chain ?? '', tx.txHash),
          label: `${tx.amount ?? '?'} ${tx.asset ?? ''} on ${tx.chain ?? '?'} (${tx.txHash.slice(0, 12)}…)`,
        };
        if (!graph.addNode(txNode)) return next;
        graph.addEdge(txNode.id, holder, GraphRelation.RECORDED_IN);
        const counterparty: GraphIdentifier = {
          type: identifier.type,
          value: normalise(identifier.type, isFrom ? to : from),
        };
        const counterpartyId = identifierNodeId(counterparty);
        const isNew = !graph.has(counterpartyId);
        if (!graph.addIdentifier(counterparty)) return next;
        if (isNew) next.push(counterparty);
        const [sender, receiver] = isFrom
          ? [identifierNodeId(identifier), counterpartyId]
          : [counterpartyId, identifierNodeId(identifier)];
        graph.addEdge(sender, txNode.id, GraphRelation.SENT);
        graph.addEdge(txNode.id, receiver, GraphRelation.PAID_TO);
      }
    }
    return next;
  }
}
