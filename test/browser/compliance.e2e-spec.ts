import type { Browser, Page } from 'playwright-core';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { FederationHarness } from '../federation/support/federation-harness.js';
import { randomEvm } from '../federation/support/exchange-steps.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import {
  checkScreen,
  type Lang,
  LANGS,
  launchChromium,
  officerPage,
  refreshUntil,
  signIn,
  ui,
} from './support/console-browser.js';

/** "7h 59m", "89일 23시간": `n` of the clock's first unit and maybe one more, in the reader's language (Intl). */
const clockAmount = (n: number) => `${n}\\s?[^\\s\\d]+( \\d+\\s?[^\\s\\d]+)?`;

const KNPA = 'kr-knpa';
const HANBIT = 'kr-exchange-hanbit';
const KNPA_NAME = 'Korean National Police Agency';
const HANBIT_NAME = 'Hanbit Exchange';
const AUTHORITY = 'Seoul Central District Court';
const password = (username: string) => `${username}-password-1`;
const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A translated message as a pattern, its `{name}` placeholders standing for the given sub-patterns. */
const pattern = (template: string, parts: Record<string, string>) =>
  new RegExp(
    template
      .split(/(\{\w+\})/)
      .map((piece) => (/^\{\w+\}$/.test(piece) ? (parts[piece.slice(1, -1)] ?? '.*') : escape(piece)))
      .join(''),
  );

/**
 * The exchanges' screens in Chromium against kr-knpa and Hanbit as real node processes, in English
 * and in Korean: the analyst requests a freeze on the case, a liaison officer approves it there,
 * Hanbit's compliance desk reads it as any received request (the same request card: wallet resolved,
 * legal basis, deadline; the agency by name), answers it in the thread, a second compliance officer
 * approves, and the case shows each exchange's answer, the freeze's clock and, as it arrives, a hit the
 * exchange reports. Each screen is checked at 1024 and 768 px.
 */
