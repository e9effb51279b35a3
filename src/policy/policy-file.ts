import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config/node-config.loader.js';
import { nodeIdSchema } from '../config/node-config.schema.js';
import { inboundPolicyRulesSchema, sharingPolicyRulesSchema } from './sharing-policy.js';
import type { InboundPolicyRules, SharingPolicyRules } from './sharing-policy.js';

// config/policies/<node-id>.yaml: the policies a node starts with, one outbound and one inbound entry
// per partner. The policy store seeds its first versions from here; later edits go through GraphQL.

/** A policy file problem; a ConfigError, so startup reports it like any other configuration error. */
export class PolicyFileError extends ConfigError {
  constructor(file: string, problems: string[]) {
    super(file, problems);
    this.name = 'PolicyFileError';
  }
}

export interface NodePolicyFile {
  /** Where the policies came from, for logs and errors. */
  source: string;
  /** Keyed by partner node id. */
  outbound: Record<string, SharingPolicyRules>;
  inbound: Record<string, InboundPolicyRules>;
}

const partnerMap = <T extends z.ZodType>(rules: T) => z.record(nodeIdSchema, rules).default({});

export const policyFileSchema = z.strictObject({
  outbound: partnerMap(sharingPolicyRulesSchema),
  inbound: partnerMap(inboundPolicyRulesSchema),
});

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${issue.path.length ? `${where}.` : ''}${key}: unknown key`).join('\n  - ');
  }
  if (issue.code === 'invalid_key') return `${where}: partner id ${issue.issues.map((i) => i.message).join('; ')}`;
  return `${where}: ${issue.message}`;
}

/** Checks that need the node's own id: a node has no policy for itself and is never a relay target. */
function selfReferences(file: NodePolicyFile, nodeId: string): string[] {
  const problems: string[] = [];
  for (const direction of ['outbound', 'inbound'] as const) {
    if (nodeId in file[direction]) problems.push(`${direction}.${nodeId}: a node has no policy for itself`);
  }
  for (const [partnerId, policy] of Object.entries(file.outbound)) {
    policy.onwardSharing.to.forEach((target, index) => {
      const where = `outbound.${partnerId}.onwardSharing.to.${index}`;
      if (target === nodeId) problems.push(`${where}: relaying back to ${nodeId} itself makes no sense`);
      if (target === partnerId) problems.push(`${where}: ${partnerId} cannot relay to itself`);
    });
  }
  return problems;
}

/** Validates an already parsed policy file; throws PolicyFileError naming every bad key. */
export function validatePolicyFile(raw: unknown, source: string, nodeId?: string): NodePolicyFile {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new PolicyFileError(source, ['(top level): must be a mapping with "outbound" and "inbound"']);
  }
  const result = policyFileSchema.safeParse(raw);
  if (!result.success) throw new PolicyFileError(source, result.error.issues.map(describeIssue));
  const file: NodePolicyFile = { source, outbound: result.data.outbound, inbound: result.data.inbound };
  const problems = nodeId === undefined ? [] : selfReferences(file, nodeId);
  if (problems.length > 0) throw new PolicyFileError(source, problems);
  return file;
}

/** Parses policy YAML text; `source` names it in errors. */
export function parsePolicyFile(text: string, source: string, nodeId?: string): NodePolicyFile {
  let raw: unknown;
  try {
    raw = parseYaml(text, { uniqueKeys: true });
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split('\n')[0] : String(error);
    throw new PolicyFileError(source, [`not valid YAML: ${message}`]);
  }
  // An empty file means no partners yet.
  return validatePolicyFile(raw ?? {}, source, nodeId);
}

/**
 * Loads `config/policies/<node-id>.yaml` (or `file`, relative to `cwd`). With `nodeId`, also refuses
 * a policy for the node itself.
 */
export function loadPolicyFile(file: string, options: { nodeId?: string; cwd?: string } = {}): NodePolicyFile {
  let text: string;
  try {
    text = readFileSync(path.resolve(options.cwd ?? process.cwd(), file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new PolicyFileError(file, [reason]);
  }
  return parsePolicyFile(text, file, options.nodeId);
}

/** The conventional location of a node's policy file. */
export function defaultPolicyFile(nodeId: string): string {
  return path.join('config', 'policies', `${nodeId}.yaml`);
}
