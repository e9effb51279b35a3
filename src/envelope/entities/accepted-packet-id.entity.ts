import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A packet id already accepted; a second packet with the same id is a replay. */
@Entity({ name: 'accepted_packet_id' })
export class AcceptedPacketId {
  @PrimaryColumn({ name: 'packet_id', type: 'uuid' })
  packetId!: string;

  @Column({ name: 'from_node', type: 'text' })
  fromNode!: string;

  @Column({ name: 'accepted_at', type: 'timestamptz', default: () => 'now()' })
  acceptedAt!: Date;

  /** After this the packet would be refused as expired anyway, so the id can be forgotten. */
  @Column({ name: 'forget_after', type: 'timestamptz' })
  forgetAfter!: Date;
}
