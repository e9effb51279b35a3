import type { NodeConfig } from './config/node-config.schema.js';

/** The environment that decides which node and database `npm run user` works on. */
const SAME_NODE_ENV = ['NODE_CONFIG', 'FEDNODE_DATA_DIR', 'FEDNODE_DATABASE__EMBEDDED_PORT'] as const;

function quoted(value: string): string {
  return /^[\w./:@=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The exact command that creates the first administrator of this node (the CLI asks for the password). */
export function firstAdministratorCommand(env: NodeJS.ProcessEnv): string {
  const prefix = SAME_NODE_ENV.filter((name) => env[name]).map((name) => `${name}=${quoted(env[name]!)} `);
  const command = `${prefix.join('')}npm run user -- add --username admin --role ADMIN`;
  return env.DATABASE_URL ? `${command} (with the same DATABASE_URL)` : command;
}

export interface StartupReport {
  fields: Record<string, unknown>;
  message: string;
}

/** The "node.started" line: where to go next, and on a node without accounts how to create the first. */
export function startupReport(
  config: NodeConfig,
  baseUrl: string,
  accounts: number,
  env: NodeJS.ProcessEnv,
): StartupReport {
  const consoleUrl = `${baseUrl}/console/`;
  const graphql = `${baseUrl}/graphql`;
  const firstAdministrator = accounts === 0 ? firstAdministratorCommand(env) : undefined;
  const next = firstAdministrator
    ? `; no account exists yet: create the first administrator with: ${firstAdministrator}`
    : '';
  return {
    fields: { console: consoleUrl, graphql, accounts, ...(firstAdministrator ? { firstAdministrator } : {}) },
    message: `node ${config.id} is ready: console ${consoleUrl}, GraphQL ${graphql}${next}`,
  };
}
