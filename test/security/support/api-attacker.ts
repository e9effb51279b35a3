import { mkdtempSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../support/free-port.mjs';
import { NodeProcess, runCli } from '../../support/node-process.js';
import { createTestDatabase } from '../../support/test-database.js';

/** What a client sees of one HTTP answer. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json?: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
    error?: { code?: string; message?: string };
  } & Record<string, unknown>;
  ms: number;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The client's own address, any of 127.0.0.0/8: how a test plays several sources on one machine. */
  localAddress?: string;
  timeoutMs?: number;
}

/** One HTTP request from a chosen source address, answered in full (node:http: fetch cannot pick the source). */
export function http(url: string, options: HttpOptions = {}): Promise<HttpAnswer> {
  const started = Date.now();
  // HTTPS too (the TAXII listener); the attacker does not care whose certificate answers.
  const request = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        rejectUnauthorized: false,
        method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}),
          ...options.headers,
        },
        localAddress: options.localAddress,
        agent: false,
        timeout: options.timeoutMs ?? 60_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: HttpAnswer['json'];
          try {
            json = JSON.parse(text) as HttpAnswer['json'];
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, ms: Date.now() - started });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs ?? 60_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A GraphQL POST, with a token or without, from a chosen source address. */
export function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  options: Omit<HttpOptions, 'body'> = {},
): Promise<HttpAnswer> {
  return http(`${url}/graphql`, {
    ...options,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
}

export const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

/** A raw TCP connection to the officers' port, to send bytes as slowly as an attacker likes. */
export function rawConnection(
  port: number,
): Promise<{ socket: Socket; received: () => string; closedAt: Promise<number> }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = connect(port, '127.0.0.1');
    const closedAt = new Promise<number>((done) => socket.once('close', () => done(Date.now())));
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => text, closedAt }));
    socket.once('error', reject);
  });
}

/** Waits; unref'd, so a race lost to it leaves no timer holding the test run open. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** A real node process (`node dist/main.js`) on its own database and ports, as an operator starts it. */
export class ApiNodeProcess {
  private constructor(
    readonly process: NodeProcess,
    readonly env: Record<string, string>,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(name: string, env: Record<string, string> = {}): Promise<ApiNodeProcess> {
    const port = await freePort();
    const fullEnv = {
      DATABASE_URL: await createTestDatabase(name),
      PORT: String(port),
      FEDERATION_PORT: String(await freePort()),
      FEDNODE_TAXII__PORT: String(await freePort()),
      // <tmp>/kh-gdce: the PKI root (keys, CA) is the data folder's parent, so it is this test's own.
      FEDNODE_DATA_DIR: path.join(mkdtempSync(path.join(tmpdir(), `fednode-${name}-`)), 'kh-gdce'),
      NODE_CONFIG: 'config/kh-gdce.yaml',
      ...env,
    };
    const node = new ApiNodeProcess(new NodeProcess(fullEnv), fullEnv, Number(fullEnv.PORT));
    await node.process.waitForLog('node.started', 90_000);
    return node;
  }

  /** Creates an account with the user CLI, as an administrator would, and logs in. */
  async officer(username: string, roles: string[], password = `${username}-password-1`): Promise<string> {
    const added = await runCli(
      'dist/cli/user.cli.js',
      ['add', '--username', username, '--role', roles.join(',')],
      this.env,
      `${password}\n`,
    );
    if (added.code !== 0) throw new Error(added.stderr);
    const login = await graphql(this.url, LOGIN, { u: username, p: password });
    const token = (login.json?.data?.login as { token?: string } | undefined)?.token;
    if (!token) throw new Error(`login failed: ${login.text}`);
    return token;
  }

  async stop(): Promise<void> {
    await this.process.stop('SIGKILL');
  }
}
