import { GraphNodeKind, GraphRelation } from './dto/identifier-graph.types.js';
import { GraphBuilder, identifierNodeId, transactionNodeId } from './graph-builder.js';

describe('graph builder', () => {
  const wallet = { type: 'WALLET_BTC' as const, value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' };

  it('keeps each node and edge once and drops edges to nodes that are not in the graph', () => {
    const graph = new GraphBuilder(10);
    graph.addIdentifier(wallet);
    graph.addIdentifier(wallet);
    graph.link(
      identifierNodeId(wallet),
      { kind: GraphNodeKind.CASE, id: 'case:1', label: 'K-1' },
      GraphRelation.MENTIONED_IN,
    );
    graph.link(
      identifierNodeId(wallet),
      { kind: GraphNodeKind.CASE, id: 'case:1', label: 'K-1' },
      GraphRelation.MENTIONED_IN,
    );
    graph.addEdge('case:1', 'case:missing', GraphRelation.RECORDED_IN);
    expect(graph.result()).toEqual({
      nodes: [expect.objectContaining({ id: identifierNodeId(wallet) }), expect.objectContaining({ id: 'case:1' })],
      edges: [{ from: identifierNodeId(wallet), to: 'case:1', relation: GraphRelation.MENTIONED_IN }],
      truncated: false,
    });
  });

  it('refuses new nodes past the limit and marks the graph truncated', () => {
    const graph = new GraphBuilder(1);
    expect(graph.addIdentifier(wallet)).toBe(true);
    expect(graph.addIdentifier(wallet)).toBe(true);
    expect(graph.addNode({ kind: GraphNodeKind.CASE, id: 'case:1', label: 'K-1' })).toBe(false);
    expect(graph.result()).toMatchObject({ truncated: true, edges: [] });
  });

  it('names a transaction by chain and hash, whatever their case', () => {
    expect(transactionNodeId('Bitcoin', 'AB')).toBe(transactionNodeId('bitcoin', 'ab'));
  });
});
