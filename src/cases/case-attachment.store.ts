import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { StateAddress } from 'libsodium-wrappers-sumo';
import { PayloadTooLargeException } from '../common/errors/payload-too-large.exception.js';
import { sodiumReady, type Sodium } from '../kernel/crypto/sodium.js';
import { ensurePrivateDir, isErrno, PRIVATE_FILE_MODE } from '../common/fs/secure-file.util.js';
import { MAX_ATTACHMENT_BYTES } from './case-content.js';
import { fsyncDir } from '../common/fs/fsync-dir.js';

/** Plaintext bytes per secretstream message; every message but the last is exactly this long. */
export const ATTACHMENT_CHUNK_BYTES = 64 * 1024;

/** File format tag, also bound into every chunk as associated data (with the attachment id). */
const MAGIC = Buffer.from('FNATT01\n', 'ascii');
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
const TEMP_SUFFIX = '.tmp';

/** What the store knows about a file it wrote. */
export interface StoredAttachmentFile {
  /** Relative to the attachment folder. */
  storagePath: string;
  sha256: string;
  bytes: number;
}

/** What the database recorded at upload; a download must reproduce exactly this. */
export interface ExpectedAttachment {
  sha256: string;
  bytes: number;
}

/** The stored file does not decrypt to what was uploaded: tampered, truncated, or a different key. */
export class AttachmentIntegrityError extends Error {
  constructor(
    readonly attachmentId: string,
    problem: string,
  ) {
    super(`attachment ${attachmentId} failed its integrity check: ${problem}`);
    this.name = 'AttachmentIntegrityError';
  }
}

/** The file of an attachment is not in the store (deleted or never written). */
export class AttachmentFileMissingError extends Error {
  constructor(readonly attachmentId: string) {
    super(`the stored file of attachment ${attachmentId} is missing`);
    this.name = 'AttachmentFileMissingError';
  }
}

/** libsodium.js allocates secretstream states on its heap and never frees them: wipe and free here. */
function releaseState(sodium: Sodium, state: StateAddress | undefined): void {
  const heap = (sodium as unknown as { libsodium?: { _free?: (address: number) => void; HEAPU8?: Uint8Array } })
    .libsodium;
  const address = state as unknown as number | undefined;
  if (typeof address !== 'number' || !heap?._free || !heap.HEAPU8) return;
  heap.HEAPU8.fill(0, address, address + 52);
  heap._free(address);
}

