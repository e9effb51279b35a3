import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { validateNodeConfig } from '../config/node-config.loader.js';
import { loadNodeIdentity } from '../identity/node-identity.loader.js';
import {
  ALL_CHECKS,
  FEED_CHECKS,
  formatResults,
  HIT_CHECK_CHECKS,
  PACKET_CHECKS,
  runChecks,
} from './conformance-checks.js';
import { ConformanceClient } from './conformance-client.js';

const USAGE = `usage: npm run conformance -- --partner-url https://host:port --partner <partner node id> --as <our node id>
         [--pki-dir data] [--anchor FILE]... [--mode production|development] [--category ONLINE_SCAM] [--tlp GREEN]
         [--only packets,feed,hit-check]
Plays our node's side of every exchange (docs/PROTOCOL.md) against a partner's endpoint and prints a
pass/fail table naming the clause behind each check. Our keys and certificate come from --pki-dir (the
layout of docs/PKI.md; passphrase as for a node: FEDNODE_KEY_PASSPHRASE(_FILE), or the development secret
with --mode development); the trust anchors are <pki-dir>/trust/anchors/*.crt and every --anchor. The
partner must have us as a peer with an inbound policy accepting --category at --tlp, and an outbound
policy for us (hit-check). Exit code 0: every check passed; 1: a check failed; 2: bad arguments.`;

export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** `npm run conformance -- …`: the exit code. */
export async function runConformanceCli(args: string[], out: Output): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        'partner-url': { type: 'string' },
        partner: { type: 'string' },
        as: { type: 'string' },
        'pki-dir': { type: 'string', default: 'data' },
        anchor: { type: 'string', multiple: true, default: [] },
        mode: { type: 'string', default: 'production' },
        category: { type: 'string', default: 'ONLINE_SCAM' },
        tlp: { type: 'string', default: 'GREEN' },
        only: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    out.stderr(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    out.stdout(`${USAGE}\n`);
    return 0;
  }
  const missing = (['partner-url', 'partner', 'as'] as const).filter((name) => !values[name]);
  if (missing.length > 0 || !['production', 'development'].includes(values.mode)) {
    out.stderr(
      `${missing.length ? `missing --${missing.join(', --')}` : `--mode must be production or development`}\n${USAGE}\n`,
    );
    return 2;
  }
  const checks = selected(values.only);
  if (!checks) {
    out.stderr(`--only takes packets, feed and hit-check, comma-separated\n${USAGE}\n`);
    return 2;
  }
  const pkiDir = path.resolve(values['pki-dir']);
  const anchorsDir = path.join(pkiDir, 'trust', 'anchors');
  const anchors = [
    ...safeList(anchorsDir)
      .filter((file) => file.endsWith('.crt'))
      .map((file) => path.join(anchorsDir, file)),
    ...values.anchor.map((file) => path.resolve(file)),
  ];
  let client: ConformanceClient;
  try {
    const config = validateNodeConfig(
      {
        id: values.as,
        name: values.as,
        country: 'ASEAN',
        mode: values.mode,
        dataDir: path.join(pkiDir, values.as!),
        listen: { host: '127.0.0.1', port: 1 },
        federation: { host: '127.0.0.1', port: 0 },
        database: { embeddedPort: 1 },
        identity: { pkiDir },
        trust: { anchors },
      },
      'conformance kit',
    );
    const identity = await loadNodeIdentity(config, pino({ level: 'silent' }));
    client = new ConformanceClient(identity, { id: values.partner!, url: values['partner-url']! });
  } catch (error) {
    out.stderr(`cannot load our identity: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  out.stdout(`conformance of ${values.partner} at ${values['partner-url']}, as ${values.as}\n\n`);
  const results = await runChecks({ client, category: values.category, tlp: values.tlp }, checks);
  out.stdout(formatResults(results));
  return results.every((result) => result.passed) ? 0 : 1;
}

function selected(only: string | undefined) {
  if (!only) return ALL_CHECKS;
  const groups: Record<string, typeof ALL_CHECKS> = {
    packets: PACKET_CHECKS,
    feed: FEED_CHECKS,
    'hit-check': HIT_CHECK_CHECKS,
  };
  const names = only.split(',').filter(Boolean);
  if (names.length === 0 || names.some((name) => !groups[name])) return undefined;
  return names.flatMap((name) => groups[name]);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
