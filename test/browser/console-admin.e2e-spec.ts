import type { Browser, Page } from 'playwright-core';
import { setTimeout as sleep } from 'node:timers/promises';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { FederationHarness } from '../federation/support/federation-harness.js';
import {
  checkScreen,
  LANGS,
  launchChromium,
  officerPage,
  refreshUntil,
  signIn,
  ui,
} from './support/console-browser.js';

const password = (username: string) => `${username}-password-1`;
const REQUEST_SHARE = `mutation ($c: ID!, $p: String!) {
  requestShare(caseId: $c, partnerIds: [$p], purpose: INVESTIGATION) { id status } }`;
const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id, comment: "For the JTF") { status packetId } }';

/**
 * Administration and the audit trail in the console, against three real nodes (kr-knpa and the two
 * Cambodian partners whose certificates it sees): accounts, partner policies (any version, the
 * difference between two, publishing through a form the node checks), TAXII accounts, revoking a
 * peer's certificate, then an auditor reading all of it in the audit trail: labelled, linked (a shared
 * case's packet opens what went out; for a supervisor who also works cases, the case opens its page),
 * filters in the URL, nothing wider than the screen. In English (on kh-cnp) and in Korean (on kh-gdce).
 */
describe('the liaison console: administration and the audit trail', () => {
  const federation = new FederationHarness(
    ['kr-knpa', 'kh-cnp', 'kh-gdce'],
    {},
    { '*': { audit: { checkpointEveryEntries: 5, checkpointIntervalSeconds: 3600 } } },
  );
  const tokens: Record<string, string> = {};
  let browser: Browser;
  const problems: string[][] = [];

  async function signedIn(username: string, lang: 'en' | 'ko'): Promise<Page> {
    const opened = await officerPage(browser, `${username}-${lang}`);
    problems.push(opened.problems);
    await signIn(opened.page, federation.apiUrl('kr-knpa'), username, password(username), lang);
    return opened.page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    await federation.prepare();
    await federation.startAll();
    await federation.token('kr-knpa', 'lee.admin', [Role.ADMIN]);
    await federation.token('kr-knpa', 'han.auditor', [Role.AUDITOR]);
    await federation.token('kr-knpa', 'yoon.supervisor', [Role.AUDITOR, Role.LIAISON_OFFICER]);
    tokens.analyst = await federation.token('kr-knpa', 'kim.analyst', [Role.ANALYST]);
    tokens.officer = await federation.token('kr-knpa', 'park.liaison', [Role.LIAISON_OFFICER]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await federation.stopAll();
  });

  describe.each(LANGS)('in %s', (lang) => {
    const { t, code } = ui(lang);
    const partnerId = lang === 'en' ? 'kh-cnp' : 'kh-gdce';
    const newOfficer = `new.officer.${lang}`;
    const reference = `KNPA-2026-AUD-${lang.toUpperCase()}-${Date.now() % 100_000}`;
    let caseId: string;
    let packetId: string;
    let admin: Page;
    let auditor: Page;
    beforeAll(async () => {
      // A case shared with the partner (through the API, before its certificate is revoked below): the
      // trail then holds a case, a share and the packet that carried it, for the auditor to open.
      const created = await federation.graphql<{ createCase: { id: string } }>(
        'kr-knpa',
        CREATE_CASE,
        { input: { ...caseInput({ offenceCategories: ['DRUG_TRAFFICKING'] }), reference } },
        tokens.analyst,
      );
      caseId = created.data!.createCase.id;
      const shared = await federation.graphql<{ requestShare: { id: string; status: string }[] }>(
        'kr-knpa',
        REQUEST_SHARE,
        { c: caseId, p: partnerId },
        tokens.analyst,
      );
      expect(shared.data!.requestShare[0].status).toBe('PENDING_APPROVAL');
      const approved = await federation.graphql<{ approveShare: { packetId: string } }>(
        'kr-knpa',
        APPROVE,
        { id: shared.data!.requestShare[0].id },
        tokens.officer,
      );
      expect(approved.errors).toBeUndefined();
      packetId = approved.data!.approveShare.packetId;
      admin = await signedIn('lee.admin', lang);
      await admin.getByRole('link', { name: t('nav.admin') }).click();
    });

    it('an administrator creates an account, changes its roles and disables it', async () => {
      await admin.getByRole('link', { name: t('admin.users'), exact: true }).click();
      await admin.getByRole('heading', { level: 1, name: t('admin.users') }).waitFor();
      const form = admin.locator('form', { hasText: t('accounts.new') });
      await form.getByLabel(t('login.username')).fill(newOfficer);
      await form.getByLabel(t('accounts.initialPassword')).fill('a long passphrase for the JTF');
      await form.getByRole('button', { name: t('accounts.create') }).click();
      await admin.getByText(t('accounts.createdMsg', { user: newOfficer })).waitFor();

      const account = admin.locator(`[data-account="${newOfficer}"]`);
      await account.getByLabel(code('LIAISON_OFFICER')).check();
      await account.getByLabel(code('ANALYST')).uncheck();
      await account.getByRole('button', { name: t('accounts.saveRoles') }).click();
      await admin.getByText(t('accounts.rolesSaved', { user: newOfficer, roles: code('LIAISON_OFFICER') })).waitFor();
      await account.getByRole('button', { name: t('accounts.disable', { user: newOfficer }) }).click();
      await account.getByText(t('admin.disabled'), { exact: true }).waitFor();
      // An administrator cannot take the role away from themselves: the node says so, in the officer's language.
      const self = admin.locator('[data-account="lee.admin"]');
      await self.getByLabel(code('ADMIN')).uncheck();
      await self.getByLabel(code('AUDITOR')).check();
      await self.getByRole('button', { name: t('accounts.saveRoles') }).click();
      await self
        .getByRole('alert')
        .filter({ hasText: t('error.CANNOT_DEMOTE_SELF') })
        .waitFor();
      await checkScreen(admin, `admin-${lang}-01-accounts`);
    });

    it('an administrator reads a partner policy, publishes a new version through a form the node checks, and sees the difference', async () => {
      await admin.getByRole('link', { name: t('admin.policies') }).click();
      await admin.getByTestId('policies').waitFor();
      await checkScreen(admin, `admin-${lang}-02-policies`);
      await admin
        .getByTestId('policies')
        .getByRole('link', { name: new RegExp(partnerId) })
        .click();
      await admin.getByTestId('policy-document').waitFor();
      expect(await admin.getByTestId('policy-document').innerText()).toContain(`kr-knpa/${partnerId}/v1`);
      // Version 1 came from the node's policy file: named by the file's name, not by a path on the server.
      expect(await admin.getByTestId('policy-document').innerText()).toContain('policy file kr-knpa.yaml');
      await admin.getByRole('link', { name: t('policy.publishNew') }).click();

      // Leaving no purpose is refused by the node's own check: the problem shows on the row, publishing waits.
      const purposes = admin.locator('fieldset[data-row="outbound.purposes"]');
      for (const purpose of ['INVESTIGATION', 'ASSET_FREEZE', 'INTELLIGENCE_PICTURE'])
        await purposes.getByLabel(code(purpose)).uncheck();
      await purposes.getByTestId('policy-problem').waitFor();
      expect(await purposes.getByTestId('policy-problem').innerText()).toBe(t('input.POLICY_PURPOSE'));
      await admin.getByText(t('policy.problems', { count: 1 })).waitFor();
      expect(await admin.getByRole('button', { name: t('policy.publish') }).isDisabled()).toBe(true);
      await checkScreen(admin, `admin-${lang}-03-policy-form-problem`);
      await purposes.getByLabel(code('INVESTIGATION')).check();
      await admin.getByLabel(t('policy.field.outbound.retentionDays')).fill('90');
      await admin.getByText(t('policy.valid')).waitFor();
      await admin.getByRole('button', { name: t('policy.publish') }).click();

      // Publishing lands on the new version compared with the one before.
      const diff = admin.getByTestId('policy-diff');
      await diff.waitFor();
      expect(await diff.innerText()).toContain(
        t('policy.diffTitle', { before: `kr-knpa/${partnerId}/v1`, after: `kr-knpa/${partnerId}/v2` }),
      );
      expect(
        await diff.locator('tr[data-changed="yes"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key'))),
      ).toEqual(['outbound.purposes', 'outbound.retentionDays']);
      expect(await diff.locator('tr[data-key="outbound.purposes"]').innerText()).toContain(`− ${code('ASSET_FREEZE')}`);
      await checkScreen(admin, `admin-${lang}-04-policy-diff`);
    });

    it('an administrator issues a partner’s TAXII account (secret shown once) and disables it', async () => {
      await admin.getByRole('link', { name: t('admin.taxii') }).click();
      const row = admin.locator(`tr[data-partner="${partnerId}"]`);
      await row.getByRole('button', { name: t('taxii.issue', { partner: partnerId }) }).click();
      const secret = admin.getByTestId('taxii-secret');
      await secret.waitFor();
      expect(await secret.innerText()).toMatch(/^[A-Za-z0-9_-]{43}$/);
      await row.getByText(t('admin.active'), { exact: true }).waitFor();
      await checkScreen(admin, `admin-${lang}-05-taxii`);
      await row.getByRole('button', { name: t('taxii.disable', { partner: partnerId }) }).click();
      await admin.getByTestId('taxii-issued').waitFor({ state: 'detached' });
      await row.getByText(new RegExp(`^${t('admin.disabled')}`)).waitFor();
    });

    it('an administrator revokes the certificate a peer presented', async () => {
      await admin.getByRole('link', { name: t('admin.nodeAndPeers') }).click();
      const peer = admin.locator(`[data-peer="${partnerId}"]`);
      const revoke = peer.getByRole('button', { name: t('admin.revoke') });
      // kr-knpa sees a peer's certificate once they have spoken (the watchlist sync does within seconds).
      await refreshUntil(admin, async () => (await revoke.count()) > 0, 90_000, t('common.refresh'));
      await revoke.click();
      await peer
        .getByLabel(t('admin.revokeReason', { peer: partnerId }))
        .fill(`Key material reported lost by ${partnerId}`);
      await peer.getByRole('button', { name: t('admin.revokeConfirm') }).click();
      await peer.locator('.badge-cert-revoked', { hasText: t('admin.cert.revoked') }).waitFor();
      await admin.getByTestId('revoked').getByText(`Key material reported lost by ${partnerId}`).waitFor();
      await checkScreen(admin, `admin-${lang}-06-peers`);
    });

    it('an auditor reads those actions in the audit trail: labelled, linked, filtered through the URL, within the screen', async () => {
      auditor = await signedIn('han.auditor', lang);
      await auditor.getByRole('link', { name: t('nav.audit') }).click();
      const entries = auditor.getByTestId('audit-entries');
      await entries.waitFor();
      // The whole trail, signed checkpoints (which carry a certificate) included, stays within the screen.
      await auditor.locator('.audit-entry[data-type="AUDIT_CHECKPOINT"]').first().waitFor();
      await checkScreen(auditor, `audit-${lang}-01-trail`);
      // Details are labelled fields and lists, never JSON.
      const details = await entries.locator('.audit-details').allInnerTexts();
      expect(details.length).toBeGreaterThan(0);
      expect(details.filter((text) => /[{}]/.test(text))).toEqual([]);

      await auditor.getByLabel(t('audit.action')).selectOption('USER_ROLES_CHANGED');
      await auditor.getByRole('button', { name: t('audit.filter') }).click();
      await auditor.waitForURL(/[?&]type=USER_ROLES_CHANGED/);
      const entry = entries.locator('.audit-entry[data-type="USER_ROLES_CHANGED"]', { hasText: newOfficer });
      await entry.waitFor();
      const text = await entry.innerText();
      expect(text).toContain(code('USER_ROLES_CHANGED'));
      expect(text).toContain('lee.admin');
      expect(text).toMatch(new RegExp(`${t('audit.key.previousRoles')}:?\\s*${code('ANALYST')}`));
      expect(text).not.toMatch(/[{}"]/);
      // Roles are a list, each role an item in the reader's language.
      expect(await entry.locator('[data-key="roles"] li').allInnerTexts()).toEqual([code('LIAISON_OFFICER')]);
      expect(await entry.locator('[data-key="previousRoles"] li').allInnerTexts()).toEqual([code('ANALYST')]);

      // The filter is in the URL: a reload (or a link sent to a colleague) shows the same entries.
      await auditor.reload();
      await signInAgainIfAsked(auditor, lang);
      await entries.locator('.audit-entry[data-type="USER_ROLES_CHANGED"]', { hasText: newOfficer }).waitFor();
      expect(await auditor.getByLabel(t('audit.action')).inputValue()).toBe('USER_ROLES_CHANGED');
      expect(
        await entries
          .locator('.audit-entry')
          .evaluateAll((all) => [...new Set(all.map((e) => e.getAttribute('data-type')))]),
      ).toEqual(['USER_ROLES_CHANGED']);

      // A published policy links to the version it names.
      // The policy file's first versions name the file, never its path on the server.
      await auditor.goto(
        `${federation.apiUrl('kr-knpa')}/console/#/audit?type=POLICY_CHANGED&subjectId=kr-knpa/${partnerId}/v1`,
      );
      await signInAgainIfAsked(auditor, lang);
      const seeded = entries.locator('.audit-entry[data-type="POLICY_CHANGED"]').first();
      await seeded.waitFor();
      expect(await seeded.locator('[data-actor="policy-file"]').innerText()).toBe(
        t('audit.policyFile', { file: 'kr-knpa.yaml' }),
      );

      await auditor.goto(`${federation.apiUrl('kr-knpa')}/console/#/audit?type=POLICY_CHANGED&actor=lee.admin`);
      await signInAgainIfAsked(auditor, lang);
      await entries
        .getByRole('link', { name: `kr-knpa/${partnerId}/v2` })
        .first()
        .click();
      await auditor.getByTestId('policy-document').waitFor();
      expect(await auditor.getByTestId('policy-document').innerText()).toContain(`kr-knpa/${partnerId}/v2`);

      await auditor.goto(`${federation.apiUrl('kr-knpa')}/console/#/audit?type=CERTIFICATE_REVOKED`);
      await signInAgainIfAsked(auditor, lang);
      const revoked = entries.locator('.audit-entry').first();
      await revoked.waitFor();
      expect(await revoked.innerText()).toContain(partnerId);
      await auditor.getByRole('button', { name: t('audit.verify') }).click();
      const intact = t('audit.chainOk', { count: 'N' })
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace('N', '\\d+');
      await auditor.getByText(new RegExp(intact)).waitFor();
      await checkScreen(auditor, `audit-${lang}-02-filtered`);
    });

    it('the trail names the shared case and its packet and opens them: what went out for the auditor, the case for a supervisor', async () => {
      const trail = `${federation.apiUrl('kr-knpa')}/console/#/audit`;
      await auditor.goto(`${trail}?type=SHARE_APPROVED`);
      await signInAgainIfAsked(auditor, lang);
      const entries = auditor.getByTestId('audit-entries');
      const approved = entries.locator('.audit-entry[data-type="SHARE_APPROVED"]', { hasText: reference });
      await approved.waitFor();
      // The packet that carried the case is a link to what went out (auditors read Sent).
      const packet = approved.locator(`[data-packet="${packetId}"] a[data-link="packet"]`);
      await packet.waitFor();
      const text = await approved.innerText();
      expect(text).toContain(code('SUBJECT_SHARE_REQUEST'));
      expect(text).toContain('park.liaison');
      expect(text).toContain(partnerId);
      expect(text).toContain(code('INVESTIGATION'));
      expect(text).not.toMatch(/[{}"]/);
      await checkScreen(auditor, `audit-${lang}-03-share`);
      await packet.click();
      await auditor.waitForURL(/#\/sent\//);
      const sent = auditor.getByTestId('sent-detail');
      await sent.waitFor();
      expect(await sent.innerText()).toContain(reference);

      // An auditor alone does not work cases: the case is named by its reference, with no link to a screen they cannot open.
      await auditor.goto(`${trail}?type=CASE_CREATED&actor=kim.analyst`);
      await signInAgainIfAsked(auditor, lang);
      const named = entries.locator('.audit-entry[data-type="CASE_CREATED"]', { hasText: reference });
      await named.waitFor();
      expect(await named.locator('[data-link="case"]').count()).toBe(0);

      // A supervisor who also works cases reads the case by reference and title, and opens its page.
      const supervisor = await signedIn('yoon.supervisor', lang);
      // The page's names arrive in a second request; held back here as a loaded node would, the title
      // must still appear once they come (CI once read the entry before they had).
      await supervisor.route('**/graphql', async (route) => {
        if ((route.request().postData() ?? '').includes('query AuditNames')) await sleep(800);
        await route.continue();
      });
      await supervisor.goto(`${trail}?type=CASE_CREATED&actor=kim.analyst`);
      await signInAgainIfAsked(supervisor, lang, 'yoon.supervisor');
      const created = supervisor
        .getByTestId('audit-entries')
        .locator('.audit-entry[data-type="CASE_CREATED"]', { hasText: reference });
      await created.waitFor();
      const link = created.locator(`[data-case="${caseId}"] a[data-link="case"]`);
      await link.waitFor();
      expect(await link.innerText()).toBe(reference);
      await created.locator('.muted', { hasText: String(caseInput().title) }).waitFor();
      expect(await created.innerText()).toContain(String(caseInput().title));
      await checkScreen(supervisor, `audit-${lang}-04-case`);
      await link.click();
      await supervisor.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
      expect(supervisor.url()).toContain(`#/cases/${caseId}`);
    });

    /** A reload drops the token (it lives in memory only), so the officer signs in again; the hash route stays. */
    async function signInAgainIfAsked(page: Page, language: 'en' | 'ko', username = 'han.auditor') {
      const { t: tt } = ui(language);
      const login = page.getByRole('button', { name: tt('login.submit') });
      await page.waitForTimeout(200);
      if (await login.count()) {
        await page.getByLabel(tt('login.username')).fill(username);
        await page.getByLabel(tt('login.password')).fill(password(username));
        await login.click();
      }
    }
  });

  it('no page had a script error or a Content-Security-Policy violation', () => {
    expect(problems.flat()).toEqual([]);
  });
});
