import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PeerCertificate', {
  description: 'A certificate a peer has presented to this node (signed packets or TLS).',
})
export class PeerCertificateObject {
  @Field({ description: 'SHA-256 fingerprint (lower-case hex).' })
  fingerprint!: string;

  @Field()
  notBefore!: Date;

  @Field()
  notAfter!: Date;

  @Field()
  firstSeenAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When a newer certificate of the peer replaced it (key rotation).',
  })
  supersededAt!: Date | null;

  @Field({ description: 'Revoked on this node.' })
  revoked!: boolean;
}

@ObjectType('WatchlistSyncState', {
  description: 'How far the watchlist feed has travelled between this node and a peer, one way.',
})
export class WatchlistSyncStateObject {
  @Field({ description: "PUSH (our feed to the peer) or PULL (the peer's feed to us)." })
  direction!: string;

  @Field({ description: "The change sequence reached (PUSH: ours; PULL: the peer's)." })
  cursor!: string;

  @Field(() => Date, { nullable: true })
  lastSuccessAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Seconds since the last successful exchange; null if there never was one.',
  })
  lagSeconds!: number | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;
}

@ObjectType('Peer', {
  description: 'A partner node as this node sees it: address, certificates, watchlist sync and delivery backlog.',
})
export class PeerStatusObject {
  @Field()
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: "The partner agency's name from the configuration (peers[].name).",
  })
  name!: string | null;
  @Field({ description: 'agency or exchange (from the configuration).' })
  kind!: string;

  @Field()
  url!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Pinned certificate fingerprint from the configuration, if any.',
  })
  pinnedFingerprint!: string | null;

  @Field(() => [PeerCertificateObject])
  certificates!: PeerCertificateObject[];

  @Field(() => [WatchlistSyncStateObject])
  watchlistSync!: WatchlistSyncStateObject[];

  @Field(() => Int, { description: 'Packets to this peer still QUEUED.' })
  queuedDeliveries!: number;

  @Field(() => Date, { nullable: true, description: 'When the oldest still-queued packet was queued.' })
  oldestQueuedAt!: Date | null;
}
