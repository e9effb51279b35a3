import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { PayloadTooLargeException } from '../common/errors/payload-too-large.exception.js';
import {
  ATTACHMENT_CHUNK_BYTES,
  AttachmentFileMissingError,
  AttachmentIntegrityError,
  CaseAttachmentStore,
} from './case-attachment.store.js';

const KEY = new Uint8Array(randomBytes(32));
const CIPHER_CHUNK = ATTACHMENT_CHUNK_BYTES + 17;
const PREFIX = 8 + 24;

/** Yields `data` in pieces of `pieceBytes`, like a socket would. */
async function* pieces(data: Buffer, pieceBytes = 16 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < data.length; offset += pieceBytes) yield data.subarray(offset, offset + pieceBytes);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('CaseAttachmentStore', () => {
  let dir: string;
  let store: CaseAttachmentStore;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(tmpdir(), 'fednode-attachments-'));
    store = new CaseAttachmentStore(path.join(dir, 'attachments'), async () => KEY);
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it.each([
    ['0 bytes', 0],
    ['1 byte', 1],
    ['64 KiB - 1', ATTACHMENT_CHUNK_BYTES - 1],
    ['64 KiB', ATTACHMENT_CHUNK_BYTES],
    ['64 KiB + 1', ATTACHMENT_CHUNK_BYTES + 1],
    ['3 chunks exactly', 3 * ATTACHMENT_CHUNK_BYTES],
    ['1 MiB + 17', 1024 * 1024 + 17],
  ])('round-trips %s with its size and sha256, in one FINAL-terminated stream', async (_label, size) => {
    const data = randomBytes(size);
    const stored = await store.write('att-1', pieces(data, 10_000));
    expect(stored).toEqual({ storagePath: 'att-1.bin', sha256: sha256(data), bytes: size });
    const onDisk = await fs.stat(path.join(store.dir, 'att-1.bin'));
    const chunks = Math.max(1, Math.ceil(size / ATTACHMENT_CHUNK_BYTES));
    expect(onDisk.size).toBe(PREFIX + size + 17 * chunks);
    expect(onDisk.mode & 0o777).toBe(0o600);
    expect((await readAll(await store.open('att-1', stored))).equals(data)).toBe(true);
  });

  it('accepts pieces of any size, larger than a chunk included', async () => {
    const data = randomBytes(5 * ATTACHMENT_CHUNK_BYTES + 3);
    const stored = await store.write('big-pieces', pieces(data, 3 * ATTACHMENT_CHUNK_BYTES + 5));
    expect((await readAll(await store.open('big-pieces', stored))).equals(data)).toBe(true);
  });

  it('never writes the plaintext to disk', async () => {
    const data = Buffer.alloc(200_000, 'evidence-evidence-');
    await store.write('plain', pieces(data));
    const onDisk = await fs.readFile(path.join(store.dir, 'plain.bin'));
    expect(onDisk.includes(data.subarray(0, 64))).toBe(false);
  });

  it('refuses more than the limit and leaves no file behind', async () => {
    const data = randomBytes(1000);
    await expect(store.write('too-big', pieces(data, 100), 999)).rejects.toBeInstanceOf(PayloadTooLargeException);
    expect(await fs.readdir(store.dir)).toEqual([]);
    await expect(store.write('just-fits', pieces(data, 100), 1000)).resolves.toMatchObject({ bytes: 1000 });
  });

  it('removes the temp file when the source fails midway', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield randomBytes(100_000);
      throw new Error('client went away');
    }
    await expect(store.write('broken', failing())).rejects.toThrow('client went away');
    expect(await fs.readdir(store.dir)).toEqual([]);
  });

  describe('tampering', () => {
    const size = 2 * ATTACHMENT_CHUNK_BYTES + 100;
    let data: Buffer;
    let expected: { sha256: string; bytes: number };
    let file: string;

    beforeEach(async () => {
      data = randomBytes(size);
      expected = await store.write('victim', pieces(data));
      file = path.join(store.dir, 'victim.bin');
    });

    async function flip(offset: number): Promise<void> {
      const bytes = await fs.readFile(file);
      bytes[offset] ^= 0x01;
      await fs.writeFile(file, bytes);
    }

    it('fails before any byte when the header or first chunk is altered', async () => {
      await flip(PREFIX - 1);
      await expect(store.open('victim', expected)).rejects.toBeInstanceOf(AttachmentIntegrityError);
    });

    it('errors at an altered later chunk, after releasing only the chunks before it', async () => {
      await flip(PREFIX + CIPHER_CHUNK + 10);
      const stream = await store.open('victim', expected);
      const received: Buffer[] = [];
      await expect(
        (async () => {
          for await (const part of stream) received.push(part as Buffer);
        })(),
      ).rejects.toBeInstanceOf(AttachmentIntegrityError);
      expect(Buffer.concat(received).equals(data.subarray(0, ATTACHMENT_CHUNK_BYTES))).toBe(true);
    });

    it('errors on a truncated file (final chunk missing) and on data appended after it', async () => {
      const original = await fs.readFile(file);
      await fs.writeFile(file, original.subarray(0, PREFIX + 2 * CIPHER_CHUNK));
      await expect(store.open('victim', expected).then(readAll)).rejects.toThrow(/ends before its final chunk/);
      // A byte appended to the short final chunk breaks its tag; after a full final chunk it is extra data.
      await fs.writeFile(file, Buffer.concat([original, Buffer.from('x')]));
      await expect(store.open('victim', expected).then(readAll)).rejects.toBeInstanceOf(AttachmentIntegrityError);
      const full = randomBytes(ATTACHMENT_CHUNK_BYTES);
      const fullStored = await store.write('full', pieces(full));
      const fullFile = path.join(store.dir, 'full.bin');
      await fs.appendFile(fullFile, Buffer.from('x'));
      await expect(store.open('full', fullStored).then(readAll)).rejects.toThrow(/after the final chunk/);
    });

    it('errors on reordered chunks and on a file moved to another attachment id', async () => {
      const original = await fs.readFile(file);
      const swapped = Buffer.concat([
        original.subarray(0, PREFIX),
        original.subarray(PREFIX + CIPHER_CHUNK, PREFIX + 2 * CIPHER_CHUNK),
        original.subarray(PREFIX, PREFIX + CIPHER_CHUNK),
        original.subarray(PREFIX + 2 * CIPHER_CHUNK),
      ]);
      await fs.writeFile(file, swapped);
      await expect(store.open('victim', expected)).rejects.toBeInstanceOf(AttachmentIntegrityError);
      await fs.writeFile(path.join(store.dir, 'other.bin'), original);
      await expect(store.open('other', expected)).rejects.toBeInstanceOf(AttachmentIntegrityError);
    });

    it('withholds the last bytes when the recorded sha256 or size differ', async () => {
      const wrongHash = { ...expected, sha256: sha256(Buffer.from('something else')) };
      await expect(store.open('victim', wrongHash).then(readAll)).rejects.toThrow(/sha256 differs/);
      await expect(store.open('victim', { ...expected, bytes: size - 1 }).then(readAll)).rejects.toThrow(
        /longer than the recorded/,
      );
      await expect(store.open('victim', { ...expected, bytes: size + 1 }).then(readAll)).rejects.toThrow(
        /instead of the recorded/,
      );
    });

    it('cannot be read with another key', async () => {
      const otherKey = new CaseAttachmentStore(store.dir, async () => new Uint8Array(randomBytes(32)));
      await expect(otherKey.open('victim', expected)).rejects.toBeInstanceOf(AttachmentIntegrityError);
    });
  });

  it('reports a missing file as such', async () => {
    await expect(store.open('nothing-here', { sha256: '0'.repeat(64), bytes: 0 })).rejects.toBeInstanceOf(
      AttachmentFileMissingError,
    );
  });

  it('closes the file when a download is abandoned midway', async () => {
    const data = randomBytes(4 * ATTACHMENT_CHUNK_BYTES);
    const stored = await store.write('abandoned', pieces(data));
    const openFiles = async () => (await fs.readdir('/proc/self/fd')).length;
    const before = await openFiles();
    const stream = await store.open('abandoned', stored);
    expect(await openFiles()).toBe(before + 1);
    stream.read(); // started, then dropped
    const closed = new Promise((resolve) => stream.once('close', resolve));
    stream.destroy();
    await closed;
    expect(await openFiles()).toBe(before);
  });

  it('refuses ids that are not plain names', async () => {
    await expect(store.write('../escape', pieces(Buffer.from('x')))).rejects.toThrow(TypeError);
  });

  it('removes temp files of interrupted uploads, but only old ones', async () => {
    await fs.mkdir(store.dir, { recursive: true });
    await fs.writeFile(path.join(store.dir, '.old.abc.tmp'), 'x');
    await fs.writeFile(path.join(store.dir, '.fresh.def.tmp'), 'x');
    const hourAgo = new Date(Date.now() - 3600_000);
    await fs.utimes(path.join(store.dir, '.old.abc.tmp'), hourAgo, hourAgo);
    expect(await store.removeStaleTempFiles(60_000)).toEqual(['.old.abc.tmp']);
    expect(await fs.readdir(store.dir)).toEqual(['.fresh.def.tmp']);
  });
});
