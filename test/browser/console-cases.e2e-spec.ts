import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { FederationHarness } from '../federation/support/federation-harness.js';
import { checkScreen, LANGS, launchChromium, officerPage, overflows, signIn, ui } from './support/console-browser.js';

const password = (username: string) => `${username}-password-1`;
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const BAD_CHECKSUM = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr';

/**
 * Cases in the console against a real kr-knpa process: written with transactions and requests, read as
 * a document, edited; a share the policy denies, with its reasons; a refused sign-in. In English and in
 * Korean, every screen checked at 1024 and 768 px, with the node's own text in the officer's language.
 */
describe('the liaison console: cases', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp']);
  let analystToken: string;
  let browser: Browser;
  const problems: string[][] = [];

  async function page(name: string, expected?: RegExp): Promise<Page> {
    const opened = await officerPage(browser, name, expected);
    problems.push(opened.problems);
    return opened.page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    await federation.prepare();
    await federation.start('kr-knpa');
    analystToken = await federation.token('kr-knpa', 'kim.analyst', [Role.ANALYST]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await federation.stopAll();
  });

  describe.each(LANGS)('in %s', (lang) => {
    const { t, code } = ui(lang);
    let analyst: Page;
    beforeAll(async () => {
      analyst = await page(`analyst-${lang}`);
      await signIn(analyst, federation.apiUrl('kr-knpa'), 'kim.analyst', password('kim.analyst'), lang);
    });

    it('an analyst writes a case with a transaction and a freeze request, reads it as a document and edits it', async () => {
      const reference = `KNPA-2026-CASE-${lang.toUpperCase()}-${Date.now() % 100_000}`;
      await analyst.getByRole('link', { name: t('cases.new') }).click();
      await analyst.getByLabel(t('case.reference')).fill(reference);
      await analyst.getByLabel(t('case.title')).fill('USDT laundering through a Phnom Penh OTC desk');
      await analyst.getByLabel(code('MONEY_LAUNDERING')).check();

      // The node checks each identifier as it is entered, and says why in the officer's language.
      const value = analyst.getByLabel(t('case.identifierValue', { n: 1 }));
      await value.fill(BAD_CHECKSUM);
      await value.blur();
      const problem = analyst.getByTestId('identifier-problem');
      await problem.waitFor();
      expect(await problem.innerText()).toContain(lang === 'ko' ? '체크섬이 맞지 않습니다' : 'bad checksum');
      await value.fill(WALLET);
      await value.blur();
      await problem.waitFor({ state: 'detached' });

      await analyst.getByRole('button', { name: t('case.addTransaction') }).click();
      const tx = analyst.locator('fieldset.subject', { hasText: t('case.transactionN', { n: 1 }) });
      await tx.getByLabel(t('tx.chain')).fill('bitcoin');
      await tx.getByLabel(t('tx.asset')).fill('BTC');
      await tx.getByLabel(t('tx.amount')).fill('1.25');
      await tx.getByLabel(t('tx.time')).fill('2026-03-01T09:30:00Z');
      await tx.getByLabel(t('tx.from')).fill(WALLET);
      await tx.getByLabel(t('tx.to')).fill('1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2');
      await tx.getByLabel(t('tx.txHash')).fill('f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16');

      await analyst.getByRole('button', { name: t('case.addRequest') }).click();
      const request = analyst.locator('fieldset.subject', { hasText: t('case.requestN', { n: 1 }) });
      await request.getByLabel(t('case.requestKind')).selectOption('FREEZE_REQUEST');
      await request.getByLabel(t('request.target')).selectOption({ label: `${code('WALLET_BTC')} · ${WALLET}` });
      await request.getByLabel(t('request.text')).fill('Freeze the wallet at your exchanges under MLA 2026/17.');
      await checkScreen(analyst, `cases-${lang}-01-new`);
      await analyst.getByRole('button', { name: t('case.create') }).click();
      await analyst.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();

      // The read view: sections, identifier types by name and checked, the request resolved to its target.
      const doc = analyst.locator('.case-document');
      const identifiers = doc.locator('.doc-identifiers');
      await identifiers.getByText(`✓ ${t('doc.valid')}`).waitFor();
      expect(await identifiers.innerText()).toContain(code('WALLET_BTC'));
      const transaction = doc.locator('[data-path="transactions[0]"]');
      expect(await transaction.innerText()).toContain('1.25 BTC');
      expect(await transaction.locator('[data-path="transactions[0].from"]').innerText()).toContain(code('WALLET_BTC'));
      const card = doc.getByTestId('request-card');
      expect(await card.innerText()).toContain(code('FREEZE_REQUEST'));
      expect(await card.locator('[data-path="requests[0].targetIdentifierId"]').innerText()).toContain(
        `${code('WALLET_BTC')} ${WALLET}`,
      );
      expect(await doc.innerText()).not.toMatch(/targetIdentifierId|WALLET_BTC|FREEZE_REQUEST/);
      await checkScreen(analyst, `cases-${lang}-02-read`);
      // The layout check is not blind: a value that refuses to wrap is caught.
      await analyst.evaluate(
        "document.querySelector('.doc-identifiers code').style.whiteSpace = 'pre'; document.querySelector('.doc-identifiers code').textContent += 'x'.repeat(300)",
      );
      expect((await overflows(analyst)).join('\n')).toMatch(/reaches \d+ px/);
      await analyst.getByRole('link', { name: t('nav.cases'), exact: true }).click();
      await analyst.getByRole('link', { name: reference }).click();
      await analyst.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
      expect(await overflows(analyst)).toEqual([]);

      // Editing is a separate view: change the amount, add a request for information.
      await analyst.getByRole('link', { name: t('case.edit') }).click();
      await analyst.getByRole('heading', { level: 1, name: t('case.editing', { reference }) }).waitFor();
      await analyst
        .locator('fieldset.subject', { hasText: t('case.transactionN', { n: 1 }) })
        .getByLabel(t('tx.amount'))
        .fill('2.50');
      await analyst.getByRole('button', { name: t('case.addRequest') }).click();
      const rfi = analyst.locator('fieldset.subject', { hasText: t('case.requestN', { n: 2 }) });
      await rfi.getByLabel(t('case.requestKind')).selectOption('REQUEST_FOR_INFORMATION');
      await rfi.getByLabel(t('request.text')).fill('Who opened the OTC desk account?');
      await checkScreen(analyst, `cases-${lang}-03-edit`);
      await analyst.getByRole('button', { name: t('case.save') }).click();
      await analyst
        .getByText(t('case.revisionN', { revision: 2 }))
        .first()
        .waitFor();
      expect(await doc.locator('[data-path="transactions[0].amount"] .doc-value').innerText()).toBe('2.50');
      expect(await doc.getByTestId('request-card').count()).toBe(2);
      expect(await doc.getByTestId('request-card').nth(1).innerText()).toContain(code('REQUEST_FOR_INFORMATION'));
    });

    it('a share the policy denies shows its reasons in the officer’s language, in the case and in Outbound', async () => {
      const reference = `KNPA-2026-RED-${lang.toUpperCase()}-${Date.now() % 100_000}`;
      const created = await federation.graphql<{ createCase: { id: string } }>(
        'kr-knpa',
        CREATE_CASE,
        { input: { ...caseInput({ tlp: 'RED', offenceCategories: ['ONLINE_SCAM'] }), reference } },
        analystToken,
      );
      await analyst.goto(`${federation.apiUrl('kr-knpa')}/console/#/cases/${created.data!.createCase.id}`);
      await analyst.getByRole('checkbox', { name: /kh-cnp/ }).check();
      await analyst.getByRole('button', { name: t('share.request') }).click();
      await analyst.getByText(`Cambodian National Police (kh-cnp): ${code('DENIED_BY_POLICY')}`).waitFor();
      const denial =
        lang === 'ko'
          ? '사건 등급 TLP:RED이(가) 이 협력 기관의 상한 TLP:AMBER보다 높습니다'
          : "case is TLP:RED, above this partner's ceiling TLP:AMBER";
      const thread = analyst.getByTestId('case-thread');
      await thread.getByText(denial).waitFor();

      await analyst.getByRole('link', { name: t('nav.outbound') }).click();
      const row = analyst.getByTestId('outbound-shares').getByRole('row').filter({ hasText: reference });
      await row.waitFor();
      expect(await row.getByTestId('policy-reasons').innerText()).toContain(denial);
      await checkScreen(analyst, `cases-${lang}-04-outbound-denied`);
      await analyst.getByRole('link', { name: t('nav.cases'), exact: true }).click();
      await analyst.getByRole('link', { name: reference }).waitFor();
      await checkScreen(analyst, `cases-${lang}-05-list`);
    });

    it('a refused sign-in says why in the officer’s language', async () => {
      const fresh = await page(`login-${lang}`, /401|Failed to load resource/);
      await fresh.goto(`${federation.apiUrl('kr-knpa')}/console/`);
      await fresh.locator('.login-lang select').selectOption(lang);
      await fresh.getByLabel(t('login.username')).fill('kim.analyst');
      await fresh.getByLabel(t('login.password')).fill('not-the-password');
      await fresh.getByRole('button', { name: t('login.submit') }).click();
      await fresh
        .getByRole('alert')
        .filter({ hasText: t('error.INVALID_CREDENTIALS') })
        .waitFor();
      await checkScreen(fresh, `cases-${lang}-06-login-refused`);
    });
  });

  it('no page had a script error or a Content-Security-Policy violation', () => {
    expect(problems.flat()).toEqual([]);
  });
});
