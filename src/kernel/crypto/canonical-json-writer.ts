import { hasLoneSurrogate, type JsonValue } from './canonical-json.js';
import { acquireScratch, releaseScratch } from './scratch-buffers.js';

/** Strings at least this long are copied straight into the output instead of through JSON.stringify. */
const LONG_STRING = 1024;

/**
 * A growable byte buffer backed by the scratch pool. `release()` zeroes what was written and returns
 * the buffer, so the plaintext does not linger.
 */
export class ByteSink {
  private buffer: Buffer;
  length = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = acquireScratch(initialBytes);
  }

  /** A view of the bytes written so far; valid until the next write or release. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  release(): void {
    releaseScratch(this.buffer, this.length);
    this.length = 0;
  }

  ensure(extraBytes: number): void {
    const needed = this.length + extraBytes;
    if (needed <= this.buffer.length) return;
    const next = acquireScratch(needed * 2);
    this.buffer.copy(next, 0, 0, this.length);
    releaseScratch(this.buffer, this.length);
    this.buffer = next;
  }

  /** Writes text as UTF-8 without any escaping. */
  writeRaw(text: string): void {
    this.ensure(text.length * 3); // a UTF-16 code unit is at most 3 UTF-8 bytes
    this.length += this.buffer.write(text, this.length, 'utf8');
  }

  /**
   * A JSON string literal, byte-identical to JSON.stringify. Long strings are written raw and then
   * scanned: only '"', '\' and control characters need escaping (lone surrogates, which
   * JSON.stringify would escape, take the slow path), so a clean scan proves the raw bytes equal the
   * escaped form without building a second multi-megabyte string.
   */
  writeString(text: string): void {
    if (text.length < LONG_STRING || hasLoneSurrogate(text)) {
      this.writeRaw(JSON.stringify(text));
      return;
    }
    const byteLength = Buffer.byteLength(text, 'utf8');
    this.ensure(byteLength + 2);
    const start = this.length;
    const buffer = this.buffer;
    buffer[start] = 0x22;
    const end = start + 1 + buffer.write(text, start + 1, 'utf8');
    for (let i = start + 1; i < end; i++) {
      const byte = buffer[i];
      if (byte < 0x20 || byte === 0x22 || byte === 0x5c) {
        this.writeRaw(JSON.stringify(text)); // this.length is still `start`: overwrite
        return;
      }
    }
    buffer[end] = 0x22;
    this.length = end + 1;
  }
}

/**
 * Writes the RFC 8785 (JCS) form of a validated JsonValue into `sink` as UTF-8: the same bytes as
 * `Buffer.from(canonicalize(value))` (a property test checks this), without first building the
 * whole document as one string. Numbers and short strings go through JSON.stringify, which already
 * implements the JCS number and string forms; keys sort by UTF-16 code units like Array#sort.
 */
export function writeCanonicalJson(value: JsonValue, sink: ByteSink): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    sink.writeRaw(JSON.stringify(value));
  } else if (typeof value === 'string') {
    sink.writeString(value);
  } else if (Array.isArray(value)) {
    sink.writeRaw('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) sink.writeRaw(',');
      writeCanonicalJson(value[i], sink);
    }
    sink.writeRaw(']');
  } else {
    sink.writeRaw('{');
    let first = true;
    for (const key of Object.keys(value).sort()) {
      if (!first) sink.writeRaw(',');
      first = false;
      sink.writeString(key);
      sink.writeRaw(':');
      writeCanonicalJson(value[key], sink);
    }
    sink.writeRaw('}');
  }
}
