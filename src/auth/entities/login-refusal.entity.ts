import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A burst of refused logins from one source, counted instead of recorded one by one: while a source
 * is throttled its attempts only add to `refusals`; when the burst ends it becomes one audit entry.
 */
@Entity({ name: 'login_refusal' })
export class LoginRefusal {
  @PrimaryColumn({ name: 'client_address', type: 'text' })
  clientAddress!: string;

  /** The username tried, or '' when the whole address is throttled (whatever the username). */
  @PrimaryColumn({ type: 'text' })
  username!: string;

  @Column({ type: 'int' })
  refusals!: number;

  @Column({ name: 'first_at', type: 'timestamptz' })
  firstAt!: Date;

  @Column({ name: 'last_at', type: 'timestamptz' })
  lastAt!: Date;
}
