/**
 * The `npm run pki` commands, separate from the entry file so tests can run them in-process.
 */
import { parseArgs } from 'node:util';
import { promises as fs } from 'node:fs';
import type { NodeMode } from './key-passphrase.js';
import {
  DEFAULT_DATA_DIR,
  type PkiStep,
  createDevFederation,
  initAgencyCa,
  issueNodeFiles,
  rotateNodeIdentity,
} from './dev-federation.js';
import { parseNodeCertificate } from '../kernel/pki/node-certificate.js';

const USAGE = `Usage: npm run pki -- <command> [flags]
  init-ca --agency ID [--valid-days N] [--force]       create data/ca/ID/ca.crt + ca.key
  issue --node ID [--agency ID] [--valid-days N] [--dns NAME]... [--ip ADDR]... [--mode development|production]
                                                       load/create node keys, issue data/ID/tls/node.crt + node.key
  rotate-keys --node ID [--agency ID] [--grace-days N] [--mode development|production]
                                                       new node keys + certificate; the old keys stay usable for the grace period
  dev-federation [--nodes ID,ID...] [--force]          CAs, keys, certificates and trust anchors for the example nodes
                                                       (default all five; --nodes picks some, e.g. for docker/compose.yml)
  inspect --cert FILE                                  print the node identity in a certificate
Every command takes --data-dir DIR (default ${DEFAULT_DATA_DIR}). The key passphrase comes from
FEDNODE_KEY_PASSPHRASE or FEDNODE_KEY_PASSPHRASE_FILE; in development a random one is kept in
DIR/<node>/secrets/key-passphrase.`;

type OptionSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

const COMMON: OptionSpec = { 'data-dir': { type: 'string' }, help: { type: 'boolean' } };
const COMMANDS: Record<string, OptionSpec> = {
  'init-ca': { agency: { type: 'string' }, 'valid-days': { type: 'string' }, force: { type: 'boolean' } },
  issue: {
    node: { type: 'string' },
    agency: { type: 'string' },
    'valid-days': { type: 'string' },
    dns: { type: 'string', multiple: true },
    ip: { type: 'string', multiple: true },
    mode: { type: 'string' },
  },
  'rotate-keys': {
    node: { type: 'string' },
    agency: { type: 'string' },
    'grace-days': { type: 'string' },
    mode: { type: 'string' },
  },
  'dev-federation': { force: { type: 'boolean' }, nodes: { type: 'string' } },
  inspect: { cert: { type: 'string' } },
};

export class PkiUsageError extends Error {}

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface PkiCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: Record<string, string | undefined>;
}

function parseCommand(command: string, args: string[]): Values {
  const spec = { ...COMMON, ...COMMANDS[command] };
  const allowed = Object.keys(spec)
    .map((name) => `--${name}`)
    .join(', ');
  try {
    return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new PkiUsageError(`${command}: unknown flag ${flag} (allowed: ${allowed})`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const arg = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new PkiUsageError(`${command}: unexpected argument "${arg}" (flags: ${allowed})`);
    }
    throw new PkiUsageError(`${command}: ${message}`);
  }
}

function text(values: Values, flag: string, command: string, required: true): string;
function text(values: Values, flag: string, command: string, required?: false): string | undefined;
function text(values: Values, flag: string, command: string, required = false): string | undefined {
  const value = values[flag];
  if (typeof value === 'string' && value.length > 0) return value;
  if (required) throw new PkiUsageError(`${command}: --${flag} is required`);
  return undefined;
}

function positiveNumber(values: Values, flag: string, command: string): number | undefined {
  const raw = text(values, flag, command);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new PkiUsageError(`${command}: --${flag} must be a positive number, got "${raw}"`);
  }
  return value;
}

function mode(values: Values, command: string): NodeMode {
  const raw = text(values, 'mode', command) ?? 'development';
  if (raw !== 'development' && raw !== 'production') {
    throw new PkiUsageError(`${command}: --mode must be development or production, got "${raw}"`);
  }
  return raw;
}

