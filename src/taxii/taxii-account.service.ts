import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { Repository } from 'typeorm';
import type { AuthenticatedOfficer } from '../auth/authenticated-officer.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { TaxiiAccount } from './entities/taxii-account.entity.js';
import { TaxiiRequestError } from './taxii-paging.js';

/** What issue() generates: 32 random bytes, base64url. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 60_000;

export interface TaxiiCredentials {
  username: string;
  /** Shown once; the node keeps only its argon2id hash. */
  password: string;
}

/**
 * Per-partner TAXII accounts. A secret is 256 random bits, stored as argon2id like officers'
 * passwords. Verifying argon2id on every poll would cost a partner's MISP or OpenCTI ~0.2 s per page
 * and hand anyone a cheap way to load the node, so after one successful verification the SHA-256 of
 * the secret is remembered against that exact stored hash: a rotated or disabled account misses.
 * Failures are counted per account in memory (per replica): ten wrong secrets in a minute give 429.
 */
@Injectable()
export class TaxiiAccountService {
  private readonly verified = new Map<string, { passwordHash: string; digest: Buffer }>();
  private readonly failures = new Map<string, { since: number; count: number }>();

  constructor(
    @InjectRepository(TaxiiAccount) private readonly accounts: Repository<TaxiiAccount>,
    private readonly hasher: PasswordHasher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Creates the partner's account, or replaces its secret (the old one stops working at once). */
  async issue(partnerId: string, officer: AuthenticatedOfficer): Promise<TaxiiCredentials> {
    if (!this.config.peers.some((peer) => peer.id === partnerId)) {
      throw new InputException('partnerId', `"${partnerId}" is not a configured peer of ${this.config.id}`);
    }
    const password = randomBytes(32).toString('base64url');
    const passwordHash = await this.hasher.hash(password);
    await this.accounts.upsert({ partnerId, passwordHash, createdBy: officer.username, createdAt: this.clock.now(), disabledAt: null }, ['partnerId']);
    this.logger.info({ event: 'taxii.account_issued', partnerId, by: officer.username }, `TAXII account for ${partnerId} issued by ${officer.username}`);
    return { username: partnerId, password };
  }

  async disable(partnerId: string, officer: AuthenticatedOfficer): Promise<boolean> {
    const result = await this.accounts.update({ partnerId }, { disabledAt: this.clock.now() });
    this.logger.info({ event: 'taxii.account_disabled', partnerId, by: officer.username }, `TAXII account for ${partnerId} disabled by ${officer.username}`);
    return (result.affected ?? 0) > 0;
  }

  list(): Promise<TaxiiAccount[]> {
    return this.accounts.find({ order: { partnerId: 'ASC' } });
  }

  /** The partner an `Authorization: Basic` header authenticates, or a 401 (429 after repeated failures) TAXII error. */
  async authenticate(header: string | undefined): Promise<string> {
    const match = header ? /^Basic ([A-Za-z0-9+/=]{1,1024})$/.exec(header) : null;
    if (!match) throw unauthorized('send HTTP Basic credentials of a TAXII account (user name = your node id)');
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = colon < 0 ? '' : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    // User names are node ids, public in the federation, so refusing an unknown one fast reveals
    // nothing; and only a secret of the shape the node generates is worth an argon2id verification.
    const account = username && SECRET_SHAPE.test(password) ? await this.accounts.findOneBy({ partnerId: username }) : null;
    if (!account || account.disabledAt !== null || !this.config.peers.some((peer) => peer.id === username)) {
      throw unauthorized('unknown or disabled TAXII account, or wrong secret');
    }
    const digest = createHash('sha256').update(password).digest();
    const known = this.verified.get(username);
    if (known && known.passwordHash === account.passwordHash && timingSafeEqual(known.digest, digest)) return username;
    this.checkFailures(username);
    if (!(await this.hasher.verify(account.passwordHash, password))) {
      this.recordFailure(username);
      throw unauthorized('unknown or disabled TAXII account, or wrong secret');
    }
    this.failures.delete(username);
    this.verified.set(username, { passwordHash: account.passwordHash, digest });
    return username;
  }

  /** Wrong secrets cost argon2id work: after MAX_FAILURES in a window, the account answers 429 until it ends. */
  private checkFailures(username: string): void {
    const failures = this.failures.get(username);
    const now = Date.now();
    if (failures && now - failures.since < FAILURE_WINDOW_MS && failures.count >= MAX_FAILURES) {
      const retryAfter = Math.ceil((failures.since + FAILURE_WINDOW_MS - now) / 1000);
      throw new TaxiiRequestError(429, 'Too many failed attempts', `too many wrong secrets for ${username}; retry after ${retryAfter} s`);
    }
  }

  private recordFailure(username: string): void {
    const now = Date.now();
    const failures = this.failures.get(username);
    if (!failures || now - failures.since >= FAILURE_WINDOW_MS) this.failures.set(username, { since: now, count: 1 });
    else failures.count++;
    this.logger.warn({ event: 'taxii.auth_failed', partnerId: username }, `wrong TAXII secret for ${username}`);
  }
}

function unauthorized(description: string): TaxiiRequestError {
  return new TaxiiRequestError(401, 'Authentication required', description);
}
