import { useEffect, useRef, useState } from 'preact/hooks';
import { Api } from '../api/client';
import { LOGIN } from '../api/operations';
import { LanguageSwitch } from '../components/language-switch';
import { ErrorMessage } from '../components/common';
import { useI18n } from '../i18n/i18n';

export function LoginView({ onToken }: { onToken: (token: string) => Promise<void> }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { login } = await new Api().request<{ login: { token: string } }>(LOGIN, { username, password });
      setPassword('');
      await onToken(login.token);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <div class="login-lang">
        <LanguageSwitch />
      </div>
      <form onSubmit={submit} class="card" aria-labelledby="login-title">
        <h1 id="login-title">{t('login.title')}</h1>
        <p class="muted">{t('login.intro')}</p>
        <label>
          {t('login.username')}
          <input
            ref={first}
            name="username"
            autoComplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
