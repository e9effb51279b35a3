import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum LoginOutcome {
  SUCCEEDED = 'SUCCEEDED',
  BAD_CREDENTIALS = 'BAD_CREDENTIALS',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  RATE_LIMITED = 'RATE_LIMITED',
}

/** Every login attempt, kept for rate limiting and for the auditors. */
@Entity({ name: 'login_attempt' })
export class LoginAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'client_address', type: 'text' })
  clientAddress!: string;

  @Column({ type: 'text' })
  outcome!: LoginOutcome;

  @Column({ name: 'attempted_at', type: 'timestamptz', default: () => 'now()' })
  attemptedAt!: Date;
}
