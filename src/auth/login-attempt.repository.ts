import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LoginAttempt, LoginOutcome } from './entities/login-attempt.entity.js';
import { LoginRefusal } from './entities/login-refusal.entity.js';

const FAILURES = [LoginOutcome.BAD_CREDENTIALS, LoginOutcome.ACCOUNT_DISABLED];

export interface FailureCount {
  count: number;
  oldest: Date | null;
}

/** A burst of refused logins from one source that has ended (or lasted a whole window). */
export interface EndedBurst {
  clientAddress: string;
  /** '' when the address as a whole was throttled. */
  username: string;
  refusals: number;
  firstAt: Date;
  lastAt: Date;
}

/**
 * Login attempts live in PostgreSQL so that limits hold across replicas and restarts. Failures are
 * counted per source (an account from one address, and an address whatever the account), never per
 * account alone: a guesser elsewhere must not lock the real officer out.
 */
@Injectable()
export class LoginAttemptRepository {
  constructor(private readonly tx: TransactionContext) {}

  private get attempts() {
    return this.tx.manager.getRepository(LoginAttempt);
  }

  async record(username: string, clientAddress: string, outcome: LoginOutcome): Promise<void> {
    await this.attempts.insert({ username, clientAddress, outcome });
  }

  /** Failures for a username from one address within the window, since that address last logged it in. */
  async failuresForUserFrom(username: string, clientAddress: string, windowSeconds: number): Promise<FailureCount> {
    const [row] = (await this.attempts.query(
      `SELECT count(*)::int AS count, min(attempted_at) AS oldest FROM login_attempt
        WHERE username = $1 AND client_address = $2 AND outcome = ANY($3) AND attempted_at > now() - make_interval(secs => $4)
          AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempt
                                        WHERE username = $1 AND client_address = $2 AND outcome = 'SUCCEEDED'), '-infinity')`,
      [username, clientAddress, FAILURES, windowSeconds],
    )) as FailureCount[];
    return row;
  }

  async failuresFromAddress(clientAddress: string, windowSeconds: number): Promise<FailureCount> {
    const [row] = (await this.attempts.query(
      `SELECT count(*)::int AS count, min(attempted_at) AS oldest FROM login_attempt
        WHERE client_address = $1 AND outcome = ANY($2) AND attempted_at > now() - make_interval(secs => $3)`,
      [clientAddress, FAILURES, windowSeconds],
    )) as FailureCount[];
    return row;
  }

  /** Counts one refused attempt in its source's burst; true when it opened a new burst. */
  async countRefusal(clientAddress: string, username: string): Promise<boolean> {
    const [row] = (await this.tx.manager.getRepository(LoginRefusal).query(
      `INSERT INTO login_refusal (client_address, username, refusals, first_at, last_at)
       VALUES ($1, $2, 1, now(), now())
       ON CONFLICT (client_address, username) DO UPDATE
         SET refusals = login_refusal.refusals + 1, last_at = now()
       RETURNING (xmax = 0) AS opened`,
      [clientAddress, username],
    )) as { opened: boolean }[];
    return row.opened;
  }

  /**
   * Takes out the bursts that ended (no refusal for `quietSeconds`) or have lasted `windowSeconds`,
   * inside the caller's transaction: each is handed out once, whichever replica asks.
   */
  async takeEndedBursts(quietSeconds: number, windowSeconds: number): Promise<EndedBurst[]> {
    // TypeORM answers a DELETE … RETURNING on PostgreSQL with [rows, affected].
    const [rows] = (await this.tx.manager.getRepository(LoginRefusal).query(
      `DELETE FROM login_refusal
        WHERE last_at < now() - make_interval(secs => $1) OR first_at < now() - make_interval(secs => $2)
        RETURNING client_address, username, refusals, first_at, last_at`,
      [quietSeconds, windowSeconds],
    )) as [{ client_address: string; username: string; refusals: number; first_at: Date; last_at: Date }[], number];
    return rows.map((row) => ({
      clientAddress: row.client_address,
      username: row.username,
      refusals: row.refusals,
      firstAt: row.first_at,
      lastAt: row.last_at,
    }));
  }
}
