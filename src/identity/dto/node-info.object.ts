import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('NodeInfo', { description: 'Who this node is; public so that partners and operators can check it.' })
export class NodeInfoObject {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field()
  country!: string;

  @Field({ description: 'agency or exchange (from the configuration): which screens and operations apply here.' })
  kind!: string;

  @Field({ description: 'Software version of the node.' })
  version!: string;

  @Field({ description: 'SHA-256 fingerprint (hex) of the current node certificate.' })
  certificateFingerprint!: string;

  @Field()
  certificateNotAfter!: Date;

  @Field({ description: 'Identifies the current key generation (changes on rotation).' })
  keyId!: string;

  @Field({ description: "Ed25519 public key that signs this node's packets (base64)." })
  signingPublicKey!: string;

  @Field({ description: 'X25519 public key that partners seal packets to (base64).' })
  encryptionPublicKey!: string;
}
