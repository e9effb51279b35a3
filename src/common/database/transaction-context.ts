import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';

interface ActiveTransaction {
  db: DataSource;
  manager: EntityManager;
}

const active = new AsyncLocalStorage<ActiveTransaction | undefined>();
const contexts = new WeakMap<DataSource, TransactionContext>();

/** Thrown when work that must not hold a transaction (a call to a partner) runs inside one. */
export class TransactionSpansNetworkCall extends Error {}

/**
 * Refuses a network call while a transaction of any database is open on this async path: a peer's
 * answer can take the request timeout, and row or chain locks must not wait on it.
 */
export function assertNoTransaction(what: string): void {
  if (active.getStore()) throw new TransactionSpansNetworkCall(`${what} must not run inside a database transaction`);
}

/**
 * The current transaction of one database, carried by AsyncLocalStorage instead of a `manager`
 * parameter, so a repository call inside a transaction always joins it (a read on a second pool
 * connection while the first waits on it is how the pool deadlocked once).
 *
 * Our own ~60 lines rather than @nestjs-cls/transactional: the node's CLIs build services without
 * a Nest container, and tests run several nodes in one process, so the context is keyed by the
 * DataSource (one node's transaction is never visible to another node's code).
 */
export class TransactionContext {
  private constructor(private readonly db: DataSource) {}

  /** The one context of a data source (every service of a node shares it). */
  static of(db: DataSource): TransactionContext {
    let context = contexts.get(db);
    if (!context) {
      context = new TransactionContext(db);
      contexts.set(db, context);
    }
    return context;
  }

  /** The manager to use now: the current transaction's, or the pool's outside one. */
  get manager(): EntityManager {
    return this.current()?.manager ?? this.db.manager;
  }

  /** For work that needs a connection of its own: session locks, named prepared statements, COPY. */
  get dataSource(): DataSource {
    return this.db;
  }

  get inTransaction(): boolean {
    return this.current() !== undefined;
  }

  /** Runs `work` in the current transaction, or in a new one that commits when `work` resolves. */
  run<T>(work: () => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    if (this.current()) return work();
    const open = (manager: EntityManager) => active.run({ db: this.db, manager }, work);
    return isolation ? this.db.transaction(isolation, open) : this.db.transaction(open);
  }

  /** Runs `work` outside any transaction of this database (e.g. a network call between two of them). */
  outside<T>(work: () => Promise<T>): Promise<T> {
    return this.current() ? active.run(undefined, work) : work();
  }

  /** Refuses to go on inside a transaction: a peer's answer must never hold row or chain locks. */
  assertOutside(what: string): void {
    if (this.current()) throw new TransactionSpansNetworkCall(`${what} must not run inside a database transaction`);
  }

  private current(): ActiveTransaction | undefined {
    const store = active.getStore();
    return store?.db === this.db ? store : undefined;
  }
}
