import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** One Ed25519 check: the signed bytes, the 64-byte signature, the signer's key as DER SubjectPublicKeyInfo. */
export interface SignatureJob {
  message: Uint8Array;
  signature: Uint8Array;
  spki: Buffer;
}

// The worker only runs OpenSSL's verification; the strictness checks (S < L, R not of small order) are
// byte comparisons done before a job is queued (verifyEd25519's pre-checks in watchlist-signing.ts).
// Evaluated source rather than a file, so that it runs the same from dist/ and under ts-jest.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
parentPort.on('message', ({ id, spkis, keyIndex, messages, signatures }) => {
  const objects = spkis.map((spki) => {
    let key = keys.get(spki);
    if (!key) {
      key = createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' });
      if (keys.size > 100) keys.clear();
      keys.set(spki, key);
    }
    return key;
  });
  const ok = new Uint8Array(messages.length);
  for (let i = 0; i < messages.length; i++) {
    try {
      ok[i] = verify(null, messages[i], objects[keyIndex[i]], signatures[i]) ? 1 : 0;
    } catch {
      ok[i] = 0;
    }
  }
  parentPort.postMessage({ id, ok }, [ok.buffer]);
});
`;

interface Pending {
  resolve: (ok: Uint8Array) => void;
  reject: (error: Error) => void;
}

/**
 * A few worker threads that verify Ed25519 signatures, so that a large page is verified on every core
 * while the main thread goes on parsing, checking and writing. Workers start on first use, keep the
 * process alive only while they hold a batch, and a failed worker fails only the batches it held.
 */
export class SignaturePool {
  private workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  /** The batch ids each worker holds, to fail them if it dies. */
  private readonly batches = new Map<Worker, Set<number>>();
  private nextId = 0;
  private next = 0;

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism()))) {}

  /** One boolean per job, in order. */
  async verify(jobs: readonly SignatureJob[]): Promise<boolean[]> {
    if (jobs.length === 0) return [];
    this.start();
    const share = Math.ceil(jobs.length / this.workers.length);
    const parts: Promise<Uint8Array>[] = [];
    for (let from = 0; from < jobs.length; from += share) parts.push(this.send(jobs.slice(from, from + share)));
    return (await Promise.all(parts)).flatMap((ok) => [...ok].map((bit) => bit === 1));
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private start(): void {
    while (this.workers.length < this.size) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.unref();
      this.batches.set(worker, new Set());
      worker.on('message', ({ id, ok }: { id: number; ok: Uint8Array }) => {
        const held = this.batches.get(worker);
        held?.delete(id);
        if (held?.size === 0) worker.unref(); // idle workers never keep the process alive
        this.pending.get(id)?.resolve(ok);
        this.pending.delete(id);
      });
      worker.on('error', (error) => this.drop(worker, error));
      worker.on('exit', (code) => this.drop(worker, new Error(`signature worker exited with code ${code}`)));
      this.workers.push(worker);
    }
  }

  private send(jobs: readonly SignatureJob[]): Promise<Uint8Array> {
    const worker = this.workers[this.next++ % this.workers.length];
    const spkis: string[] = [];
    const indexOf = new Map<string, number>();
    const keyIndex = new Uint16Array(jobs.length);
    jobs.forEach((job, i) => {
      const spki = job.spki.toString('base64');
      let index = indexOf.get(spki);
      if (index === undefined) {
        index = spkis.push(spki) - 1;
        indexOf.set(spki, index);
      }
      keyIndex[i] = index;
    });
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.batches.get(worker)?.add(id);
      worker.ref(); // a batch in progress does, like any pending I/O
      worker.postMessage({
        id,
        spkis,
        keyIndex,
        messages: jobs.map((j) => j.message),
        signatures: jobs.map((j) => j.signature),
      });
    });
  }

  private drop(worker: Worker, error: Error): void {
    this.workers = this.workers.filter((w) => w !== worker);
    for (const id of this.batches.get(worker) ?? []) {
      this.pending.get(id)?.reject(error);
      this.pending.delete(id);
    }
    this.batches.delete(worker);
  }
}
