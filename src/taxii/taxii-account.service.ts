import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { PasswordHasher } from '../officers/password-hasher.js';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { nodeIdSchema } from '../config/node-config.schema.js';
import { TaxiiAccount, type TaxiiAccountKind } from './entities/taxii-account.entity.js';
import { TaxiiRequestError } from './taxii-paging.js';
import { TransactionContext } from '../common/database/transaction-context.js';

/** What issue() generates: 32 random bytes, base64url. */
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const MAX_FAILURES = 10;
const FAILURE_WINDOW_MS = 60_000;
const MAX_SOURCES = 10_000;

export interface TaxiiCredentials {
  username: string;
  /** Shown once; the node keeps only its argon2id hash. */
  password: string;
}

/**
 * TAXII accounts: one per partner (reads its collection) and one per tool of the agency's own
 * (publishes into the inbox). A secret is 256 random bits, stored as argon2id like officers'
 * passwords. Verifying argon2id on every poll would cost a partner's MISP or OpenCTI ~0.2 s per page
 * and hand anyone a cheap way to load the node, so after one successful verification the SHA-256 of
 * the secret is remembered against that exact stored hash: a rotated or disabled account misses.
 * Failures are counted per source (client address and account) in memory, per replica: ten wrong
 * secrets in a minute from one address give that address 429, never the partner polling from its own.
 */
@Injectable()
export class TaxiiAccountService {
  private readonly verified = new Map<string, { passwordHash: string; digest: Buffer }>();
  private readonly failures = new Map<string, { since: number; count: number }>();

  constructor(
    private readonly tx: TransactionContext,
    private readonly hasher: PasswordHasher,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly audit: AuditService,
  ) {}

  private get accounts() {
    return this.tx.manager.getRepository(TaxiiAccount);
  }

  /** Creates the partner's account, or replaces its secret (the old one stops working at once). */
  async issue(partnerId: string, officer: AuthenticatedOfficer): Promise<TaxiiCredentials> {
    if (!this.isPeer(partnerId)) {
      throw new InputException('partnerId', `"${partnerId}" is not a configured peer of ${this.config.id}`);
    }
    return this.store(partnerId, 'PARTNER', 'partnerId', officer);
  }

  /** Creates an account for one of the agency's own tools (its MISP, its OpenCTI), or replaces its secret. */
  async issuePublisher(name: string, officer: AuthenticatedOfficer): Promise<TaxiiCredentials> {
    const shape = nodeIdSchema.safeParse(name);
    if (!shape.success) throw new InputException('name', shape.error.issues[0].message);
    if (name === this.config.id || this.isPeer(name))
      throw new InputException('name', `"${name}" is a node id; name the tool, e.g. misp-local`);
    return this.store(name, 'PUBLISHER', 'name', officer);
  }

  private async store(
    username: string,
    kind: TaxiiAccountKind,
    field: string,
    officer: AuthenticatedOfficer,
  ): Promise<TaxiiCredentials> {
    const existing = await this.accounts.findOneBy({ username });
    if (existing && existing.kind !== kind)
      throw new InputException(field, `"${username}" is already a ${existing.kind.toLowerCase()} account`);
    const password = randomBytes(32).toString('base64url');
    const passwordHash = await this.hasher.hash(password);
    await this.tx.run(async () => {
      const replaced = await this.accounts.existsBy({ username });
      await this.accounts.upsert(
        { username, kind, passwordHash, createdBy: officer.username, createdAt: this.clock.now(), disabledAt: null },
        ['username'],
      );
      await this.audit.record(
        this.accountEvent(AuditEventType.TAXII_ACCOUNT_ISSUED, username, kind, officer, { replaced }),
      );
    });
    this.logger.info(
      { event: 'taxii.account_issued', username, kind, by: officer.username },
      `TAXII ${kind.toLowerCase()} account ${username} issued by ${officer.username}`,
    );
    return { username, password };
  }

