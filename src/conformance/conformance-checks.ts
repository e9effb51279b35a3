import { canonicalJsonChecked, type JsonValue } from '../kernel/crypto/canonical-json.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { parseNodeCertificate } from '../kernel/pki/node-certificate.js';
import { describeIssue, wireValidator } from '../kernel/wire/wire-schemas.js';
import { receiptSignatureValid, type SignedReceipt } from '../federation/delivery-receipt.js';
import type { SealedPacket } from '../envelope/packet-wire.js';
import { conformanceCase, type ConformanceClient, type RawAnswer } from './conformance-client.js';

/** One check of the kit: the clause of docs/PROTOCOL.md it holds the partner to, and what it does. */
export interface ConformanceCheck {
  clause: string;
  name: string;
  run(kit: Kit): Promise<void>;
}

export interface Kit {
  client: ConformanceClient;
  /** An offence category and TLP the partner accepts from us (its inbound policy). */
  category: string;
  tlp: string;
}

export class CheckFailed extends Error {}

const fail = (message: string): never => {
  throw new CheckFailed(message);
};
const receiptSchema = wireValidator<SignedReceipt>('receipt');
const errorSchema = wireValidator<{ error: { code: string; message: string } }>('error');
const DAY_MS = 86_400_000;

function json(answer: RawAnswer): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return fail(`HTTP ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 120)}`);
  }
}

/** A receipt that is valid (§12.3): schema, canonical text, HTTP pairing, signature, our packet. */
async function receiptOf(kit: Kit, answer: RawAnswer, packet: SealedPacket, status: 200 | 422): Promise<SignedReceipt> {
  if (answer.status !== status) fail(`expected HTTP ${status}, got ${answer.status}: ${answer.text.slice(0, 200)}`);
  const body = json(answer);
  const parsed = receiptSchema.safeParse(body);
  if (!parsed.success) return fail(`not a receipt: ${describeIssue(parsed.error.issues[0])}`);
  const signed = parsed.data;
  if (canonicalJsonChecked(body) !== answer.text) fail('the receipt is not sent in its RFC 8785 canonical form');
  if ((status === 200) !== (signed.receipt.status === 'ACCEPTED')) fail(`HTTP ${status} with ${signed.receipt.status}`);
  const certificate = parseNodeCertificate(signed.receiverCertificate);
  if (certificate.nodeId !== kit.client.partner.id) fail(`receiverCertificate names ${certificate.nodeId}`);
  if (!(await receiptSignatureValid(signed, certificate.ed25519PublicKey)))
    fail('the receipt signature does not verify');
  const { receipt } = signed;
  if (receipt.packetId !== packet.header.packetId || receipt.contentHash !== packet.header.contentHash)
    fail('the receipt names another packet');
  if (receipt.receiver !== kit.client.partner.id) fail(`receipt.receiver is ${receipt.receiver}`);
  return signed;
}

async function refused(kit: Kit, wire: string, packet: SealedPacket, reason: string): Promise<void> {
  const { receipt } = await receiptOf(kit, await kit.client.call('POST', '/federation/v1/packets', wire), packet, 422);
  if (receipt.reason !== reason) fail(`refused as ${receipt.reason}, expected ${reason}`);
}

async function refusedUnread(kit: Kit, text: string, code: string): Promise<void> {
  const answer = await kit.client.call('POST', '/federation/v1/packets', text);
  if (answer.status !== 400) fail(`expected HTTP 400, got ${answer.status}`);
  const body = errorSchema.safeParse(json(answer));
  if (!body.success) fail(`not an error body: ${describeIssue(body.error.issues[0])}`);
  else if (body.data.error.code !== code) fail(`error code ${body.data.error.code}, expected ${code}`);
}

const flip = (text: string, at: number) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return text.slice(0, at) + alphabet[(alphabet.indexOf(text[at]) + 1) % 64] + text.slice(at + 1);
};

const post = (kit: Kit, wire: string) => kit.client.call('POST', '/federation/v1/packets', wire);
const caseBody = (kit: Kit): JsonValue => conformanceCase(kit.category, kit.tlp);

