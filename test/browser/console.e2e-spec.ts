import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/auth/role.enum.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { FederationHarness } from '../federation/support/federation-harness.js';
import { launchChromium, officerPage, screenshot, signIn } from './support/console-browser.js';

const REQUEST_SHARE = 'mutation ($c: ID!, $p: [String!]!) { requestShare(caseId: $c, partnerIds: $p, purpose: INVESTIGATION) { id status } }';
const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id) { packetId status } }';
const password = (username: string) => `${username}-password-1`;

/**
 * The console in Debian's Chromium against two real node processes (kr-knpa, kh-cnp) over mutual
 * TLS: what officers do by hand, end to end, with a screenshot of each step in test/artifacts/.
 */
describe('the liaison console in a browser', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp']);
  const tokens: Record<string, string> = {};
  let browser: Browser;
  let analyst: Page;
  let officer: Page;
  let partner: Page;
  const problems: string[][] = [];
  const reference = `KNPA-2026-UI-${Date.now() % 1_000_000}`;

  beforeAll(async () => {
    browser = await launchChromium();
    await federation.prepare();
    await federation.startAll();
    tokens.analyst = await federation.token('kr-knpa', 'kim.analyst', [Role.ANALYST]);
    tokens.officer = await federation.token('kr-knpa', 'park.liaison', [Role.LIAISON_OFFICER]);
    tokens.partner = await federation.token('kh-cnp', 'sok.analyst', [Role.ANALYST]);
    for (const [name, assign] of [
      ['analyst', (p: Page) => (analyst = p)],
      ['officer', (p: Page) => (officer = p)],
      ['partner', (p: Page) => (partner = p)],
    ] as const) {
      const opened = await officerPage(browser, name);
      assign(opened.page);
      problems.push(opened.problems);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await federation.stopAll();
  });

  it('an analyst on kr-knpa requests a share, a different officer approves it beside the redacted preview, and kh-cnp sees the case with its provenance', async () => {
    // The analyst writes the case in the console.
    await signIn(analyst, federation.apiUrl('kr-knpa'), 'kim.analyst', password('kim.analyst'));
    await screenshot(analyst, 'analyst-signed-in');
    await analyst.getByRole('link', { name: 'New case' }).click();
    await analyst.getByLabel('Reference').fill(reference);
    await analyst.getByLabel('Title').fill('Romance-scam call centre paying out through Telegram-run wallets');
    await analyst.getByLabel('Summary').fill('Compound in Sihanoukville; victims in Korea paid into wallets controlled by the syndicate.');
    await analyst.getByLabel('online scam').check();
    await analyst.getByRole('button', { name: 'Add a subject' }).click();
    await analyst.getByLabel('Names (comma-separated)').fill('KIM Min-jun');
    await analyst.getByLabel('Date of birth').fill('1988-04-17');
    await analyst.getByLabel('Nationality (ISO code)').fill('KR');
    await analyst.getByLabel('Passport number').fill('M12345678');
    await analyst.getByLabel('Issuing country (ISO code)').fill('KR');
    await analyst.getByLabel('Value of identifier 1').fill('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
    await analyst.getByRole('button', { name: 'Add an identifier' }).click();
    await analyst.getByLabel('Type of identifier 2').selectOption('TELEGRAM');
    await analyst.getByLabel('Value of identifier 2').fill('@scam_boss_kh');
    await screenshot(analyst, 'analyst-case-form');
    await analyst.getByRole('button', { name: 'Create case' }).click();
    await analyst.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();

    // Evidence goes up through the upload route, streamed and hashed by the node.
    await analyst.getByLabel('Evidence file').setInputFiles({ name: 'wallet-trace.csv', mimeType: 'text/csv', buffer: Buffer.from('tx,from,to\nf4184fc5,bc1qar0s,1BvBMSEY\n') });
    await analyst.getByRole('button', { name: 'Attach' }).click();
    await analyst.getByText(/wallet-trace\.csv attached \(sha256 [0-9a-f]{12}…\)/).waitFor();
    await analyst.getByText('wallet-trace.csv (text/csv').waitFor();

    // … and asks to share it with the Cambodian National Police.
    await analyst.getByRole('checkbox', { name: 'kh-cnp' }).check();
    await analyst.getByLabel('Note for the liaison officer').fill('JTF operation Sea Lantern');
    await analyst.getByRole('button', { name: 'Request share' }).click();
    await analyst.getByText('kh-cnp: pending approval').waitFor();
    await screenshot(analyst, 'analyst-share-requested');

    // A different officer sees the exact preview beside the original, every removal with its rule.
    await signIn(officer, federation.apiUrl('kr-knpa'), 'park.liaison', password('park.liaison'));
    await officer.getByRole('link', { name: 'Approval queue' }).click();
    await officer.getByRole('heading', { level: 2, name: `${reference} to kh-cnp` }).waitFor();
    const removed = officer.getByTestId('removed-fields');
    await expectText(removed, 'subjects[0].documents');
    await expectText(removed, 'data category IDENTITY_DOCUMENTS not allowed');
    await expectText(removed, 'transform GENERALISE_YEAR on subjects[].dateOfBirth');
    const original = officer.locator('.side-original');
    expect(await original.locator('li.removed[data-path="subjects[0].documents"] .rule').innerText()).toContain('IDENTITY_DOCUMENTS');
    expect(await original.locator('li.removed[data-path="subjects[0].documents[0].number"] .value').innerText()).toBe('M12345678');
    expect(await original.locator('li.changed[data-path="subjects[0].dateOfBirth"] .value').innerText()).toBe('1988-04-17');
    const preview = officer.locator('.side-preview');
    expect(await preview.locator('li[data-path="subjects[0].dateOfBirth"] .value').innerText()).toBe('1988');
    expect(await preview.locator('li[data-path^="subjects[0].documents"]').count()).toBe(0);
    expect(await preview.innerText()).not.toContain('M12345678');
    await screenshot(officer, 'officer-approval-queue');

    await officer.getByLabel('Comment (required to reject)').fill('OK for the JTF, investigative use only');
    await officer.getByRole('button', { name: 'Approve and seal' }).click();
    await officer.getByText(`Approved: ${reference} is sealed for kh-cnp`).waitFor();
    await screenshot(officer, 'officer-approved');

    // kh-cnp's analyst finds it in the inbound view once real delivery over mutual TLS is done.
    await signIn(partner, federation.apiUrl('kh-cnp'), 'sok.analyst', password('sok.analyst'));
    await partner.getByRole('link', { name: 'Inbound' }).click();
    const row = partner.getByTestId('inbound-packets').getByRole('row').filter({ hasText: reference });
    await refreshUntil(partner, async () => (await row.count()) > 0, 60_000);
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells).toEqual(expect.arrayContaining(['case', reference, 'kr-knpa', '✔ verified', 'kr-knpa/kh-cnp/v1']));
    await row.getByRole('link', { name: reference }).click();
    const detail = partner.getByTestId('inbound-detail');
    await detail.waitFor();
    const text = await detail.innerText();
    expect(text).toContain('Signature');
    expect(text).toContain('verified');
    expect(text).toContain('kr-knpa/kh-cnp/v1');
    expect(text).toContain('KIM Min-jun');
    expect(text).not.toContain('M12345678');
    expect(text).toContain('wallet-trace.csv');
    await screenshot(partner, 'partner-inbound');

    // Back home, the analyst sees the share delivered.
    await analyst.getByRole('button', { name: 'Refresh' }).click();
    await refreshUntil(analyst, async () => (await analyst.getByTestId('case-shares').innerText()).includes('delivered'), 30_000, 'Refresh');
    expect(await analyst.getByTestId('case-shares').innerText()).toContain('park.liaison');
  });

  it('an officer rejects a share with a reason, working the queue from the keyboard, and the analyst sees the reason', async () => {
    const rejectedRef = `KNPA-2026-REJ-${Date.now() % 1_000_000}`;
    const otherRef = `KNPA-2026-OTH-${Date.now() % 1_000_000}`;
    const rejected = await createCase(rejectedRef);
    const other = await createCase(otherRef);
    await federation.graphql('kr-knpa', REQUEST_SHARE, { c: other, p: ['kh-cnp'] }, tokens.analyst);

    await analyst.getByRole('link', { name: 'Cases' }).click();
    await analyst.getByRole('link', { name: rejectedRef }).click();
    await analyst.getByRole('checkbox', { name: 'kh-cnp' }).check();
    await analyst.getByRole('button', { name: 'Request share' }).click();
    await analyst.getByText('kh-cnp: pending approval').waitFor();

    await officer.getByRole('link', { name: 'Outbound' }).click();
    await officer.getByRole('link', { name: 'Approval queue' }).click();
    const queue = officer.locator('.queue-list a');
    await queue.nth(1).waitFor();
    expect(await queue.count()).toBe(2);
    // Arrow keys move the selection through the queue; the detail follows.
    await queue.nth(0).focus();
    const firstRef = (await queue.nth(0).innerText()).split(' ')[0];
    await officer.keyboard.press('ArrowDown');
    await until(officer, "document.activeElement === document.querySelectorAll('.queue-list a')[1] && document.activeElement.getAttribute('aria-current') === 'true'");
    await officer.keyboard.press('ArrowUp');
    await officer.getByRole('heading', { level: 2, name: `${firstRef} to kh-cnp` }).waitFor();
    await officer.locator('.queue-list a', { hasText: rejectedRef }).click();
    await officer.getByRole('heading', { level: 2, name: `${rejectedRef} to kh-cnp` }).waitFor();

    // Rejecting needs a reason: the console says so and puts the cursor where it goes.
    await officer.getByRole('button', { name: 'Reject' }).click();
    await officer.getByRole('alert').filter({ hasText: 'Give the reason for the rejection.' }).waitFor();
    expect(await officer.evaluate('document.activeElement && document.activeElement.id')).toBe('decision-comment');
    await officer.keyboard.type('Source protection: the informant would be exposed');
    await screenshot(officer, 'officer-rejecting');
    await officer.getByRole('button', { name: 'Reject' }).click();
    await officer.getByText(`Rejected: ${rejectedRef} will not go to kh-cnp.`).waitFor();

    await analyst.getByRole('button', { name: 'Refresh' }).click();
    const shares = analyst.getByTestId('case-shares');
    await refreshUntil(analyst, async () => (await shares.innerText()).includes('rejected'), 15_000, 'Refresh');
    const row = await shares.getByRole('row').filter({ hasText: 'kh-cnp' }).innerText();
    expect(row).toContain('park.liaison');
    expect(row).toContain('Source protection: the informant would be exposed');
    await screenshot(analyst, 'analyst-sees-rejection');
    expect(rejected).not.toBe(other);
  });

  it('an alert raised on kh-cnp appears in its console live, without a reload, and can be switched to Korean', async () => {
    const wallet = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
    const local = await federation.graphql('kh-cnp', CREATE_CASE, {
      input: { ...caseInput({ offenceCategories: ['ONLINE_SCAM'] }), reference: `CNP-2026-${Date.now() % 100000}`, identifiers: [{ type: 'WALLET_EVM', value: wallet }], requests: [] },
    }, tokens.partner);
    expect(local.errors).toBeUndefined();
    await partner.getByRole('link', { name: 'Alerts' }).click();
    await partner.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await partner.evaluate('window.sameDocument = true');
    await screenshot(partner, 'partner-alerts-before');

    // kr-knpa shares a case naming the same wallet (through the API this time).
    const caseId = await createCase(`KNPA-2026-ALR-${Date.now() % 1_000_000}`, [{ type: 'WALLET_EVM', value: wallet }]);
    const requested = await federation.graphql<{ requestShare: { id: string }[] }>('kr-knpa', REQUEST_SHARE, { c: caseId, p: ['kh-cnp'] }, tokens.analyst);
    const approved = await federation.graphql('kr-knpa', APPROVE, { id: requested.data!.requestShare[0].id }, tokens.officer);
    expect(approved.errors).toBeUndefined();

    const alertRow = partner.getByTestId('alerts').getByRole('row').filter({ hasText: wallet });
    await alertRow.waitFor({ timeout: 60_000 });
    expect(await alertRow.innerText()).toContain('new');
    expect(await alertRow.innerText()).toContain('partner data matches our case');
    expect((await partner.getByTestId('announcer').innerText()).toLowerCase()).toContain(`new alert: ${wallet}`);
    expect(await partner.evaluate('window.sameDocument')).toBe(true);
    await screenshot(partner, 'partner-live-alert');

    await partner.getByLabel('Language').selectOption('ko');
    await partner.getByRole('heading', { level: 1, name: '경보' }).waitFor();
    expect(await partner.evaluate('document.documentElement.lang')).toBe('ko');
    expect(await partner.getByRole('navigation').innerText()).toContain('수신');
    await screenshot(partner, 'partner-alerts-korean');
    await partner.getByLabel('언어').selectOption('km');
    await until(partner, "document.documentElement.lang === 'km'");
    await partner.getByRole('navigation').getByText('ការព្រមាន').waitFor();
    await partner.getByLabel('ភាសា').selectOption('en');
  });

  it('an administrator sees the peers with sync lag and backlog; an auditor filters the audit trail and verifies the chain', async () => {
    await federation.token('kr-knpa', 'lee.admin', [Role.ADMIN]);
    await federation.token('kr-knpa', 'han.auditor', [Role.AUDITOR]);
    const admin = await officerPage(browser, 'admin');
    problems.push(admin.problems);
    await signIn(admin.page, federation.apiUrl('kr-knpa'), 'lee.admin', password('lee.admin'));
    await admin.page.getByRole('link', { name: 'Node and peers' }).click();
    const peer = admin.page.getByTestId('peers').getByRole('row').filter({ hasText: 'kh-cnp' });
    await peer.waitFor();
    expect(await peer.innerText()).toMatch(/\d+ s ago|never/);
    expect(await admin.page.locator('main').innerText()).toContain('kr-knpa — Korean National Police Agency');
    await screenshot(admin.page, 'admin-peers');

    const auditor = await officerPage(browser, 'auditor');
    problems.push(auditor.problems);
    await signIn(auditor.page, federation.apiUrl('kr-knpa'), 'han.auditor', password('han.auditor'));
    await auditor.page.getByRole('link', { name: 'Audit trail' }).click();
    const table = auditor.page.locator('main table');
    await table.waitFor();
    // The shares approved earlier in this file are in the trail; filter to them.
    await auditor.page.getByLabel('Action').selectOption('SHARE_APPROVED');
    await auditor.page.getByRole('button', { name: 'Filter' }).click();
    await table.getByRole('row').filter({ hasText: 'SHARE_APPROVED' }).first().waitFor();
    const kinds = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['SHARE_APPROVED']));
    await auditor.page.getByRole('button', { name: 'Verify the chain' }).click();
    await auditor.page.getByText(/The chain is intact: \d+ entries checked\./).waitFor();
    expect(await auditor.page.getByRole('alert').count()).toBe(0);
    await screenshot(auditor.page, 'auditor-audit-trail');
  });

  it('no page had a script error or a Content-Security-Policy violation', () => {
    expect(problems.flat()).toEqual([]);
  });

  async function createCase(ref: string, identifiers?: { type: string; value: string }[]): Promise<string> {
    const input = { ...caseInput({ offenceCategories: ['ONLINE_SCAM'] }), reference: ref, ...(identifiers ? { identifiers, requests: [] } : {}) };
    const created = await federation.graphql<{ createCase: { id: string } }>('kr-knpa', CREATE_CASE, { input }, tokens.analyst);
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    return created.data.createCase.id;
  }
});

async function expectText(locator: { innerText(): Promise<string> }, text: string): Promise<void> {
  expect(await locator.innerText()).toContain(text);
}

/**
 * Polls an expression in the page from here: page.waitForFunction would evaluate it with eval inside
 * the page, which the console's Content-Security-Policy (rightly) refuses.
 */
async function until(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await page.evaluate(expression)) !== true) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await page.waitForTimeout(100);
  }
}

/** Clicks the view's Refresh button until the condition holds (delivery between nodes takes a moment). */
async function refreshUntil(page: Page, condition: () => Promise<boolean>, timeoutMs: number, button = 'Refresh'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; page shows:\n${await page.locator('main').innerText()}`);
    await page.waitForTimeout(500);
    await page.getByRole('button', { name: button }).first().click();
  }
}
