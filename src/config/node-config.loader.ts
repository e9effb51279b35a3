import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { NodeConfig, nodeConfigSchema } from './node-config.schema.js';

export const DEFAULT_CONFIG_FILE = 'config/kr-knpa.yaml';

/** A configuration problem; the message names the file, the key and what is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration in ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Environment variables with a fixed meaning, applied on top of the file. */
const SHORTCUTS: Record<string, string[]> = {
  PORT: ['listen', 'port'],
  HOST: ['listen', 'host'],
  FEDERATION_PORT: ['federation', 'port'],
  DATABASE_URL: ['database', 'url'],
  LOG_LEVEL: ['log', 'level'],
  NODE_MODE: ['mode'],
};

/**
 * Any key can be overridden with FEDNODE_<KEY>__<SUBKEY>, e.g. FEDNODE_AUTH__TOKEN_TTL_SECONDS=600.
 * Values are read as YAML scalars so numbers and booleans keep their type.
 */
const PREFIX = 'FEDNODE_';
const NOT_OVERRIDES = new Set(['FEDNODE_KEY_PASSPHRASE', 'FEDNODE_KEY_PASSPHRASE_FILE']);

function camel(segment: string): string {
  return segment.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function scalar(raw: string): unknown {
  try {
    const value: unknown = parseYaml(raw);
    return value === null ? raw : value;
  } catch {
    return raw;
  }
}

export function applyEnvOverrides(raw: Record<string, unknown>, env: Env): string[] {
  const applied: string[] = [];
  for (const [name, keys] of Object.entries(SHORTCUTS)) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      setPath(raw, keys, keys[keys.length - 1] === 'url' ? value : scalar(value));
      applied.push(name);
    }
  }
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(PREFIX) || NOT_OVERRIDES.has(name) || value === undefined) continue;
    const keys = name.slice(PREFIX.length).split('__').map(camel);
    setPath(raw, keys, scalar(value));
    applied.push(name);
  }
  return applied;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${issue.path.length ? `${where}.` : ''}${key}: unknown key`).join('\n  - ');
  }
  return `${where}: ${issue.message}`;
}

/** Parses and validates a config object; throws ConfigError naming every bad key. */
export function validateNodeConfig(raw: unknown, source: string, cwd = process.cwd()): NodeConfig {
  const result = nodeConfigSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(source, result.error.issues.map(describeIssue));
  const config = result.data;
  const dataDir = path.resolve(cwd, config.dataDir ?? path.join('data', config.id));
  const pkiDir = config.identity.pkiDir ? path.resolve(cwd, config.identity.pkiDir) : path.dirname(dataDir);
  return { ...config, dataDir, pkiDir, source };
}

export function loadNodeConfig(options: { file?: string; env?: Env; cwd?: string } = {}): NodeConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = options.file ?? env.NODE_CONFIG ?? DEFAULT_CONFIG_FILE;
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new ConfigError(file, [reason]);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(file, [`not valid YAML: ${message}`]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(file, ['(top level): must be a mapping of keys to values']);
  }
  applyEnvOverrides(raw as Record<string, unknown>, env);
  return validateNodeConfig(raw, file, cwd);
}
