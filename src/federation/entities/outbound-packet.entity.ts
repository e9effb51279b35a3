import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

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

  /** The packet's wire text, byte for byte as sent: its RFC 8785 canonical form (docs/PROTOCOL.md §7). */
  @Column({ type: 'text' })
  wire!: string;

  /** header.contentHash, which the partner's receipt must repeat. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
