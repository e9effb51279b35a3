import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NodeConfig } from '../config/node-config.schema.js';
import { sodiumReady, type Sodium } from '../kernel/crypto/sodium.js';
import { loadHitCheckKey } from './hit-check-key.js';
import {
  blind,
  directOutput,
  evaluate,
  finalize,
  hashToGroup,
  hitCheckInput,
  isValidScalar,
  randomScalar,
} from './oprf.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('2HashDH OPRF over ristretto255', () => {
  let sodium: Sodium;
  let key: Uint8Array;
  const input = hitCheckInput('WALLET_EVM', '0x52908400098527886e0f7030069857d2e4169ee7');

  beforeAll(async () => {
    sodium = await sodiumReady();
    key = randomScalar(sodium);
  });

  function run(x: string, k: Uint8Array): Uint8Array {
    const { blinded, r } = blind(sodium, x);
    return finalize(sodium, x, evaluate(sodium, blinded, k), r);
  }

  it('normalises and domain-separates the input: two spellings of one wallet are one input, the type is part of it', () => {
    // The EIP-55 spelling is the normal form.
    expect(input).toBe('WALLET_EVM:0x52908400098527886E0F7030069857D2E4169EE7');
    expect(hitCheckInput('WALLET_EVM', ' 0x52908400098527886e0f7030069857d2e4169ee7 ')).toBe(input);
    expect(() => hitCheckInput('WALLET_EVM', '0x52908400098527886e0F7030069857D2E4169EE7')).toThrow(/WALLET_EVM: /);
    expect(hex(hashToGroup(sodium, input))).toBe(hex(hashToGroup(sodium, input)));
    expect(sodium.crypto_core_ristretto255_is_valid_point(hashToGroup(sodium, input))).toBe(true);
  });

  it('blinded values look random: two blinds of one input differ, and neither is H1(input)', () => {
    const a = blind(sodium, input);
    const b = blind(sodium, input);
    expect(hex(a.blinded)).not.toBe(hex(b.blinded));
    expect(hex(a.r)).not.toBe(hex(b.r));
    expect(hex(a.blinded)).not.toBe(hex(hashToGroup(sodium, input)));
    expect(sodium.crypto_core_ristretto255_is_valid_point(a.blinded)).toBe(true);
  });

  it('finalize is deterministic per (key, input) and equals the server-side direct evaluation', () => {
    const first = run(input, key);
    expect(first).toHaveLength(32);
    expect(hex(run(input, key))).toBe(hex(first));
    expect(hex(directOutput(sodium, input, key))).toBe(hex(first));
  });

  it('a different key or a different input gives a different output', () => {
    const other = randomScalar(sodium);
    expect(hex(run(input, other))).not.toBe(hex(run(input, key)));
    expect(hex(run('WALLET_EVM:0x0000000000000000000000000000000000000001', key))).not.toBe(hex(run(input, key)));
    // Same string under another type is another input.
    expect(hex(directOutput(sodium, 'DOMAIN:example.org', key))).not.toBe(
      hex(directOutput(sodium, 'EMAIL:example.org', key)),
    );
  });

  it('evaluate refuses bytes that are not a ristretto255 point; finalize refuses a bad answer', () => {
    const notAPoint = new Uint8Array(32).fill(0xff);
    expect(() => evaluate(sodium, notAPoint, key)).toThrow(/ristretto255/);
    expect(() => evaluate(sodium, new Uint8Array(31), key)).toThrow(/ristretto255/);
    const { r } = blind(sodium, input);
    expect(() => finalize(sodium, input, notAPoint, r)).toThrow(/invalid ristretto255 point/);
  });

  it('validates scalars: canonical and non-zero only', () => {
    expect(isValidScalar(sodium, key)).toBe(true);
    expect(isValidScalar(sodium, new Uint8Array(32))).toBe(false);
    expect(isValidScalar(sodium, new Uint8Array(32).fill(0xff))).toBe(false);
  });
});

describe('hit-check key file', () => {
  const config = (overrides: Partial<NodeConfig>) =>
    ({
      mode: 'development',
      dataDir: mkdtempSync(path.join(tmpdir(), 'hitcheck-key-')),
      hitCheck: { evaluationsPerHour: 10 },
      ...overrides,
    }) as NodeConfig;

  it('a development node creates one (0600) and reads the same key back', async () => {
    const sodium = await sodiumReady();
    const dev = config({});
    const key = loadHitCheckKey(dev, sodium);
    const file = path.join(dev.dataDir, 'secrets', 'hit-check-key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(Buffer.from(key).toString('base64url'));
    expect(hex(loadHitCheckKey(dev, sodium))).toBe(hex(key));
  });

  it('production requires the file', async () => {
    const sodium = await sodiumReady();
    expect(() => loadHitCheckKey(config({ mode: 'production' }), sodium)).toThrow(/hit-check key file .* is missing/);
  });
});
