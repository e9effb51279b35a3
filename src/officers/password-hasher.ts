import { sodiumReady } from '../kernel/crypto/sodium.js';

/**
 * argon2id through libsodium's crypto_pwhash_str: the encoded string carries salt and cost, so
 * hashes made with older parameters still verify after the parameters change.
 * INTERACTIVE (64 MiB, 2 passes) keeps a login well under a second on a 2-core node.
 */
export class PasswordHasher {
  private dummyHash?: string;

  async hash(password: string): Promise<string> {
    const sodium = await sodiumReady();
    return sodium.crypto_pwhash_str(
      password,
      sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
      sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
    );
  }

  async verify(hash: string, password: string): Promise<boolean> {
    const sodium = await sodiumReady();
    try {
      return sodium.crypto_pwhash_str_verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as a real check so unknown usernames cannot be told apart by timing. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= await this.hash('not a real password');
    await this.verify(this.dummyHash, password);
    return false;
  }
}
