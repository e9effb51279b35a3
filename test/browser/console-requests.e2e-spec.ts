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
  signIn,
  ui,
} from './support/console-browser.js';

const REQUEST_SHARE =
  'mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kh-cnp"], purpose: ASSET_FREEZE) { id status } }';
const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id, comment: "Freeze request for the JTF") { status } }';
const WALLET = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const KNPA = 'Korean National Police Agency (kr-knpa)';
const CNP = 'Cambodian National Police (kh-cnp)';
const password = (username: string) => `${username}-password-1`;

/**
 * A freeze request worked in the console between two real nodes: kr-knpa sends it, kh-cnp's analyst
 * reads its target and basis and answers, a different kh-cnp officer approves the answer (four eyes,
 * like any share), kr-knpa's case shows the thread of request, delivery and reply, and kh-cnp's auditor
 * sees what went out with its approval. In English and in Korean, each screen at 1024 and 768 px.
 */
describe('the liaison console: requests and replies', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp']);
  const tokens: Record<string, string> = {};
  let browser: Browser;
  const problems: string[][] = [];

  async function signedIn(node: string, username: string, lang: 'en' | 'ko'): Promise<Page> {
    const opened = await officerPage(browser, `${username}-${lang}`);
    problems.push(opened.problems);
    await signIn(opened.page, federation.apiUrl(node), username, password(username), lang);
    return opened.page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    await federation.prepare();
    await federation.startAll();
    tokens.analyst = await federation.token('kr-knpa', 'kim.analyst', [Role.ANALYST]);
    tokens.officer = await federation.token('kr-knpa', 'park.liaison', [Role.LIAISON_OFFICER]);
    await federation.token('kh-cnp', 'sok.analyst', [Role.ANALYST]);
    await federation.token('kh-cnp', 'chan.liaison', [Role.LIAISON_OFFICER]);
    await federation.token('kh-cnp', 'vann.auditor', [Role.AUDITOR]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await federation.stopAll();
  });

  describe.each(LANGS)('in %s', (lang) => {
    const { t, code } = ui(lang);
    const reference = `KNPA-2026-FRZ-${lang.toUpperCase()}-${Date.now() % 100_000}`;
    const answer = `Frozen on 2026-03-02 (${lang}); 0.8 BTC held pending your MLA request.`;
    let caseId: string;

    beforeAll(async () => {
      // kr-knpa sends a case carrying a freeze request for its Bitcoin wallet (through the API).
      const created = await federation.graphql<{ createCase: { id: string } }>(
        'kr-knpa',
        CREATE_CASE,
        { input: { ...caseInput({ offenceCategories: ['ONLINE_SCAM'] }), reference } },
        tokens.analyst,
      );
      caseId = created.data!.createCase.id;
      const share = await federation.graphql<{ requestShare: { id: string }[] }>(
        'kr-knpa',
        REQUEST_SHARE,
        { c: caseId },
        tokens.analyst,
      );
      const approved = await federation.graphql(
        'kr-knpa',
        APPROVE,
        { id: share.data!.requestShare[0].id },
        tokens.officer,
      );
      expect(approved.errors).toBeUndefined();
    });

    it('kh-cnp reads the request with its target and basis, answers it, and the answer leaves only after another officer approves it', async () => {
      const analyst = await signedIn('kh-cnp', 'sok.analyst', lang);
      await analyst.getByRole('link', { name: t('nav.inbound') }).click();
      const row = analyst.getByTestId('inbound-packets').getByRole('row').filter({ hasText: reference });
      await refreshUntil(analyst, async () => (await row.count()) > 0, 60_000, t('common.refresh'));
      await row.getByRole('link', { name: reference }).click();
      const card = analyst.getByTestId('inbound-detail').getByTestId('request-card');
      await card.waitFor();
      expect(await card.innerText()).toContain(code('FREEZE_REQUEST'));
      expect(await card.locator('[data-path="requests[0].targetIdentifierId"]').innerText()).toContain(
        `${code('WALLET_BTC')} ${WALLET}`,
      );
      expect(await card.getByTestId('request-basis').innerText()).toContain(
        t('request.sharedFor', { purpose: code('ASSET_FREEZE') }),
      );
      await checkScreen(analyst, `requests-${lang}-01-received`);

      await analyst.getByLabel(t('reply.text')).fill(answer);
      await analyst.getByRole('button', { name: t('reply.send') }).click();
      await analyst.getByText(t('reply.pending', { partner: KNPA })).waitFor();
      const thread = analyst.getByTestId('packet-thread');
      await thread.getByText(answer).waitFor();
      expect(await thread.innerText()).toContain(code('PENDING_APPROVAL'));

      // A liaison officer of kh-cnp sees the request being answered beside the answer, and approves it.
      const officer = await signedIn('kh-cnp', 'chan.liaison', lang);
      await officer.getByRole('link', { name: t('nav.approvals') }).click();
      await officer.locator('.queue-list a', { hasText: reference }).click();
      await officer
        .getByRole('heading', { level: 2, name: t('approvals.replyOf', { ref: reference, partner: KNPA }) })
        .waitFor();
      await officer.locator('.side-original').getByTestId('request-card').waitFor();
      expect(await officer.locator('.side-preview').innerText()).toContain(answer);
      await checkScreen(officer, `requests-${lang}-02-approve-answer`);
      await officer.getByRole('button', { name: t('approvals.approve') }).click();
      await officer.getByText(t('approvals.approvedMsg', { ref: reference, partner: KNPA })).waitFor();

      // Back at kr-knpa, the case's thread holds the share, its delivery and the answer under it.
      const home = await signedIn('kr-knpa', 'kim.analyst', lang);
      await home.goto(`${federation.apiUrl('kr-knpa')}/console/#/cases/${caseId}`);
      const caseThread = home.getByTestId('case-thread');
      await refreshUntil(
        home,
        async () => (await caseThread.getByTestId('thread-reply').count()) > 0,
        60_000,
        t('common.refresh'),
      );
      const share = caseThread.getByTestId('thread-share');
      expect(await share.innerText()).toContain(CNP.replace(' (kh-cnp)', ''));
      expect(await share.innerText()).toContain('park.liaison');
      const reply = share.getByTestId('thread-reply');
      expect(await reply.innerText()).toContain(answer);
      expect(await reply.innerText()).toContain(`✔ ${t('inbound.verified')}`);
      await checkScreen(home, `requests-${lang}-03-case-thread`);
    });

    it('kh-cnp’s auditor sees the answer that went out, with who asked for it and who approved it', async () => {
      const auditor = await signedIn('kh-cnp', 'vann.auditor', lang);
      await auditor.getByRole('link', { name: t('nav.sent') }).click();
      const row = auditor.getByTestId('sent-shares').getByRole('row').filter({ hasText: reference });
      await row.waitFor();
      expect(await row.innerText()).toContain('sok.analyst');
      expect(await row.innerText()).toContain('chan.liaison');
      await row.getByRole('link', { name: reference }).click();
      const detail = auditor.getByTestId('sent-detail');
      await detail.waitFor();
      expect(await detail.innerText()).toContain(answer);
      expect(await detail.innerText()).toContain('kh-cnp/kr-knpa/v1');
      await checkScreen(auditor, `requests-${lang}-04-sent`);
    });
  });

  it('no page had a script error or a Content-Security-Policy violation', () => {
    expect(problems.flat()).toEqual([]);
  });
});