/** Reads up to `length` bytes at `position`, fewer only at the end of the file. */
async function readAt(handle: fs.FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

/**
 * Evidence files, encrypted at rest under the node's storage key with libsodium's secretstream
 * (XChaCha20-Poly1305): `FNATT01\n` ‖ 24-byte header ‖ messages of 64 KiB plaintext + 17 bytes, the
 * last one (possibly empty) tagged FINAL. Each message's associated data binds the format and the
 * attachment id, so files cannot be swapped between attachments; truncation or reordering fails too.
 *
 * Files are written to a temp file, fsynced and renamed to `<id>.bin`; nothing is ever held whole
 * in memory. A plain class: no Nest, no database.
 */
export class CaseAttachmentStore {
  private key?: Promise<Uint8Array>;

  constructor(
    readonly dir: string,
    private readonly loadKey: () => Promise<Uint8Array>,
  ) {}

  fileOf(id: string): string {
    if (!ID_PATTERN.test(id)) throw new TypeError(`not an attachment id: ${JSON.stringify(id)}`);
    return path.join(this.dir, `${id}.bin`);
  }

  /**
   * Encrypts `source` into `<id>.bin`, hashing the plaintext on the way. Refuses (and removes
   * what it wrote) once more than `maxBytes` arrived; any failure leaves no file behind.
   */
  async write(
    id: string,
    source: AsyncIterable<Uint8Array>,
    maxBytes = MAX_ATTACHMENT_BYTES,
  ): Promise<StoredAttachmentFile> {
    const target = this.fileOf(id);
    const [sodium, key] = await Promise.all([sodiumReady(), this.storageKey()]);
    await ensurePrivateDir(this.dir);
    const temp = path.join(this.dir, `.${id}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
    const handle = await fs.open(temp, 'wx', PRIVATE_FILE_MODE);
    const ad = this.associatedData(id);
    const hash = createHash('sha256');
    let state: StateAddress | undefined;
    let total = 0;
    try {
      const pushed = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
      state = pushed.state;
      await handle.write(Buffer.concat([MAGIC, pushed.header]));
      // A full chunk is held back until more data arrives: only then is it known not to be the last.
      const pending = Buffer.alloc(ATTACHMENT_CHUNK_BYTES);
      let filled = 0;
      for await (const piece of source) {
        total += piece.length;
        if (total > maxBytes) throw new PayloadTooLargeException('file', `must be at most ${maxBytes} bytes (50 MiB)`);
        hash.update(piece);
        for (let offset = 0; offset < piece.length;) {
          if (filled === ATTACHMENT_CHUNK_BYTES) {
            await handle.write(
              sodium.crypto_secretstream_xchacha20poly1305_push(
                state,
                pending,
                ad,
                sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
              ),
            );
            filled = 0;
          }
          const take = Math.min(ATTACHMENT_CHUNK_BYTES - filled, piece.length - offset);
          pending.set(piece.subarray(offset, offset + take), filled);
          filled += take;
          offset += take;
        }
      }
      const last = pending.subarray(0, filled);
      await handle.write(
        sodium.crypto_secretstream_xchacha20poly1305_push(
          state,
          last,
          ad,
          sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
        ),
      );
      await handle.sync();
      await handle.close();
      await fs.rename(temp, target);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fs.rm(temp, { force: true });
      throw error;
    } finally {
      releaseState(sodium, state);
    }
    await fsyncDir(this.dir);
    return { storagePath: path.basename(target), sha256: hash.digest('hex'), bytes: total };
  }

  /**
   * Opens an attachment for reading. The header and the first chunk are checked before this
   * resolves, so a missing file or a wrong key fails before any byte is sent. The stream verifies
   * every chunk and, before releasing the last one, the size and sha256: it errors rather than end
   * early or deliver bytes that differ from the upload.
   */
  async open(id: string, expected: ExpectedAttachment): Promise<Readable> {
    const file = this.fileOf(id);
    const [sodium, key] = await Promise.all([sodiumReady(), this.storageKey()]);
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) throw new AttachmentFileMissingError(id);
      throw error;
    }
    const chunks = this.decrypt(sodium, key, handle, id, expected);
    // Throws (and the generator has closed the file) when the header or the first chunk is bad.
    let first: IteratorResult<Uint8Array> | undefined = await chunks.next();
    const stream: Readable = new Readable({
      highWaterMark: ATTACHMENT_CHUNK_BYTES,
      read: () => {
        const next = first ? Promise.resolve(first) : chunks.next();
        first = undefined;
        next.then(
          (result) => stream.push(result.done ? null : result.value),
          (error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))),
        );
      },
      // Closes the file however the stream ends (an abandoned download included).
      destroy: (error, callback) => {
        chunks.return(undefined).then(
          () => callback(error),
          (closeError: unknown) => callback(error ?? (closeError instanceof Error ? closeError : null)),
        );
      },
    });
    return stream;
  }

  /** Removes an attachment's file; no error if it is already gone. */
  async remove(id: string): Promise<void> {
    await fs.rm(this.fileOf(id), { force: true });
  }

  /** Temp files a crash left behind (an upload in progress is younger than `olderThanMs`). */
  async removeStaleTempFiles(olderThanMs: number, now = Date.now()): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
    const removed: string[] = [];
    for (const name of names.filter((n) => n.startsWith('.') && n.endsWith(TEMP_SUFFIX))) {
      const file = path.join(this.dir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && now - stat.mtimeMs > olderThanMs) {
        await fs.rm(file, { force: true });
        removed.push(name);
      }
    }
    return removed;
  }

  private storageKey(): Promise<Uint8Array> {
    // Loaded once; a failure (production node without its key file) is retried on the next use.
    this.key ??= this.loadKey().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private associatedData(id: string): Uint8Array {
    return Buffer.concat([MAGIC, Buffer.from(id, 'utf8')]);
  }

  private async *decrypt(
    sodium: Sodium,
    key: Uint8Array,
    handle: fs.FileHandle,
    id: string,
    expected: ExpectedAttachment,
  ): AsyncGenerator<Uint8Array> {
    const cipherChunk = ATTACHMENT_CHUNK_BYTES + sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
    const headerBytes = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
    const ad = this.associatedData(id);
    const hash = createHash('sha256');
    let state: StateAddress | undefined;
    try {
      const prefix = await readAt(handle, MAGIC.length + headerBytes, 0);
      if (prefix.length < MAGIC.length + headerBytes || !prefix.subarray(0, MAGIC.length).equals(MAGIC)) {
        throw new AttachmentIntegrityError(id, 'not an attachment file of this format');
      }
      state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(prefix.subarray(MAGIC.length), key);
      let position = prefix.length;
      let total = 0;
      for (;;) {
        const cipher = await readAt(handle, cipherChunk, position);
        position += cipher.length;
        if (cipher.length < sodium.crypto_secretstream_xchacha20poly1305_ABYTES)
          throw new AttachmentIntegrityError(id, 'the file ends before its final chunk');
        const opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, cipher, ad) as
          { message: Uint8Array; tag: number } | false;
        if (!opened)
          throw new AttachmentIntegrityError(id, `chunk at byte ${position - cipher.length} does not authenticate`);
        total += opened.message.length;
        if (total > expected.bytes)
          throw new AttachmentIntegrityError(id, `longer than the recorded ${expected.bytes} bytes`);
        hash.update(opened.message);
        if (opened.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
          // Everything is checked before the last bytes are released.
          if ((await readAt(handle, 1, position)).length !== 0)
            throw new AttachmentIntegrityError(id, 'data after the final chunk');
          if (total !== expected.bytes)
            throw new AttachmentIntegrityError(id, `${total} bytes instead of the recorded ${expected.bytes}`);
          const digest = hash.digest();
          const recorded = Buffer.from(expected.sha256, 'hex');
          if (recorded.length !== digest.length || !timingSafeEqual(digest, recorded))
            throw new AttachmentIntegrityError(id, 'sha256 differs from the recorded one');
          if (opened.message.length > 0) yield opened.message;
          return;
        }
        if (
          opened.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE ||
          opened.message.length !== ATTACHMENT_CHUNK_BYTES
        ) {
          throw new AttachmentIntegrityError(id, `unexpected chunk at byte ${position - cipher.length}`);
        }
        yield opened.message;
      }
    } finally {
      releaseState(sodium, state);
      await handle.close();
    }
  }
}
