import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Api } from './api/client';
import { ALERT_RAISED, type Alert, ME, type Me, NODE_INFO, type NodeInfo, type Role } from './api/operations';
import { I18nContext, initialLang, type Lang, translate, translateCode, useI18n } from './i18n/i18n';
import type { MessageKey } from './i18n/messages.en';
import { go, useRoute } from './route';
import { SessionContext, type Session, useSession } from './session';
import { LanguageSwitch } from './components/language-switch';
import { LoginView } from './views/login';
import { CasesView } from './views/cases';
import { ApprovalsView } from './views/approvals';
import { OutboundView } from './views/outbound';
import { InboundView } from './views/inbound';
import { ScreeningView } from './views/screening';
import { AlertsView } from './views/alerts';
import { AuditView } from './views/audit';
import { AdminView } from './views/admin';

interface NavItem {
  route: string;
  label: MessageKey;
  roles: Role[];
}

const NAV: NavItem[] = [
  { route: 'cases', label: 'nav.cases', roles: ['ANALYST', 'LIAISON_OFFICER'] },
  { route: 'screening', label: 'nav.screening', roles: ['ANALYST'] },
  { route: 'alerts', label: 'nav.alerts', roles: ['ANALYST'] },
  { route: 'approvals', label: 'nav.approvals', roles: ['LIAISON_OFFICER'] },
  { route: 'outbound', label: 'nav.outbound', roles: ['ANALYST', 'LIAISON_OFFICER', 'ADMIN'] },
  { route: 'inbound', label: 'nav.inbound', roles: ['ANALYST', 'LIAISON_OFFICER'] },
  { route: 'audit', label: 'nav.audit', roles: ['AUDITOR'] },
  { route: 'admin', label: 'nav.admin', roles: ['ADMIN', 'AUDITOR'] },
];

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo(
    () => ({
      lang,
      setLang: (next: Lang) => {
        localStorage.setItem('fednode.lang', next);
        setLangState(next);
      },
      t: (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params),
      code: (code: string) => translateCode(lang, code),
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
    const [{ me }, { nodeInfo }] = await Promise.all([api.request<{ me: Me }>(ME), api.request<{ nodeInfo: NodeInfo }>(NODE_INFO)]);
    setSession({ api, me, node: nodeInfo, has: (...roles) => roles.some((role) => me.roles.includes(role)) });
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
  const current = route[0] ?? nav[0]?.route;
  const [liveAlerts, setLiveAlerts] = useState<Alert[]>([]);
  const [announcement, setAnnouncement] = useState('');

  // Analysts hear about alerts wherever they are in the console, without reloading.
  useEffect(() => {
    if (!session.has('ANALYST')) return;
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
          <span>
            {t('app.signedInAs', { user: session.me.username })} · {session.me.roles.map(code).join(', ')}
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
        <View route={[current ?? '', ...route.slice(1)]} liveAlerts={liveAlerts} />
      </main>
      <div class="live-region" role="status" aria-live="polite" data-testid="announcer">
        {announcement}
      </div>
    </div>
  );
}

function View({ route, liveAlerts }: { route: string[]; liveAlerts: Alert[] }) {
  const session = useSession();
  const { t } = useI18n();
  const allowed = NAV.find((item) => item.route === route[0]);
  if (!allowed || !session.has(...allowed.roles)) return <p>{t('app.noView')}</p>;
  switch (route[0]) {
    case 'cases':
      return <CasesView id={route[1]} />;
    case 'screening':
      return <ScreeningView />;
    case 'alerts':
      return <AlertsView live={liveAlerts} />;
    case 'approvals':
      return <ApprovalsView selected={route[1]} />;
    case 'outbound':
      return <OutboundView />;
    case 'inbound':
      return <InboundView selected={route[1]} />;
    case 'audit':
      return <AuditView />;
    case 'admin':
      return <AdminView />;
    default:
      return <p>{t('app.noView')}</p>;
  }
}
