import { Field, ObjectType } from '@nestjs/graphql';
import type { RevokedCertificate } from '../entities/revoked-certificate.entity.js';

@ObjectType('RevokedCertificate', { description: 'A peer certificate this node no longer accepts.' })
export class RevokedCertificateObject {
  @Field({ description: 'SHA-256 fingerprint of the certificate (lower-case hex).' })
  fingerprint!: string;

  @Field(() => String, { nullable: true })
  nodeId!: string | null;

  @Field()
  reason!: string;

  @Field()
  revokedBy!: string;

  @Field()
  revokedAt!: Date;

  static of(row: RevokedCertificate): RevokedCertificateObject {
    return Object.assign(new RevokedCertificateObject(), row);
  }
}
