import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { SealedPacket } from '../../envelope/packet-wire.js';

/** A sealed packet waiting for (or past) delivery to one partner: the durable outbound queue's payload. */
@Entity({ name: 'outbound_packet' })
export class OutboundPacket {
  @PrimaryColumn({ name: 'packet_id', type: 'uuid' })
  packetId!: string;

  @Column({ name: 'partner_id', type: 'text' })
  partnerId!: string;

  @Column({ name: 'share_request_id', type: 'uuid', nullable: true })
  shareRequestId!: string | null;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  packet!: SealedPacket;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
