import sodiumModule from 'libsodium-wrappers-sumo';

/** The libsodium API object; only usable once `sodiumReady()` has resolved. */
export type Sodium = typeof sodiumModule;

let ready: Promise<Sodium> | undefined;

/**
 * The single place that waits for libsodium's WebAssembly to load. The default import matters: a
 * namespace import (`import * as`) copies the exports before `ready` fills them in.
 *
 * Never use libsodium's own RNG (`randombytes_buf`, `*_keypair()`, `crypto_box_seal`) on a hot path:
 * on Node it pulls 4 bytes from `crypto.randomBytes` per output byte. Draw from `node:crypto` instead.
 */
export function sodiumReady(): Promise<Sodium> {
  ready ??= sodiumModule.ready.then(() => sodiumModule);
  return ready;
}