  async disable(username: string, kind: TaxiiAccountKind, officer: AuthenticatedOfficer): Promise<boolean> {
    const result = await this.tx.run(async () => {
      const updated = await this.accounts.update({ username, kind }, { disabledAt: this.clock.now() });
      if ((updated.affected ?? 0) > 0)
        await this.audit.record(this.accountEvent(AuditEventType.TAXII_ACCOUNT_DISABLED, username, kind, officer));
      return updated;
    });
    this.logger.info(
      { event: 'taxii.account_disabled', username, kind, by: officer.username },
      `TAXII account ${username} disabled by ${officer.username}`,
    );
    return (result.affected ?? 0) > 0;
  }

  /** Who issued or disabled which account; never the secret or its hash. */
  private accountEvent(
    type: AuditEventType,
    username: string,
    kind: TaxiiAccountKind,
    officer: AuthenticatedOfficer,
    details: Record<string, boolean> = {},
  ) {
    return {
      type,
      actor: officer.username,
      subjectType: 'TAXII_ACCOUNT',
      subjectId: username,
      details: { username, kind, ...details },
    };
  }

  list(): Promise<TaxiiAccount[]> {
    return this.accounts.find({ order: { kind: 'ASC', username: 'ASC' } });
  }

  private isPeer(id: string): boolean {
    return this.config.peers.some((peer) => peer.id === id);
  }

  /** The account an `Authorization: Basic` header authenticates, or a 401 (429 after repeated failures) TAXII error. */
  async authenticate(header: string | undefined, clientAddress = 'unknown'): Promise<TaxiiAccount> {
    const match = header ? /^Basic ([A-Za-z0-9+/=]{1,1024})$/.exec(header) : null;
    if (!match) throw unauthorized('send HTTP Basic credentials of a TAXII account (user name = your node id)');
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const username = colon < 0 ? '' : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    // User names are node ids, public in the federation, so refusing an unknown one fast reveals
    // nothing; and only a secret of the shape the node generates is worth an argon2id verification.
    const account = username && SECRET_SHAPE.test(password) ? await this.accounts.findOneBy({ username }) : null;
    // A partner removed from the configuration loses its access with it.
    if (!account || account.disabledAt !== null || (account.kind === 'PARTNER' && !this.isPeer(username))) {
      throw unauthorized('unknown or disabled TAXII account, or wrong secret');
    }
    const digest = createHash('sha256').update(password).digest();
    const known = this.verified.get(username);
    if (known && known.passwordHash === account.passwordHash && timingSafeEqual(known.digest, digest)) return account;
    // Throttle the source, not the account: a guesser elsewhere must not lock the real partner out.
    const source = `${clientAddress} ${username}`;
    this.checkFailures(source, username);
    if (!(await this.hasher.verify(account.passwordHash, password))) {
      this.recordFailure(source, username, clientAddress);
      throw unauthorized('unknown or disabled TAXII account, or wrong secret');
    }
    this.failures.delete(source);
    this.verified.set(username, { passwordHash: account.passwordHash, digest });
    return account;
  }

  /** Wrong secrets cost argon2id work: after MAX_FAILURES in a window, that source gets 429 until it ends. */
  private checkFailures(source: string, username: string): void {
    const failures = this.failures.get(source);
    const now = Date.now();
    if (failures && now - failures.since < FAILURE_WINDOW_MS && failures.count >= MAX_FAILURES) {
      const retryAfter = Math.ceil((failures.since + FAILURE_WINDOW_MS - now) / 1000);
      throw new TaxiiRequestError(
        429,
        'Too many failed attempts',
        `too many wrong secrets for ${username} from this address; retry after ${retryAfter} s`,
      );
    }
  }

  private recordFailure(source: string, username: string, clientAddress: string): void {
    const now = Date.now();
    // One entry per source: past MAX_SOURCES, forget those whose window is over (memory stays bounded).
    if (this.failures.size >= MAX_SOURCES)
      for (const [key, entry] of this.failures) if (now - entry.since >= FAILURE_WINDOW_MS) this.failures.delete(key);
    const failures = this.failures.get(source);
    if (!failures || now - failures.since >= FAILURE_WINDOW_MS) this.failures.set(source, { since: now, count: 1 });
    else failures.count++;
    this.logger.warn(
      { event: 'taxii.auth_failed', partnerId: username, clientAddress },
      `wrong TAXII secret for ${username} from ${clientAddress}`,
    );
  }
}

function unauthorized(description: string): TaxiiRequestError {
  return new TaxiiRequestError(401, 'Authentication required', description);
}