function list(values: Values, flag: string): string[] | undefined {
  const value = values[flag];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** `--nodes a,b,c`: node ids, each checked like any node id. */
function nodeList(values: Values, command: string): string[] | undefined {
  const raw = text(values, 'nodes', command);
  if (raw === undefined) return undefined;
  const ids = raw.split(',').map((id) => id.trim());
  const bad = ids.find((id) => !/^[a-z][a-z0-9-]{1,62}$/.test(id));
  if (bad !== undefined)
    throw new PkiUsageError(`${command}: --nodes takes node ids separated by commas; "${bad}" is not a node id`);
  if (new Set(ids).size !== ids.length) throw new PkiUsageError(`${command}: --nodes names a node twice`);
  return ids;
}

export function formatSteps(steps: PkiStep[]): string {
  const lines = steps.map((step) => `${step.action.padEnd(8)} ${step.path}  ${step.what}`);
  const count = (action: string) => steps.filter((step) => step.action === action).length;
  lines.push(`${count('created')} created, ${count('replaced')} replaced, ${count('skipped')} already in place`);
  return lines.join('\n');
}

async function execute(command: string, values: Values, io: PkiCliIo): Promise<string> {
  const dataDir = text(values, 'data-dir', command) ?? DEFAULT_DATA_DIR;
  switch (command) {
    case 'init-ca': {
      const agencyId = text(values, 'agency', command, true);
      const { steps } = await initAgencyCa({
        dataDir,
        agencyId,
        validDays: positiveNumber(values, 'valid-days', command),
        force: values.force === true,
      });
      const note = steps[0]?.action === 'skipped' ? '\n(the CA already exists; --force replaces it)' : '';
      return formatSteps(steps) + note;
    }
    case 'issue': {
      const nodeId = text(values, 'node', command, true);
      const issued = await issueNodeFiles({
        dataDir,
        nodeId,
        agencyId: text(values, 'agency', command),
        mode: mode(values, command),
        env: io.env,
        validDays: positiveNumber(values, 'valid-days', command),
        dnsNames: list(values, 'dns'),
        ipAddresses: list(values, 'ip'),
      });
      return `${formatSteps(issued.steps)}\nfingerprint sha256 ${issued.certificate.fingerprintSha256}`;
    }
    case 'rotate-keys': {
      const nodeId = text(values, 'node', command, true);
      const graceDays = positiveNumber(values, 'grace-days', command);
      const rotated = await rotateNodeIdentity({
        dataDir,
        nodeId,
        agencyId: text(values, 'agency', command),
        mode: mode(values, command),
        env: io.env,
        graceSeconds: graceDays === undefined ? undefined : graceDays * 24 * 3600,
      });
      return `${formatSteps(rotated.steps)}\nfingerprint sha256 ${rotated.certificate.fingerprintSha256}`;
    }
    case 'dev-federation': {
      const report = await createDevFederation({
        dataDir,
        nodeIds: nodeList(values, command),
        force: values.force === true,
        env: io.env,
      });
      const nodes = report.nodes.map(
        (n) => `  ${n.nodeId.padEnd(10)} key ${n.keyId}  cert sha256 ${n.certificate.fingerprintSha256}`,
      );
      return [formatSteps(report.steps), 'nodes:', ...nodes, `trust anchors: ${report.trustAnchors.join(', ')}`].join(
        '\n',
      );
    }
    case 'inspect': {
      const file = text(values, 'cert', command, true);
      const info = parseNodeCertificate(await fs.readFile(file, 'utf8'));
      return JSON.stringify(
        {
          ...info,
          ed25519PublicKey: Buffer.from(info.ed25519PublicKey).toString('base64'),
          x25519PublicKey: Buffer.from(info.x25519PublicKey).toString('base64'),
        },
        null,
        2,
      );
    }
    default:
      throw new PkiUsageError(`unknown command "${command}"`);
  }
}

/** Runs one CLI invocation; returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function runPkiCli(argv: string[], io: PkiCliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (!(command in COMMANDS)) throw new PkiUsageError(`unknown command "${command}"`);
    const values = parseCommand(command, rest);
    if (values.help === true) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    io.stdout(`${await execute(command, values, io)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PkiUsageError) {
      io.stderr(`pki: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    const name = error instanceof Error ? error.name : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`pki ${command}: ${name}: ${message}\n`);
    return 1;
  }
}
