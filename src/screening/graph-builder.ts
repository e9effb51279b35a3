/** An identifier graph under construction, bounded in nodes; knows nothing of where the data comes from. */
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { GraphNodeKind, type GraphRelation } from './dto/identifier-graph.types.js';

export interface GraphIdentifier {
  type: IdentifierType;
  value: string;
}

export interface GraphNode {
  kind: GraphNodeKind;
  id: string;
  label: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  relation: GraphRelation;
}

export interface IdentifierGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
}

export const identifierNodeId = (identifier: { type: string; value: string }): string =>
  `identifier:${identifier.type}:${identifier.value}`;
export const caseNodeId = (id: string): string => `case:${id}`;
export const receivedNodeId = (id: string): string => `received:${id}`;
// Chain and hash name a transaction, so the same transfer recorded in two cases is one node joining them.
export const transactionNodeId = (chain: string, txHash: string): string =>
  `transaction:${chain.toLowerCase()}:${txHash.toLowerCase()}`;

export class GraphBuilder {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  truncated = false;

  constructor(private readonly maxNodes: number) {}

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /** False when the node is new and the graph is full: the caller stops expanding. */
  addNode(node: GraphNode): boolean {
    if (this.nodes.has(node.id)) return true;
    if (this.nodes.size >= this.maxNodes) {
      this.truncated = true;
      return false;
    }
    this.nodes.set(node.id, node);
    return true;
  }

  addIdentifier(identifier: GraphIdentifier): boolean {
    return this.addNode({
      kind: GraphNodeKind.IDENTIFIER,
      id: identifierNodeId(identifier),
      label: `${identifier.type} ${identifier.value}`,
    });
  }

  /** Edges only between nodes that made it into the graph, each once. */
  addEdge(from: string, to: string, relation: GraphRelation): void {
    if (!this.nodes.has(from) || !this.nodes.has(to)) return;
    const key = `${from}\u0000${to}\u0000${relation}`;
    if (!this.edges.has(key)) this.edges.set(key, { from, to, relation });
  }

  link(from: string, node: GraphNode, relation: GraphRelation): void {
    if (this.addNode(node)) this.addEdge(from, node.id, relation);
  }

  result(): IdentifierGraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()], truncated: this.truncated };
  }
}