export const PACKET_CHECKS: ConformanceCheck[] = [
  {
    clause: '§12.1, §15',
    name: 'hello names the partner and us, and lists the protocol versions it speaks',
    async run(kit) {
      const body = json(await kit.client.call('GET', '/federation/v1/hello'));
      const problem = wireValidator('hello').problem(body);
      if (problem) fail(problem);
      const { node, peer } = body as { node: string; peer: string };
      if (node !== kit.client.partner.id || peer !== kit.client.identity.nodeId) fail(`hello says ${node} / ${peer}`);
    },
  },
  {
    clause: '§8, §12.3',
    name: 'a valid case packet is accepted with a valid, canonical, signed receipt (200)',
    async run(kit) {
      const { packet, wire } = await kit.client.seal(caseBody(kit));
      await receiptOf(kit, await post(kit, wire), packet, 200);
    },
  },
  {
    clause: '§9, §12.3',
    name: 'a byte-identical redelivery gets the same receipt, byte for byte',
    async run(kit) {
      const { packet, wire } = await kit.client.seal(caseBody(kit));
      const first = await post(kit, wire);
      await receiptOf(kit, first, packet, 200);
      const again = await post(kit, wire);
      await receiptOf(kit, again, packet, 200);
      if (again.text !== first.text) fail('the redelivery got other bytes than the first receipt');
    },
  },
  {
    clause: '§8 step 5, §9',
    name: 'tampered copies of an accepted packet (header, ciphertext, sealed key) are BAD_SIGNATURE',
    async run(kit) {
      const { packet, wire } = await kit.client.seal(caseBody(kit));
      await receiptOf(kit, await post(kit, wire), packet, 200);
      const copies: SealedPacket[] = [
        { ...packet, header: { ...packet.header, policyVersion: `${packet.header.policyVersion}-x` } },
        { ...packet, ciphertext: flip(packet.ciphertext, 10) },
        { ...packet, recipients: [{ ...packet.recipients[0], sealedKey: flip(packet.recipients[0].sealedKey, 40) }] },
      ];
      for (const copy of copies)
        await refused(kit, canonicalJsonChecked(copy as unknown as JsonValue), copy, 'BAD_SIGNATURE');
    },
  },
  {
    clause: '§8 step 6, §9',
    name: 'another packet reusing an accepted packet id is REPLAY',
    async run(kit) {
      const first = await kit.client.seal(caseBody(kit));
      await receiptOf(kit, await post(kit, first.wire), first.packet, 200);
      const second = await kit.client.seal(caseBody(kit), { packetId: first.packet.header.packetId });
      await refused(kit, second.wire, second.packet, 'REPLAY');
    },
  },
  {
    clause: '§8 step 3',
    name: 'an expired packet is PACKET_EXPIRED, one from the future PACKET_FROM_FUTURE',
    async run(kit) {
      const old = await kit.client.seal(caseBody(kit), {
        createdAt: new Date(Date.now() - 2 * DAY_MS),
        lifetimeSeconds: 3600,
      });
      await refused(kit, old.wire, old.packet, 'PACKET_EXPIRED');
      const future = await kit.client.seal(caseBody(kit), { createdAt: new Date(Date.now() + DAY_MS) });
      await refused(kit, future.wire, future.packet, 'PACKET_FROM_FUTURE');
    },
  },
  {
    clause: '§8 step 2',
    name: 'a packet addressed to another node is NOT_ADDRESSED_TO_US',
    async run(kit) {
      const other = kit.client.partner.id === 'conformance-other' ? 'conformance-else' : 'conformance-other';
      const { packet, wire } = await kit.client.seal(caseBody(kit), { to: other });
      await refused(kit, wire, packet, 'NOT_ADDRESSED_TO_US');
    },
  },
  {
    clause: '§8 step 1, §12.2',
    name: 'an unknown envelope version is 400 UNSUPPORTED_VERSION, a body that is not JSON 400 MALFORMED',
    async run(kit) {
      const { packet } = await kit.client.seal(caseBody(kit));
      const v2 = { ...packet, header: { ...packet.header, version: 2 } };
      await refusedUnread(kit, canonicalJsonChecked(v2 as unknown as JsonValue), 'UNSUPPORTED_VERSION');
      await refusedUnread(kit, '{"header": ', 'MALFORMED');
    },
  },
];