describe('the exchanges in the console', () => {
  const federation = new FederationHarness([KNPA, HANBIT]);
  let browser: Browser;
  const problems: string[][] = [];
  let analystToken = '';
  let screeningKey = '';

  async function signedIn(node: string, username: string, lang: Lang): Promise<Page> {
    const opened = await officerPage(browser, `${username}-${lang}`);
    problems.push(opened.problems);
    await signIn(opened.page, federation.apiUrl(node), username, password(username), lang);
    return opened.page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    await federation.prepare();
    await federation.startAll();
    const accounts: [string, string, Role[]][] = [
      [KNPA, 'choi.liaison', [Role.LIAISON_OFFICER]],
      [HANBIT, 'han.compliance', [Role.COMPLIANCE_OFFICER]],
      [HANBIT, 'yoon.compliance', [Role.COMPLIANCE_OFFICER]],
    ];
    for (const [node, username, roles] of accounts) await federation.token(node, username, roles);
    analystToken = await federation.token(KNPA, 'lee.analyst', [Role.ANALYST]);
    const admin = await federation.token(HANBIT, 'hanbit.admin', [Role.ADMIN]);
    const issued = await federation.graphql<{ issueScreeningKey: { apiKey: string } }>(
      HANBIT,
      'mutation { issueScreeningKey(systemId: "browser-test") { apiKey } }',
      {},
      admin,
    );
    screeningKey = issued.data!.issueScreeningKey.apiKey;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await federation.stopAll();
  });

  describe.each(LANGS)('in %s', (lang) => {
    const { t, code } = ui(lang);
    const wallet = randomEvm();
    let caseId = '';
    let analyst: Page;

    beforeAll(async () => {
      // kr-knpa's case names the wallet, holds the warrant and lists the wallet on its watchlist (API).
      const created = await federation.graphql<{ createCase: { id: string; reference: string } }>(
        KNPA,
        CREATE_CASE,
        {
          input: caseInput({
            offenceCategories: ['ONLINE_SCAM'],
            identifiers: [{ id: 'w1', type: 'WALLET_EVM', value: wallet }],
            requests: [],
            transactions: [],
          }),
        },
        analystToken,
      );
      const { id, reference } = created.data!.createCase;
      caseId = id;
      const upload = await fetch(`${federation.apiUrl(KNPA)}/cases/${caseId}/attachments`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${analystToken}`,
          'content-type': 'application/pdf',
          'x-filename': 'warrant.pdf',
        },
        body: Buffer.from('%PDF-1.7 seizure warrant'),
      });
      expect(upload.status).toBe(201);
      const listed = await federation.graphql(
        KNPA,
        'mutation ($i: WatchlistEntryInput!) { addWatchlistEntry(input: $i) { entryId } }',
        {
          i: {
            identifierType: 'WALLET_EVM',
            value: wallet,
            reason: 'compound wallet',
            offenceCategory: 'ONLINE_SCAM',
            severity: 'HIGH',
            caseReference: reference,
            validUntil: '2030-01-01T00:00:00Z',
          },
        },
        analystToken,
      );
      expect(listed.errors).toBeUndefined();
    });

    it('takes a freeze request from the case to the compliance desk and its approved answer back', async () => {
      analyst = await signedIn(KNPA, 'lee.analyst', lang);
      await analyst.goto(`${federation.apiUrl(KNPA)}/console/#/cases/${caseId}`);
      const section = analyst.getByTestId('case-exchange-requests');
      await section.getByRole('checkbox', { name: HANBIT }).check();
      await section.getByRole('checkbox', { name: wallet }).check();
      await section.getByLabel(t('exchange.orderReference')).fill('2026-Go-1234');
      await section.getByLabel(t('exchange.authority')).fill(AUTHORITY);
      await section.getByRole('button', { name: t('exchange.send') }).click();
      const requested = pattern(t('exchange.requested'), { reference: '(FR-[0-9A-F-]+)' });
      const freezeReference = requested.exec(await section.getByText(requested).innerText())![1];
      const request = section.getByTestId(`freeze-request-${freezeReference}`);
      await request.getByTestId('request-card').waitFor();
      // The node keeps an EVM address in its checksummed (mixed-case) form.
      expect((await request.getByTestId('request-targets').innerText()).toLowerCase()).toContain(
        `${code('WALLET_EVM')} ${wallet}`.toLowerCase(),
      );
      expect(await request.getByTestId('request-basis').innerText()).toContain(AUTHORITY);
      await checkScreen(analyst, `exchange-${lang}-01-requested`);

      const liaison = await signedIn(KNPA, 'choi.liaison', lang);
      await liaison.goto(`${federation.apiUrl(KNPA)}/console/#/cases/${caseId}`);
      await liaison
        .getByTestId(`freeze-request-${freezeReference}`)
        .getByRole('button', { name: t('exchange.approve') })
        .click();
      const sent = liaison.getByTestId(`copy-${HANBIT}`);
      await sent.getByText(new RegExp(`^(${['APPROVED', 'SENT', 'DELIVERED'].map(code).join('|')})$`)).waitFor();
      expect(await sent.locator('.thread-head').first().innerText()).toContain(`${HANBIT_NAME} ${HANBIT}`);

      // Hanbit's compliance desk: the queue names the agency, the request reads as any received request.
      const compliance = await signedIn(HANBIT, 'han.compliance', lang);
      await compliance.getByRole('link', { name: t('nav.compliance') }).click();
      const row = compliance.getByTestId('compliance-queue').getByRole('row').filter({ hasText: freezeReference });
      await refreshUntil(compliance, async () => (await row.count()) > 0, 60_000, t('compliance.refresh'));
      const rowText = await row.innerText();
      expect(rowText).toContain(`${KNPA_NAME} ${KNPA}`);
      expect(rowText).toContain(code('FREEZE'));
      expect(rowText).toContain(code('URGENT'));
      expect(rowText).toMatch(pattern(t('clock.dueIn'), { time: clockAmount(7) }));
      await checkScreen(compliance, `exchange-${lang}-02-compliance-queue`);

      await row.getByRole('link', { name: freezeReference }).click();
      const detail = compliance.getByTestId('compliance-request');
      await detail.getByText(t('compliance.noTippingOff')).waitFor();
      const card = detail.getByTestId('request-card');
      expect((await card.getByTestId('request-targets').innerText()).toLowerCase()).toContain(
        `T1 ${code('WALLET_EVM')} ${wallet}`.toLowerCase(),
      );
      expect(await card.getByTestId('request-basis').innerText()).toContain(
        t('compliance.basisLine', {
          instrument: code('SEIZURE_WARRANT'),
          reference: '2026-Go-1234',
          authority: AUTHORITY,
        }),
      );
      expect(await card.locator('[data-path="requests[0].deadline"]').innerText()).toMatch(
        pattern(t('clock.dueIn'), { time: clockAmount(7) }),
      );
      const thread = detail.getByTestId('compliance-thread');
      expect(await thread.getByTestId('thread-request').innerText()).toContain(`${KNPA_NAME} ${KNPA}`);
      await card.getByRole('button', { name: t('compliance.downloadOrder') }).click();
      await card.getByRole('link', { name: 'warrant.pdf' }).waitFor();
      await checkScreen(compliance, `exchange-${lang}-03-compliance-request`);

      await detail.getByLabel(t('compliance.answerTarget', { target: 'T1' })).selectOption('FROZEN');
      await detail.getByLabel(`${t('compliance.amount')} T1`).fill('48000.5');
      await detail.getByLabel(`${t('compliance.asset')} T1`).fill('USDT');
      await detail.getByLabel(`${t('compliance.at')} T1`).fill(local(new Date()));
      await detail.getByLabel(`${t('compliance.frozenUntil')} T1`).fill(local(new Date(Date.now() + 90 * 86_400_000)));
      await detail.getByRole('button', { name: t('compliance.submit') }).click();
      await thread.getByText(t('compliance.yourOwn')).waitFor();
      const written = thread.getByTestId('compliance-answer');
      expect(await written.getAttribute('data-status')).toBe('PENDING_APPROVAL');
      expect(await written.getByTestId('answer-lines').innerText()).toBe(`T1 ${code('FROZEN')} 48000.5 USDT`);
      expect(await written.locator('.thread-head').innerText()).toContain(`${KNPA_NAME} ${KNPA}`);
      await checkScreen(compliance, `exchange-${lang}-04-answer-written`);

      // A second compliance officer approves it in the same thread; the answer leaves for kr-knpa.
      const compliance2 = await signedIn(HANBIT, 'yoon.compliance', lang);
      await compliance2.goto(`${federation.apiUrl(HANBIT)}/console/#/compliance`);
      await compliance2.getByRole('link', { name: freezeReference }).click();
      const thread2 = compliance2.getByTestId('compliance-thread');
      await thread2
        .getByTestId('compliance-answer')
        .getByRole('button', { name: t('compliance.approve') })
        .click();
      await thread2.getByText(t('compliance.approved')).waitFor();
      await thread2.locator('[data-testid="compliance-answer"][data-status="APPROVED"]').waitFor();
      expect(await thread2.getByTestId('compliance-answer').innerText()).toContain('yoon.compliance');
      await checkScreen(compliance2, `exchange-${lang}-05-answer-approved`);

      // Back on the case: Hanbit's answer in the request's thread, and the freeze held with its clock.
      const lines = analyst.getByTestId(`copy-${HANBIT}`).getByTestId('answer-lines');
      await refreshUntil(
        analyst,
        async () => (await lines.count()) > 0 && (await lines.innerText()).includes('48000.5'),
        60_000,
        t('exchange.refresh'),
      );
      expect(await lines.innerText()).toBe(`T1 ${code('FROZEN')} 48000.5 USDT`);
      const answer = analyst.getByTestId(`copy-${HANBIT}`).getByTestId('copy-answer');
      expect(await answer.innerText()).toContain(`${HANBIT_NAME} ${HANBIT}`);
      expect(await answer.getAttribute('data-status')).toBe('ANSWERED');
      const holds = await analyst.getByTestId('freeze-holds').innerText();
      expect(holds).toContain(`${HANBIT_NAME} ${HANBIT}`);
      expect(holds).toContain(code('HELD'));
      expect(holds).toMatch(pattern(t('clock.endsIn'), { time: clockAmount(89) }));
      await checkScreen(analyst, `exchange-${lang}-06-answered`);
    });

    it('shows on the case, as it arrives, a deposit the exchange reports, and the desk lists the hit', async () => {
      const screened = await fetch(`http://127.0.0.1:${federation.slot(HANBIT).screeningPort}/screening/v1/check`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${screeningKey}` },
        body: JSON.stringify({
          type: 'WALLET_EVM',
          address: wallet,
          direction: 'DEPOSIT',
          amount: '2500',
          asset: 'USDT',
        }),
      });
      expect(((await screened.json()) as { reportedTo: string[] }).reportedTo).toEqual([KNPA]);
      const hits = analyst.getByTestId('hit-reports');
      await hits.getByText(`${code('DEPOSIT')} 2500 USDT`).waitFor({ timeout: 20_000 });
      expect(await hits.innerText()).toContain(`${HANBIT_NAME} ${HANBIT}`);
      await checkScreen(analyst, `exchange-${lang}-07-hit-reported`);

      const desk = await signedIn(HANBIT, 'han.compliance', lang);
      await desk.getByRole('link', { name: t('nav.compliance') }).click();
      const listed = desk
        .getByRole('region', { name: t('compliance.hits') })
        .getByRole('row')
        .filter({ hasText: wallet });
      await listed.waitFor();
      expect(await listed.innerText()).toContain(`${t('compliance.listedBy')} ${KNPA_NAME} ${KNPA}`);
      await checkScreen(desk, `exchange-${lang}-08-desk-hits`);
    });
  });

  it('no page had a script error or a Content-Security-Policy violation', () => {
    expect(problems.flat()).toEqual([]);
  });
});
