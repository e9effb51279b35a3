import type { Context } from 'graphql-ws';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { socketAuthHooks } from './socket-auth.js';

const officer: AuthenticatedOfficer = { id: 'o1', username: 'analyst', roles: [Role.ANALYST] };
let ended = 0;
const auth = {
  openSession: (token: string) =>
    token === 'good.token'
      ? Promise.resolve({ officer, end: () => (ended += 1) })
      : Promise.reject(new Error('bad token')),
};

function context(connectionParams?: Record<string, unknown>): Context<Record<string, unknown> | undefined, unknown> {
  return {
    connectionParams,
    extra: {},
    connectionInitReceived: true,
    acknowledged: false,
    subscriptions: {},
  } as Context<Record<string, unknown> | undefined, unknown>;
}

describe('socketAuthHooks', () => {
  const hooks = socketAuthHooks(auth);

  it('accepts a socket with a valid bearer token and gives the guard its Authorization header', async () => {
    const ctx = context({ authorization: 'Bearer good.token' });
    expect(await hooks.onConnect(ctx)).toBe(true);
    expect(hooks.context(ctx)).toEqual({ req: { headers: { authorization: 'Bearer good.token' } } });
    hooks.onClose(ctx);
    expect(ended).toBe(1);
  });

  it.each([
    [undefined],
    [{}],
    [{ authorization: 'good.token' }],
    [{ authorization: 'Bearer bad.token' }],
    [{ authorization: 42 }],
  ])('refuses connection params %j', async (params) => {
    const ctx = context(params);
    expect(await hooks.onConnect(ctx)).toBe(false);
    expect(hooks.context(ctx)).toEqual({ req: { headers: { authorization: undefined } } });
  });
});
