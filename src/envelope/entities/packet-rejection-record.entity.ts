import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why an inbound packet was refused; the packet itself is not kept. */
@Entity({ name: 'packet_rejection' })
export class PacketRejectionRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'packet_id', type: 'text', nullable: true })
  packetId!: string | null;

  @Column({ name: 'from_node', type: 'text', nullable: true })
  fromNode!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  detail!: string;

  @Column({ name: 'rejected_at', type: 'timestamptz', default: () => 'now()' })
  rejectedAt!: Date;
}