export const FEED_CHECKS: ConformanceCheck[] = [
  {
    clause: '§13.2',
    name: 'the feed pages by cursor: valid pages, cursors that only move forward, no version twice',
    async run(kit) {
      const pageSchema = wireValidator('watchlist-feed-page');
      const seen = new Set<string>();
      let after = '0';
      for (let pages = 0; pages < 200; pages++) {
        const answer = await kit.client.call('GET', `/federation/v1/watchlist/changes?after=${after}&limit=50`);
        if (answer.status !== 200) fail(`HTTP ${answer.status} for after=${after}: ${answer.text.slice(0, 200)}`);
        const page = json(answer) as {
          items: { seq: string; entry: { origin: string; entryId: string; version: number } }[];
          nextCursor: string;
          hasMore: boolean;
        };
        const problem = pageSchema.problem(page);
        if (problem) fail(`after=${after}: ${problem}`);
        if (BigInt(page.nextCursor) < BigInt(after)) fail(`nextCursor ${page.nextCursor} is before after=${after}`);
        for (const item of page.items) {
          const key = `${item.entry.origin}/${item.entry.entryId}/v${item.entry.version}`;
          if (BigInt(item.seq) <= BigInt(after)) fail(`item seq ${item.seq} is not after ${after}`);
          if (seen.has(key)) fail(`${key} served twice`);
          seen.add(key);
        }
        after = page.nextCursor;
        if (!page.hasMore) return;
      }
      fail('more than 200 pages of 50');
    },
  },
  {
    clause: '§13.2, §12.2',
    name: 'a limit outside 1 to 5000 and a cursor that is not one are 400',
    async run(kit) {
      for (const query of ['after=0&limit=0', 'after=0&limit=5001', 'after=x']) {
        const answer = await kit.client.call('GET', `/federation/v1/watchlist/changes?${query}`);
        if (answer.status !== 400) fail(`${query}: HTTP ${answer.status}`);
        const problem = errorSchema.problem(json(answer));
        if (problem) fail(`${query}: ${problem}`);
      }
    },
  },
];

export const HIT_CHECK_CHECKS: ConformanceCheck[] = [
  {
    clause: '§14.3',
    name: 'hit-check evaluates blinded points: same count, canonical non-identity points',
    async run(kit) {
      const sodium = await sodiumReady();
      const points = [1, 2, 3].map(() => sodium.crypto_core_ristretto255_random());
      const blinded = points.map((point) => Buffer.from(point).toString('base64url'));
      const answer = await kit.client.call('POST', '/federation/v1/hit-check', JSON.stringify({ blinded }));
      if (answer.status !== 200) fail(`HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
      const body = json(answer) as { evaluated: string[] };
      const problem = wireValidator('hit-check-answer').problem(body);
      if (problem) fail(problem);
      if (body.evaluated.length !== blinded.length)
        fail(`${body.evaluated.length} evaluations for ${blinded.length} points`);
      for (const text of body.evaluated) {
        const point = Buffer.from(text, 'base64url');
        if (point.every((b) => b === 0) || !sodium.crypto_core_ristretto255_is_valid_point(point))
          fail(`${text} is not a canonical non-identity ristretto255 point`);
      }
    },
  },
  {
    clause: '§14.3, §12.2',
    name: 'hit-check refuses a point that is not a canonical encoding (400)',
    async run(kit) {
      const answer = await kit.client.call(
        'POST',
        '/federation/v1/hit-check',
        JSON.stringify({ blinded: ['A'.repeat(42) + 'E'] }),
      );
      if (answer.status !== 400) fail(`HTTP ${answer.status}`);
    },
  },
  {
    clause: '§14.4',
    name: 'the published set pages to its end, every page valid',
    async run(kit) {
      const schema = wireValidator<{ nextCursor: string; hasMore: boolean }>('hit-check-set-page');
      let after = '';
      for (let pages = 0; pages < 100; pages++) {
        const query = after ? `?after=${encodeURIComponent(after)}` : '';
        const answer = await kit.client.call('GET', `/federation/v1/hit-check/set${query}`);
        if (answer.status !== 200) fail(`HTTP ${answer.status}: ${answer.text.slice(0, 200)}`);
        const page = schema.safeParse(json(answer));
        if (!page.success) return fail(describeIssue(page.error.issues[0]));
        if (!page.data.hasMore) return;
        after = page.data.nextCursor;
      }
      fail('more than 100 pages');
    },
  },
];

export const ALL_CHECKS = [...PACKET_CHECKS, ...FEED_CHECKS, ...HIT_CHECK_CHECKS];

export interface CheckResult {
  clause: string;
  name: string;
  passed: boolean;
  detail?: string;
}

/** Runs every check in order; one failing check does not stop the others. */
export async function runChecks(kit: Kit, checks: readonly ConformanceCheck[] = ALL_CHECKS): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    try {
      await check.run(kit);
      results.push({ clause: check.clause, name: check.name, passed: true });
    } catch (error) {
      results.push({
        clause: check.clause,
        name: check.name,
        passed: false,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}

/** The pass/fail table the CLI prints. */
export function formatResults(results: readonly CheckResult[]): string {
  const lines = results.map(
    (r) => `${r.passed ? 'PASS' : 'FAIL'}  ${r.clause.padEnd(17)} ${r.name}${r.passed ? '' : `\n      ${r.detail}`}`,
  );
  const passed = results.filter((r) => r.passed).length;
  return `${lines.join('\n')}\n\n${passed} passed, ${results.length - passed} failed\n`;
}
