import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Api } from './api/client';
import { ALERT_RAISED, ME, NODE_INFO, PARTNERS } from './api/operations';
import type { Alert, Me, NodeInfo, Role } from './api/types';
import { i18nFor, I18nContext, initialLang, type Lang, type MessageKey, translate, useI18n } from './i18n/i18n';
import { go, type Route, useRoute } from './route';
import { SessionContext, type Session, useSession } from './session';
import { LanguageSwitch } from './components/language-switch';
import { LoginView } from './views/login';
import { CasesView } from './views/cases/cases';
import { ApprovalsView } from './views/approvals/approvals';
import { OutboundView } from './views/outbound';
import { InboundView } from './views/inbound/inbound';
import { ScreeningView } from './views/screening';
import { WatchlistView } from './views/watchlist';
import { AlertsView } from './views/alerts';
import { SentView } from './views/sent';
import { AuditView } from './views/audit/audit';
import { AdminView } from './views/admin/admin';
import { ComplianceView } from './views/compliance';

interface NavItem {
  route: string;
  label: MessageKey;
  roles: Role[];
}

const NAV: NavItem[] = [
  { route: 'cases', label: 'nav.cases', roles: ['ANALYST', 'LIAISON_OFFICER'] },
  { route: 'screening', label: 'nav.screening', roles: ['ANALYST'] },
  { route: 'compliance', label: 'nav.compliance', roles: ['COMPLIANCE_OFFICER'] },
  { route: 'watchlist', label: 'nav.watchlist', roles: ['ANALYST', 'COMPLIANCE_OFFICER'] },
  { route: 'alerts', label: 'nav.alerts', roles: ['ANALYST', 'COMPLIANCE_OFFICER'] },
  { route: 'approvals', label: 'nav.approvals', roles: ['LIAISON_OFFICER'] },
  { route: 'outbound', label: 'nav.outbound', roles: ['ANALYST', 'LIAISON_OFFICER', 'ADMIN'] },
  { route: 'inbound', label: 'nav.inbound', roles: ['ANALYST', 'LIAISON_OFFICER'] },
  { route: 'sent', label: 'nav.sent', roles: ['AUDITOR'] },
  { route: 'audit', label: 'nav.audit', roles: ['AUDITOR'] },
  { route: 'admin', label: 'nav.admin', roles: ['ADMIN', 'AUDITOR'] },
];

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo(
    () =>
      i18nFor(lang, (next: Lang) => {
        localStorage.setItem('fednode.lang', next);
        setLangState(next);
      }),
    [lang],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
  }, [lang]);

  const [session, setSession] = useState<Session>();
  const login = async (token: string) => {
    const api = new Api(token);
    const [{ me }, { nodeInfo }, { peers }] = await Promise.all([
      api.request<{ me: Me }>(ME),
      api.request<{ nodeInfo: NodeInfo }>(NODE_INFO),
      api.request<{ peers: { id: string; name: string | null }[] }>(PARTNERS),
    ]);
    setSession({
      api,
      me,
      node: nodeInfo,
      partners: new Map(peers.flatMap((p) => (p.name ? [[p.id, p.name] as const] : []))),
      has: (...roles) => roles.some((role) => me.roles.includes(role)),
    });
  };
  const logout = () => {
    session?.api.close();
    setSession(undefined);
    go('');
  };

  return (
    <I18nContext.Provider value={i18n}>
      {session ? (
        <SessionContext.Provider value={session}>
          <Shell onLogout={logout} />
        </SessionContext.Provider>
      ) : (
        <LoginView onToken={login} />
      )}
    </I18nContext.Provider>
  );
}

function Shell({ onLogout }: { onLogout: () => void }) {
  const session = useSession();
  const { t, code, lang } = useI18n();
  const langRef = useRef(lang);
  langRef.current = lang;
  const route = useRoute();
  const nav = NAV.filter((item) => session.has(...item.roles));
  const current = route.parts[0] ?? nav[0]?.route;
  const [liveAlerts, setLiveAlerts] = useState<Alert[]>([]);
  const [announcement, setAnnouncement] = useState('');

  // Analysts hear about alerts wherever they are in the console, without reloading.
  useEffect(() => {
    if (!session.has('ANALYST', 'COMPLIANCE_OFFICER')) return;
    return session.api.subscribe<{ alertRaised: Alert }>(
      ALERT_RAISED,
      ({ alertRaised }) => {
        setLiveAlerts((list) => [alertRaised, ...list.filter((a) => a.id !== alertRaised.id)]);
        setAnnouncement(translate(langRef.current, 'alerts.new', { value: alertRaised.value }));
      },
      () => setAnnouncement(translate(langRef.current, 'alerts.feedLost')),
    );
  }, [session]);

  return (
    <div class="shell">
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <div class="brand">
          <span class="node-name">{session.node.name}</span> <span class="node-id">{session.node.id}</span>
        </div>
        <div class="who">
          <span class="who-user" data-testid="signed-in">
            <span class="sr-only">{t('app.signedInAs')} </span>
            <strong>{session.me.username}</strong>
            <span class="who-roles" aria-label={t('app.roles')}>
              {session.me.roles.map((role) => (
                <span class="role" key={role}>
                  {code(role)}
                </span>
              ))}
            </span>
          </span>
          <LanguageSwitch />
          <button type="button" onClick={onLogout}>
            {t('app.logout')}
          </button>
        </div>
      </header>
      <nav aria-label={t('nav.label')} class="side">
        <ul>
          {nav.map((item) => (
            <li key={item.route}>
              <a href={`#/${item.route}`} aria-current={item.route === current ? 'page' : undefined}>
                {t(item.label)}
                {item.route === 'alerts' && liveAlerts.some((a) => a.status === 'OPEN') ? (
                  <span class="count" aria-label={t('alerts.newCount', { count: liveAlerts.length })}>
                    {liveAlerts.length}
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="main">
        <View route={{ parts: [current ?? '', ...route.parts.slice(1)], query: route.query }} liveAlerts={liveAlerts} />
      </main>
      <div class="live-region" role="status" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
    </div>
  );
}

function View({ route, liveAlerts }: { route: Route; liveAlerts: Alert[] }) {
  const session = useSession();
  const { t } = useI18n();
  const [view, ...rest] = route.parts;
  const allowed = NAV.find((item) => item.route === view);
  if (!allowed || !session.has(...allowed.roles)) return <p>{t('app.noView')}</p>;
  switch (view) {
    case 'cases':
      return <CasesView parts={rest} />;
    case 'screening':
      return <ScreeningView />;
    case 'watchlist':
      return <WatchlistView query={route.query} />;
    case 'alerts':
      return <AlertsView live={liveAlerts} />;
    case 'approvals':
      return <ApprovalsView selected={rest[0]} />;
    case 'outbound':
      return <OutboundView />;
    case 'inbound':
      return <InboundView parts={rest} />;
    case 'sent':
      return <SentView selected={rest[0]} query={route.query} />;
    case 'audit':
      return <AuditView query={route.query} />;
    case 'admin':
      return <AdminView parts={rest} />;
    case 'compliance':
      return <ComplianceView selected={rest[0]} />;
    default:
      return <p>{t('app.noView')}</p>;
  }
}
