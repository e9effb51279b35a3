import { Field, ID, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../common/graphql/json.scalar.js';
import type { ReceivedPacket } from '../entities/received-packet.entity.js';

@ObjectType('ReceivedPacket', { description: 'A case or reply a partner sent, with its provenance. Read-only.' })
export class ReceivedPacketObject {
  @Field(() => ID)
  id!: string;

  @Field()
  packetId!: string;

  @Field({ description: 'case or reply.' })
  type!: string;

  @Field({ description: 'The node that signed the packet.' })
  originNode!: string;

  @Field({ description: 'The peer that delivered it (the origin unless relayed).' })
  deliveredBy!: string;

  @Field({
    description:
      'The origin signature and certificate were verified on receipt (packets failing that are never stored).',
  })
  signatureVerified!: boolean;

  @Field({ description: 'SHA-256 fingerprint of the origin certificate that signed it.' })
  senderCertificateFingerprint!: string;

  @Field({ description: "The origin's policy version that shaped the content." })
  policyVersion!: string;

  @Field(() => String, { nullable: true })
  inReplyTo!: string | null;

  @Field(() => ID, { nullable: true, description: 'For a reply to one of our packets: the local case it belongs to.' })
  localCaseId!: string | null;

  @Field(() => String, { nullable: true })
  caseReference!: string | null;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  tlp!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  receivedAt!: Date;

  @Field({ description: 'Purged from this node after this time.' })
  retentionUntil!: Date;

  @Field(() => JsonScalar, { description: 'The content exactly as the origin sealed it.' })
  content!: unknown;

  static of(row: ReceivedPacket): ReceivedPacketObject {
    const { sealed: _sealed, inboundPolicyVersion: _version, ...rest } = row;
    return Object.assign(new ReceivedPacketObject(), rest, { signatureVerified: true });
  }
}
