import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TargetAnswer } from '../../freeze-wire/freeze-wire.js';
import type { FreezeAnswerStatus } from '../../kernel/vocabulary/index.js';

/** An exchange's signed answer about one target of our request, as received; never edited. */
@Entity({ name: 'freeze_answer' })
export class FreezeAnswer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'copy_id', type: 'uuid' })
  copyId!: string;

  @Column({ name: 'packet_id', type: 'uuid' })
  packetId!: string;

  @Column({ name: 'answer_id', type: 'uuid' })
  answerId!: string;

  @Column({ name: 'target_id', type: 'text' })
  targetId!: string;

  @Column({ type: 'text' })
  status!: FreezeAnswerStatus;

  /** The answer's fields as the exchange signed them. */
  @Column({ type: 'jsonb' })
  detail!: TargetAnswer;

  @Column({ name: 'answered_at', type: 'timestamptz' })
  answeredAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
