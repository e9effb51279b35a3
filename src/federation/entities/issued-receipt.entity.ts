import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SignedReceipt } from '../delivery-receipt.js';

/** The receipt this node gave for a packet, returned again when the same packet is delivered twice. */
@Entity({ name: 'issued_receipt' })
export class IssuedReceipt {
  @PrimaryColumn({ name: 'packet_id', type: 'uuid' })
  packetId!: string;

  /** The packet's signature: a redelivery is the same packet only if this matches. */
  @Column({ name: 'packet_signature', type: 'text' })
  packetSignature!: string;

  @Column({ type: 'jsonb' })
  receipt!: SignedReceipt;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
