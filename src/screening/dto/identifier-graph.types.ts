import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum GraphNodeKind {
  IDENTIFIER = 'IDENTIFIER',
  CASE = 'CASE',
  RECEIVED_CASE = 'RECEIVED_CASE',
  TRANSACTION = 'TRANSACTION',
  WATCHLIST_ENTRY = 'WATCHLIST_ENTRY',
}
registerEnumType(GraphNodeKind, { name: 'GraphNodeKind' });

export enum GraphRelation {
  /** identifier → local case or received case */
  MENTIONED_IN = 'MENTIONED_IN',
  /** transaction → the case or received case that records it */
  RECORDED_IN = 'RECORDED_IN',
  /** identifier (from) → transaction */
  SENT = 'SENT',
  /** transaction → identifier (to) */
  PAID_TO = 'PAID_TO',
  /** identifier → live watchlist entry */
  LISTED_IN = 'LISTED_IN',
}
registerEnumType(GraphRelation, { name: 'GraphRelation' });

@ObjectType('GraphNode')
export class GraphNodeObject {
  @Field(() => GraphNodeKind)
  kind!: GraphNodeKind;

  @Field(() => ID, { description: 'Unique within the graph, e.g. "identifier:WALLET_BTC:bc1q…", "case:<uuid>".' })
  id!: string;

  @Field()
  label!: string;
}

@ObjectType('GraphEdge')
export class GraphEdgeObject {
  @Field(() => ID)
  from!: string;

  @Field(() => ID)
  to!: string;

  @Field(() => GraphRelation)
  relation!: GraphRelation;
}

@ObjectType('IdentifierGraph')
export class IdentifierGraphObject {
  @Field(() => [GraphNodeObject])
  nodes!: GraphNodeObject[];

  @Field(() => [GraphEdgeObject])
  edges!: GraphEdgeObject[];

  @Field({
    description: 'True when the node limit cut the graph short; what is shown is the part nearest the identifier.',
  })
  truncated!: boolean;
}
