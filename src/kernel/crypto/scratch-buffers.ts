/**
 * Reusable large buffers for plaintext and ciphertext bytes. A fresh multi-megabyte buffer costs
 * more in page faults than the crypto on it (measured on our Firecracker VMs), so buffers go back to
 * a small pool. Each caller owns its buffer between acquire and release, so concurrent
 * `openPacket` calls that await callbacks never share one.
 */
const MIN_BYTES = 64 * 1024;
const MAX_POOLED_BYTES = 64 * 1024 * 1024;
const MAX_POOLED_BUFFERS = 4;
const pool: Buffer[] = [];

export function acquireScratch(minBytes: number): Buffer {
  const index = pool.findIndex((buffer) => buffer.length >= minBytes);
  if (index >= 0) return pool.splice(index, 1)[0];
  let size = MIN_BYTES;
  while (size < minBytes) size *= 2;
  return Buffer.allocUnsafeSlow(size);
}

/** Returns a buffer to the pool; `wipeBytes` leading bytes are zeroed first (plaintext must not linger). */
export function releaseScratch(buffer: Buffer, wipeBytes = 0): void {
  if (wipeBytes > 0) buffer.fill(0, 0, Math.min(wipeBytes, buffer.length));
  if (buffer.length > MAX_POOLED_BYTES) return;
  if (pool.length >= MAX_POOLED_BUFFERS) {
    // Keep the larger buffers: they are the expensive ones to fault in again.
    pool.sort((a, b) => a.length - b.length);
    if (pool[0].length >= buffer.length) return;
    pool.shift();
  }
  pool.push(buffer);
}
