import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { FederationHarness } from '../federation/support/federation-harness.js';
import {
  checkScreen,
  LANGS,
  launchChromium,
  officerPage,
  refreshUntil,
  screenshot,
  signIn,
  ui,
  until,
} from './support/console-browser.js';

const REQUEST_SHARE =
  'mutation ($c: ID!, $p: [String!]!) { requestShare(caseId: $c, partnerIds: $p, purpose: INVESTIGATION) { id status } }';
const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id) { packetId status } }';
const password = (username: string) => `${username}-password-1`;

/**
 * The console in Debian's Chromium against two real node processes (kr-knpa, kh-cnp) over mutual
 * TLS: a share from request to approval to the partner's inbound view, a rejection worked from the
 * keyboard, and a live alert that links to the packet behind it, each in English and in Korean.
 * Every screen is checked at 1024 and 768 px and kept as a screenshot in test/artifacts/.
 */
const cnp = 'Cambodian National Police';

describe('the liaison console: sharing a case', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp']);
  const tokens: Record<string, string> = {};
  let browser: Browser;
  const problems: string[][] = [];

  async function page(name: string): Promise<Page> {
    const opened = await officerPage(browser, name);
    problems.push(opened.problems);
    return opened.page;
  }

  async function createCase(ref: string, identifiers?: { type: string; value: string }[]): Promise<string> {
    const input = {
      ...caseInput({ offenceCategories: ['ONLINE_SCAM'] }),
      reference: ref,
      ...(identifiers ? { identifiers, requests: [] } : {}),
    };
    const created = await federation.graphql<{ createCase: { id: string } }>(
      'kr-knpa',
      CREATE_CASE,
      { input },
      tokens.analyst,
    );
    if (!created.data) throw new Error(JSON.stringify(created.errors));
    return created.data.createCase.id;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    await federation.prepare();
    await federation.startAll();
    tokens.analyst = await federation.token('kr-knpa', 'kim.analyst', [Role.ANALYST]);
    tokens.officer = await federation.token('kr-knpa', 'park.liaison', [Role.LIAISON_OFFICER]);
    tokens.partner = await federation.token('kh-cnp', 'sok.analyst', [Role.ANALYST]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await federation.stopAll();
  });

  describe.each(LANGS)('in %s', (lang) => {
    const { t, code } = ui(lang);
    let analyst: Page;
    let officer: Page;
    let partner: Page;
    const reference = `KNPA-2026-UI-${lang.toUpperCase()}-${Date.now() % 100_000}`;

    beforeAll(async () => {
      analyst = await page(`analyst-${lang}`);
      officer = await page(`officer-${lang}`);
      partner = await page(`partner-${lang}`);
      await signIn(analyst, federation.apiUrl('kr-knpa'), 'kim.analyst', password('kim.analyst'), lang);
      await signIn(officer, federation.apiUrl('kr-knpa'), 'park.liaison', password('park.liaison'), lang);
      await signIn(partner, federation.apiUrl('kh-cnp'), 'sok.analyst', password('sok.analyst'), lang);
    });

    it('an analyst shares a case; another officer approves it beside the redacted preview, each change with its rule; kh-cnp reads it with its provenance', async () => {
      // The header names the officer once, with the roles beside the name.
      expect(await analyst.getByTestId('signed-in').innerText()).toMatch(
        new RegExp(`kim\\.analyst\\s*${code('ANALYST')}`),
      );
      await analyst.getByRole('link', { name: t('cases.new') }).click();
      await analyst.getByLabel(t('case.reference')).fill(reference);
      await analyst
        .getByLabel(t('case.title'))
        .fill('Romance-scam call centre paying out through Telegram-run wallets');
      await analyst
        .getByLabel(t('case.summary'))
        .fill('Compound in Sihanoukville; victims in Korea paid into wallets controlled by the syndicate.');
      await analyst.getByLabel(code('ONLINE_SCAM')).check();
      await analyst.getByRole('button', { name: t('case.addSubject') }).click();
      await analyst.getByLabel(t('case.names')).fill('KIM Min-jun');
      await analyst.getByLabel(t('case.dateOfBirth')).fill('1988-04-17');
      await analyst.getByLabel(t('case.nationality')).fill('KR');
      await analyst.getByLabel(t('case.documentNumber')).fill('M12345678');
      await analyst.getByLabel(t('case.documentCountry')).fill('KR');
      await analyst.getByLabel(t('case.identifierValue', { n: 1 })).fill('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq');
      await analyst.getByRole('button', { name: t('case.addIdentifier') }).click();
      await analyst.getByLabel(t('case.identifierType', { n: 2 })).selectOption('TELEGRAM');
      await analyst.getByLabel(t('case.identifierValue', { n: 2 })).fill('@scam_boss_kh');
      await checkScreen(analyst, `share-${lang}-01-case-form`);
      await analyst.getByRole('button', { name: t('case.create') }).click();
      await analyst.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();

      // Evidence goes up through the upload route, streamed and hashed by the node.
      await analyst.getByLabel(t('attachments.file')).setInputFiles({
        name: 'wallet-trace.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('tx,from,to\nf4184fc5,bc1qar0s,1BvBMSEY\n'),
      });
      await analyst.getByRole('button', { name: t('attachments.upload') }).click();
      await analyst.locator('.doc-attachments').getByText('wallet-trace.csv').waitFor();

      // … and asks to share it with the Cambodian National Police, named by agency with the id beside it.
      await analyst.getByRole('checkbox', { name: new RegExp(`${cnp}.*kh-cnp`) }).check();
      await analyst.getByLabel(t('share.note')).fill('JTF operation Sea Lantern');
      await analyst.getByRole('button', { name: t('share.request') }).click();
      await analyst.getByText(`${cnp} (kh-cnp): ${code('PENDING_APPROVAL')}`).waitFor();
      await checkScreen(analyst, `share-${lang}-02-case-read`);

      // A different officer sees the exact preview beside the original, every removal with its rule.
      await officer.getByRole('link', { name: t('nav.approvals') }).click();
      await officer.locator('.queue-list a', { hasText: reference }).click();
      await officer
        .getByRole('heading', {
          level: 2,
          name: t('approvals.shareOf', { ref: reference, partner: `${cnp} (kh-cnp)` }),
        })
        .waitFor();
      const removed = officer.getByTestId('removed-fields');
      const documentsRule =
        lang === 'ko' ? '신분 증명서 자료는 허용되지 않습니다' : 'data category identity documents not allowed';
      const yearRule =
        lang === 'ko' ? '대상자 · 생년월일에 "연도만" 변환 적용' : 'transform year only on Subject · date of birth';
      expect(await removed.locator('tr[data-path="subjects[0].documents"]').innerText()).toContain(documentsRule);
      expect(await removed.locator('tr[data-path="subjects[0].dateOfBirth"]').innerText()).toContain(yearRule);
      const original = officer.locator('.side-original');
      expect(await original.locator('[data-path="subjects[0].documents"] .rule').innerText()).toContain(documentsRule);
      expect(
        await original.locator('.removed[data-path="subjects[0].documents[0].number"] .doc-value').innerText(),
      ).toBe('M12345678');
      expect(await original.locator('.changed[data-path="subjects[0].dateOfBirth"] .doc-value').innerText()).toBe(
        '1988-04-17',
      );
      const preview = officer.locator('.side-preview');
      expect(await preview.locator('[data-path="subjects[0].dateOfBirth"] .doc-value').innerText()).toBe('1988');
      expect(await preview.innerText()).not.toContain('M12345678');
      // Identifier types by name, in the same order on both sides.
      expect(await preview.locator('.doc-identifiers .identifier-type').allInnerTexts()).toEqual([
        code('WALLET_BTC'),
        code('TELEGRAM'),
      ]);
      await checkScreen(officer, `share-${lang}-03-approval`);

      await officer.getByLabel(t('approvals.comment')).fill('OK for the JTF, investigative use only');
      await officer.getByRole('button', { name: t('approvals.approve') }).click();
      await officer.getByText(t('approvals.approvedMsg', { ref: reference, partner: `${cnp} (kh-cnp)` })).waitFor();

      // kh-cnp's analyst finds it in the inbound view once real delivery over mutual TLS is done.
      await partner.getByRole('link', { name: t('nav.inbound') }).click();
      const row = partner.getByTestId('inbound-packets').getByRole('row').filter({ hasText: reference });
      await refreshUntil(partner, async () => (await row.count()) > 0, 60_000, t('common.refresh'));
      expect(await row.innerText()).toContain(`✔ ${t('inbound.verified')}`);
      expect(await row.innerText()).toContain('Korean National Police Agency');
      await row.getByRole('link', { name: reference }).click();
      const detail = partner.getByTestId('inbound-detail');
      await detail.waitFor();
      const text = await detail.innerText();
      expect(text).toContain('kr-knpa/kh-cnp/v1');
      expect(text).toContain('KIM Min-jun');
      expect(text).toContain(code('WALLET_BTC'));
      expect(text).not.toContain('M12345678');
      expect(text).toContain('wallet-trace.csv');
      expect(text).not.toMatch(/targetIdentifierId|WALLET_BTC|offenceCategories/);
      await checkScreen(partner, `share-${lang}-04-inbound`);

      // Back home, the analyst's thread shows the share delivered, with who approved it.
      const thread = analyst.getByTestId('case-thread');
      await refreshUntil(
        analyst,
        async () => (await thread.innerText()).includes(code('DELIVERED')),
        30_000,
        t('common.refresh'),
      );
      expect(await thread.innerText()).toContain('park.liaison');
      await screenshot(analyst, `share-${lang}-05-delivered`);
    });

    it('an officer rejects a share with a reason, working the queue from the keyboard, and the analyst sees the reason', async () => {
      const rejectedRef = `KNPA-2026-REJ-${lang}-${Date.now() % 100_000}`;
      const otherRef = `KNPA-2026-OTH-${lang}-${Date.now() % 100_000}`;
      const rejected = await createCase(rejectedRef);
      const other = await createCase(otherRef);
      await federation.graphql('kr-knpa', REQUEST_SHARE, { c: other, p: ['kh-cnp'] }, tokens.analyst);
      await federation.graphql('kr-knpa', REQUEST_SHARE, { c: rejected, p: ['kh-cnp'] }, tokens.analyst);

      await officer.getByRole('link', { name: t('nav.outbound') }).click();
      await officer.getByRole('link', { name: t('nav.approvals') }).click();
      const queue = officer.locator('.queue-list a');
      await queue.nth(1).waitFor();
      // Arrow keys move the selection through the queue; the detail follows.
      await queue.nth(0).focus();
      await officer.keyboard.press('ArrowDown');
      await until(
        officer,
        "document.activeElement === document.querySelectorAll('.queue-list a')[1] && document.activeElement.getAttribute('aria-current') === 'true'",
      );
      await officer.keyboard.press('Home');
      await until(officer, "document.querySelectorAll('.queue-list a')[0].getAttribute('aria-current') === 'true'");
      await officer.locator('.queue-list a', { hasText: rejectedRef }).click();
      await officer.getByRole('heading', { level: 2, name: new RegExp(rejectedRef) }).waitFor();

      // Rejecting needs a reason: the console says so and puts the cursor where it goes.
      await officer.getByRole('button', { name: t('approvals.reject') }).click();
      await officer
        .getByRole('alert')
        .filter({ hasText: t('approvals.reasonRequired') })
        .waitFor();
      expect(await officer.evaluate('document.activeElement && document.activeElement.id')).toBe('decision-comment');
      await officer.keyboard.type('Source protection: the informant would be exposed');
      await screenshot(officer, `share-${lang}-06-rejecting`);
      await officer.getByRole('button', { name: t('approvals.reject') }).click();
      await officer.getByText(new RegExp(rejectedRef)).first().waitFor();

      await analyst.goto(`${federation.apiUrl('kr-knpa')}/console/#/cases/${rejected}`);
      const thread = analyst.getByTestId('case-thread');
      await refreshUntil(
        analyst,
        async () => (await thread.innerText()).includes(code('REJECTED')),
        15_000,
        t('common.refresh'),
      );
      expect(await thread.innerText()).toContain('park.liaison');
      expect(await thread.innerText()).toContain('Source protection: the informant would be exposed');
      await checkScreen(analyst, `share-${lang}-07-rejected`);
    });

    it('an alert raised on kh-cnp appears live, without a reload, and links to the packet that raised it', async () => {
      const wallet =
        lang === 'ko' ? '0x52908400098527886e0f7030069857d2e4169ee7' : '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
      const local = await federation.graphql(
        'kh-cnp',
        CREATE_CASE,
        {
          input: {
            ...caseInput({ offenceCategories: ['ONLINE_SCAM'] }),
            reference: `CNP-2026-${lang}-${Date.now() % 100000}`,
            identifiers: [{ type: 'WALLET_EVM', value: wallet }],
            requests: [],
          },
        },
        tokens.partner,
      );
      expect(local.errors).toBeUndefined();
      await partner.getByRole('link', { name: t('nav.alerts') }).click();
      await partner.getByRole('heading', { level: 1, name: t('alerts.title') }).waitFor();
      await partner.evaluate('window.sameDocument = true');

      // kr-knpa shares a case naming the same wallet (through the API this time).
      const caseId = await createCase(`KNPA-2026-ALR-${lang}-${Date.now() % 100_000}`, [
        { type: 'WALLET_EVM', value: wallet },
      ]);
      const requested = await federation.graphql<{ requestShare: { id: string }[] }>(
        'kr-knpa',
        REQUEST_SHARE,
        { c: caseId, p: ['kh-cnp'] },
        tokens.analyst,
      );
      const approved = await federation.graphql(
        'kr-knpa',
        APPROVE,
        { id: requested.data!.requestShare[0].id },
        tokens.officer,
      );
      expect(approved.errors).toBeUndefined();

      const alertRow = partner.getByTestId('alerts').getByRole('row').filter({ hasText: wallet });
      await alertRow.waitFor({ timeout: 60_000 });
      expect(await alertRow.innerText()).toContain(t('alerts.live'));
      expect(await alertRow.innerText()).toContain(code('PARTNER_DATA_MATCHES_LOCAL_CASE'));
      expect((await partner.getByTestId('announcer').innerText()).toLowerCase()).toContain(
        t('alerts.new', { value: wallet }).toLowerCase(),
      );
      expect(await partner.evaluate('window.sameDocument')).toBe(true);
      await checkScreen(partner, `alert-${lang}-01-live`);

      // The alert names the packet that raised it; the link opens it in Inbound.
      await alertRow.getByTestId('alert-source').click();
      await partner.getByTestId('inbound-detail').waitFor();
      expect((await partner.getByTestId('inbound-detail').innerText()).toLowerCase()).toContain(wallet);
      await screenshot(partner, `alert-${lang}-02-packet`);

      if (lang === 'en') {
        // Khmer covers the main screens; the language switches at once, without a reload.
        await partner.getByLabel(t('app.language')).selectOption('km');
        await until(partner, "document.documentElement.lang === 'km'");
        await partner.getByRole('navigation').getByText('ការព្រមាន').waitFor();
        await checkScreen(partner, 'alert-km-inbound', { tablet: false });
        await partner.getByLabel('ភាសា').selectOption('en');
      }
    });
  });

  it('no page had a script error or a Content-Security-Policy violation', () => {
    expect(problems.flat()).toEqual([]);
  });
});
