import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { AlertService } from '../../src/alerts/alert.service.js';
import { loadTokenSecret } from '../../src/auth/token-secret.js';
import { TokenService } from '../../src/auth/token.service.js';
import { TransactionContext } from '../../src/common/database/transaction-context.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { runCli } from '../support/node-process.js';
import { TestNode } from '../support/test-node.js';
import { sleep } from './support/api-attacker.js';
import { eventually } from '../support/eventually.js';

/** What an attacker's graphql-ws client hears on its socket, and how the socket ends. */
interface Listener {
  alerts: string[];
  closeCodes: number[];
  client: Client;
}

// Issue #14 item 3: an open `alertRaised` subscription kept delivering alerts after the account was
// disabled, and after its token expired. The socket must close, or delivery stop, at once.
describe('a disabled or expired account hears nothing on its open subscription socket', () => {
  let node: TestNode;
  let analyst: string;
  let admin: string;
  const listeners: Listener[] = [];

  function listen(token: string): Promise<Listener> {
    const listener: Listener = { alerts: [], closeCodes: [], client: undefined as unknown as Client };
    return new Promise((resolve, reject) => {
      listener.client = createClient({
        url: `${node.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        // The close this test causes is the point, not an error to print.
        onNonLazyError: () => undefined,
        connectionParams: { authorization: `Bearer ${token}` },
        on: {
          connected: () => resolve(listener),
          closed: (event) => listener.closeCodes.push((event as { code: number }).code),
          error: reject,
        },
      });
      listener.client.subscribe<{ alertRaised: { id: string } }>(
        { query: 'subscription { alertRaised { id } }' },
        {
          next: (message) => message.data && listener.alerts.push(message.data.alertRaised.id),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      listeners.push(listener);
    });
  }

  /** A partner's packet names an identifier of a fresh local case: one new alert, delivered live. */
  async function raiseAlert(): Promise<string> {
    const created = await node.graphql<{ createCase: { id: string } }>(CREATE_CASE, { input: caseInput() }, analyst);
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    const [id] = await node
      .app()
      .get(TransactionContext)
      .run(() =>
        node
          .app()
          .get(AlertService)
          .raiseForSightings([
            {
              type: 'TELEGRAM',
              value: '@scam_boss_kh',
              origin: 'kh-cnp',
              source: { kind: 'PACKET', ref: randomUUID() },
            },
          ]),
      );
    return id;
  }

  /** Whether `check` holds within `timeoutMs` (false, not a failure, when it does not). */
  function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
    return eventually('the socket to answer', check, { timeoutMs, intervalMs: 20 }).then(
      () => true,
      () => false,
    );
  }

  beforeAll(async () => {
    node = await TestNode.start('sec_sessions');
    analyst = await node.officerToken('analyst-ko', [Role.ANALYST]);
    admin = await node.officerToken('admin-yu', [Role.ADMIN]);
  });
  afterAll(async () => {
    await Promise.all(listeners.map((l) => l.client.dispose()));
    await node?.stop();
  });

  it('closes the socket of an account an administrator disables, before any further alert', async () => {
    const insider = await listen(await node.officerToken('leaver-jo', [Role.ANALYST]));
    const first = await raiseAlert();
    expect(await waitFor(() => insider.alerts.includes(first), 10_000)).toBe(true);

    const disabled = await node.graphql('mutation { disableUser(username: "leaver-jo") { disabled } }', {}, admin);
    expect(disabled.errors).toBeUndefined();
    expect(await waitFor(() => insider.closeCodes.length > 0, 2_000)).toBe(true);
    expect(insider.closeCodes).toEqual([4403]);

    const second = await raiseAlert();
    await sleep(1_500);
    expect(insider.alerts).not.toContain(second);
  });

  it('closes it too when the account is disabled from another process (the user CLI)', async () => {
    const insider = await listen(await node.officerToken('leaver-cli', [Role.ANALYST]));
    const disabled = await runCli('dist/cli/user.cli.js', ['disable', '--username', 'leaver-cli'], {
      DATABASE_URL: node.databaseUrl,
      FEDNODE_DATA_DIR: node.config.dataDir,
    });
    expect(disabled.code).toBe(0);
    expect(await waitFor(() => insider.closeCodes.length > 0, 2_000)).toBe(true);
    const after = await raiseAlert();
    await sleep(1_500);
    expect(insider.alerts).not.toContain(after);
  });

  it('closes the socket when an administrator changes the account’s roles, so they apply again at once', async () => {
    const insider = await listen(await node.officerToken('moved-on', [Role.ANALYST]));
    const changed = await node.graphql(
      'mutation { setUserRoles(username: "moved-on", roles: [AUDITOR]) { roles } }',
      {},
      admin,
    );
    expect(changed.errors).toBeUndefined();
    expect(await waitFor(() => insider.closeCodes.length > 0, 2_000)).toBe(true);
    const after = await raiseAlert();
    await sleep(1_500);
    expect(insider.alerts).not.toContain(after);
  });

  it('closes the socket when its token expires, and delivers nothing after', async () => {
    const officer = await node.createOfficer('short-lived', [Role.ANALYST]);
    const me = await node.graphql<{ me: { id: string } }>(
      '{ me { id } }',
      {},
      await node.login(officer.username, officer.password),
    );
    // A token as the node issues them, signed with its secret, that expires in 3 s.
    const tokens = new TokenService(loadTokenSecret(node.config), node.config.id, 3);
    const { token, expiresAt } = await tokens.issue({
      id: me.data!.me.id,
      username: 'short-lived',
      roles: [Role.ANALYST],
    });
    const holder = await listen(token);
    const before = await raiseAlert();
    expect(await waitFor(() => holder.alerts.includes(before), 10_000)).toBe(true);

    expect(await waitFor(() => holder.closeCodes.length > 0, expiresAt.getTime() - Date.now() + 2_000)).toBe(true);
    expect(holder.closeCodes).toEqual([4401]);
    const after = await raiseAlert();
    await sleep(1_500);
    expect(holder.alerts).not.toContain(after);
  });

  it('keeps serving an active account whose token is valid', async () => {
    const colleague = await listen(analyst);
    const alert = await raiseAlert();
    expect(await waitFor(() => colleague.alerts.includes(alert), 10_000)).toBe(true);
    expect(colleague.closeCodes).toEqual([]);
  });
});
