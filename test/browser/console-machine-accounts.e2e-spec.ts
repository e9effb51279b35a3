import forge from 'node-forge';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { FederationHarness } from '../federation/support/federation-harness.js';
import { screeningCallStatus } from '../federation/support/exchange-steps.js';
import { checkScreen, LANGS, launchChromium, officerPage, signIn, ui } from './support/console-browser.js';

const KNPA = 'kr-knpa';
const HANBIT = 'kr-exchange-hanbit';
const password = (username: string) => `${username}-password-1`;

/** A system's own client certificate (self-signed, as a bank's or exchange's PKI would issue one). */
function clientCertificate(commonName: string): { pem: string; key: string } {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  cert.setIssuer(cert.subject.attributes);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { pem: forge.pki.certificateToPem(cert), key: forge.pki.privateKeyToPem(keys.privateKey) };
}

/**
 * An exchange's machine accounts in the console, against Hanbit (an exchange) and kr-knpa (an agency)
 * as real node processes: Hanbit's administrator registers a screening system by pasting its client
 * certificate, the system then screens over mutual TLS, the administrator disables it and the system
 * is refused; an auditor reads both changes in the audit trail. An agency has no such screen.
 */
describe('the console: an exchange’s screening systems (machine accounts)', () => {
  const federation = new FederationHarness([KNPA, HANBIT]);
  let browser: Browser;
  const problems: string[][] = [];

  async function signedIn(node: string, username: string, lang: 'en' | 'ko'): Promise<Page> {
    const opened = await officerPage(browser, `${node}-${username}-${lang}`);
    problems.push(opened.problems);
    await signIn(opened.page, federation.apiUrl(node), username, password(username), lang);
    return opened.page;
  }

  /** One screening call on Hanbit's mutual-TLS port with the system's certificate: the HTTP status. */
  const screenWith = (certificate: { pem: string; key: string }) =>
    screeningCallStatus(federation.slot(HANBIT).screeningTlsPort, certificate);

  beforeAll(async () => {
    browser = await launchChromium();
    await federation.prepare();
    await federation.startAll();
    await federation.token(HANBIT, 'hanbit.admin', [Role.ADMIN]);
    await federation.token(HANBIT, 'hanbit.auditor', [Role.AUDITOR]);
    await federation.token(KNPA, 'lee.admin', [Role.ADMIN]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await federation.stopAll();
  });

  describe.each(LANGS)('in %s', (lang) => {
    const { t, code } = ui(lang);
    const systemId = `deposit-monitor-${lang}`;
    const certificate = clientCertificate(`hanbit-${systemId}`);
    let admin: Page;

    beforeAll(async () => {
      admin = await signedIn(HANBIT, 'hanbit.admin', lang);
      await admin.getByRole('link', { name: t('nav.admin') }).click();
      await admin.getByRole('link', { name: t('admin.screeningSystems') }).click();
      await admin.getByRole('heading', { level: 1, name: t('admin.screeningSystems') }).waitFor();
    });

    it('an administrator registers a system by pasting its client certificate; the node’s refusals are in the officer’s language', async () => {
      const form = admin.locator('form', { hasText: t('screeningSystems.register') });
      await form.getByLabel(t('screeningSystems.systemId')).fill(systemId);
      await form.getByLabel(t('screeningSystems.description')).fill('Deposit monitoring (hot wallets)');
      // Not a certificate: the node refuses the field, the form says so in the officer's language.
      await form.getByLabel(t('screeningSystems.certificatePem')).fill('-----BEGIN CERTIFICATE-----\nnot one\n');
      await form.getByRole('button', { name: t('screeningSystems.registerButton') }).click();
      await form.getByTestId('registration-error').getByText(t('screeningSystems.invalid.certificatePem')).waitFor();

      await form.getByLabel(t('screeningSystems.certificatePem')).fill(certificate.pem);
      await form.getByRole('button', { name: t('screeningSystems.registerButton') }).click();
      await admin.getByText(t('screeningSystems.registeredMsg', { system: systemId })).waitFor();
      const row = admin.locator(`tr[data-system="${systemId}"]`);
      await row.getByText(t('admin.active'), { exact: true }).waitFor();
      const fingerprint = forge.md.sha256
        .create()
        .update(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(certificate.pem))).getBytes())
        .digest()
        .toHex();
      expect(await row.locator('code.short-id').getAttribute('title')).toBe(fingerprint);
      expect(await row.innerText()).toContain('Deposit monitoring (hot wallets)');
      expect(await screenWith(certificate)).toBe(200);

      // The same certificate for a second system: refused with the node's code, worded in the officer's language.
      await form.getByLabel(t('screeningSystems.systemId')).fill(`${systemId}-copy`);
      await form.getByLabel(t('screeningSystems.certificatePem')).fill(certificate.pem);
      await form.getByRole('button', { name: t('screeningSystems.registerButton') }).click();
      await form.getByRole('alert').getByText(t('error.CERTIFICATE_IN_USE')).waitFor();
      await checkScreen(admin, `machine-accounts-${lang}-01-registered`);
    });

    it('an administrator disables the system after confirming, and its certificate is refused', async () => {
      const row = admin.locator(`tr[data-system="${systemId}"]`);
      await row.getByRole('button', { name: t('screeningSystems.disable', { system: systemId }) }).click();
      await row.getByText(t('screeningSystems.confirmDisable', { system: systemId })).waitFor();
      await checkScreen(admin, `machine-accounts-${lang}-02-confirm`);
      await row.getByRole('button', { name: t('screeningSystems.disableNow') }).click();
      await admin.getByText(t('screeningSystems.disabledMsg', { system: systemId })).waitFor();
      await row.locator('.badge-rejected', { hasText: t('admin.disabled') }).waitFor();
      expect(await row.getByRole('button').count()).toBe(0);
      expect(await screenWith(certificate)).toBe(401);
      await checkScreen(admin, `machine-accounts-${lang}-03-disabled`);
    });

    it('an auditor reads both changes in the audit trail', async () => {
      const auditor = await signedIn(HANBIT, 'hanbit.auditor', lang);
      await auditor.goto(
        `${federation.apiUrl(HANBIT)}/console/#/audit?subjectType=SCREENING_SYSTEM&subjectId=${systemId}`,
      );
      const entries = auditor.getByTestId('audit-entries');
      const changes = entries.locator('.audit-entry[data-type="SCREENING_SYSTEM_CHANGED"]');
      await changes.nth(1).waitFor();
      const texts = await changes.allInnerTexts();
      expect(texts).toHaveLength(2);
      for (const text of texts) {
        expect(text).toContain(code('SCREENING_SYSTEM_CHANGED'));
        expect(text).toContain('hanbit.admin');
      }
      expect(texts.join('\n')).toMatch(/DISABLE[\s\S]*REGISTER_CERTIFICATE/);
      await checkScreen(auditor, `machine-accounts-${lang}-04-audit`);
    });

    it('an agency’s administration has no screening systems', async () => {
      const agencyAdmin = await signedIn(KNPA, 'lee.admin', lang);
      await agencyAdmin.getByRole('link', { name: t('nav.admin') }).click();
      // Even asked for by its address, the screen gives way to the node's own page once the node says it is an agency.
      await agencyAdmin.evaluate("location.hash = '#/admin/screening-systems'");
      await agencyAdmin.getByRole('heading', { level: 1, name: t('admin.title') }).waitFor();
      expect(await agencyAdmin.getByRole('link', { name: t('admin.screeningSystems') }).count()).toBe(0);
      expect(await agencyAdmin.getByRole('link', { name: t('admin.taxii') }).count()).toBe(1);
    });
  });

  it('no page had a script error or a Content-Security-Policy violation', () => {
    expect(problems.flat()).toEqual([]);
  });
});
