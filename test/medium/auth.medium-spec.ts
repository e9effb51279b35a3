import { AuditEventType } from '../../src/audit/audit-event-type.js';
import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { AuthModule } from '../../src/auth/auth.module.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { AuthExceptionCode } from '../../src/auth/auth.exception.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { OfficerAccountService } from '../../src/officers/officer-account.service.js';
import { anOfficer } from './support/factories.js';
import { MediumApp } from './support/medium-app.js';

/** AuthService with the real account store, password hashing, tokens and audit trail. */
describe('AuthService (medium: services on a real PostgreSQL, no HTTP)', () => {
  let node: MediumApp;
  const admin = anOfficer([Role.ADMIN], 'admin-choi');

  beforeAll(async () => {
    node = await MediumApp.create({ imports: [AuthModule] });
    await node
      .get(OfficerAccountService)
      .create({ username: 'analyst-han', password: 'correct horse battery', roles: [Role.ANALYST] }, admin.username);
  });
  afterAll(() => node?.close());

  it('issues a token that resolves to the account and its roles', async () => {
    const { token, expiresAt } = await node.get(AuthService).login('Analyst-Han', 'correct horse battery', '10.1.2.3');
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    await expect(node.get(AuthService).authenticate(token)).resolves.toMatchObject({
      username: 'analyst-han',
      roles: [Role.ANALYST],
    });
  });

  it('refuses a wrong password without saying whether the account exists, and records it', async () => {
    const auth = node.get(AuthService);
    const wrong = await auth.login('analyst-han', 'wrong password here', '10.1.2.4').catch((error: unknown) => error);
    const unknown = await auth
      .login('nobody-at-all', 'wrong password here', '10.1.2.4')
      .catch((error: unknown) => error);
    expect(wrong).toMatchObject({ code: AuthExceptionCode.INVALID_CREDENTIALS });
    expect(unknown).toMatchObject({ code: AuthExceptionCode.INVALID_CREDENTIALS, message: (wrong as Error).message });
    const failures = await node.tx.manager
      .getRepository(AuditEntry)
      .findBy({ type: AuditEventType.LOGIN_FAILED, actor: 'analyst-han' });
    expect(failures.length).toBeGreaterThanOrEqual(1);
  });

  it('stops the tokens of a disabled account at once', async () => {
    const auth = node.get(AuthService);
    const { token } = await auth.login('analyst-han', 'correct horse battery', '10.1.2.5');
    await node.get(OfficerAccountService).disable('analyst-han', admin);
    await expect(auth.authenticate(token)).rejects.toMatchObject({ code: AuthExceptionCode.ACCOUNT_DISABLED });
  });
});
