import type { Role } from '../../api/types';
import { useState } from 'preact/hooks';
import { type Account, CREATE_USER, DISABLE_USER, SET_USER_ROLES, USERS } from '../../api/admin-operations';
import { ROLES } from '../../api/vocabulary';
import { ErrorMessage, Loading, Status, ViewHeading, When } from '../../components/common';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { routeHref } from '../../route';
import { useSession } from '../../session';

/** Officer accounts: create, change roles, disable; each of these is on the audit trail. */
export function AccountsView() {
  const { t } = useI18n();
  const users = useQuery<{ users: Account[] }>(USERS);
  const [status, setStatus] = useState('');
  return (
    <section>
      <ViewHeading>{t('admin.users')}</ViewHeading>
      <p class="muted">{t('accounts.intro')}</p>
      <Status text={status} />
      <ErrorMessage error={users.error} />
      {!users.data ? (
        <Loading />
      ) : (
        <ul class="plain account-list" data-testid="accounts">
          {users.data.users.map((u) => (
            <AccountRow key={u.username} account={u} onChanged={(message) => (setStatus(message), users.reload())} />
          ))}
        </ul>
      )}
      <NewAccount onCreated={(message) => (setStatus(message), users.reload())} />
    </section>
  );
}

function RoleChecks({ roles, onChange, name }: { roles: Role[]; onChange: (roles: Role[]) => void; name: string }) {
  const { code } = useI18n();
  return (
    <>
      {ROLES.map((role) => (
        <label class="check" key={role}>
          <input
            type="checkbox"
            name={name}
            checked={roles.includes(role)}
            onChange={() => onChange(roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role])}
          />
          {code(role)}
        </label>
      ))}
    </>
  );
}

function AccountRow({ account, onChanged }: { account: Account; onChanged: (message: string) => void }) {
  const { t, code } = useI18n();
  const { api, me } = useSession();
  const [roles, setRoles] = useState(account.roles);
  const [error, setError] = useState<unknown>();
  const changed = roles.length !== account.roles.length || roles.some((r) => !account.roles.includes(r));

  const run = async (query: string, variables: Record<string, unknown>, message: string) => {
    setError(undefined);
    try {
      await api.request(query, variables);
      onChanged(message);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <li class="card account" data-account={account.username}>
      <div class="view-top">
        <h3>
          {account.username}
          {account.username === me.username ? <span class="muted small"> · {t('accounts.you')}</span> : null}
        </h3>
        <span class={`badge badge-${account.disabled ? 'rejected' : 'approved'}`}>
          {account.disabled ? t('admin.disabled') : t('admin.active')}
        </span>
      </div>
      <p class="muted small">
        {t('accounts.created')} <When at={account.createdAt} /> ·{' '}
        <a href={routeHref(['audit'], { subjectType: 'OFFICER_ACCOUNT', subjectId: account.id })}>
          {t('audit.history')}
        </a>
      </p>
      <fieldset>
        <legend>{t('accounts.rolesOf', { user: account.username })}</legend>
        <RoleChecks roles={roles} onChange={setRoles} name={`roles-${account.username}`} />
      </fieldset>
      <div class="buttons">
        <button
          type="button"
          class="primary"
          disabled={!changed}
          onClick={() =>
            void run(
              SET_USER_ROLES,
              { username: account.username, roles },
              t('accounts.rolesSaved', { user: account.username, roles: roles.map(code).join(', ') }),
            )
          }
        >
          {t('accounts.saveRoles')}
        </button>
        {!account.disabled ? (
          <button
            type="button"
            class="danger"
            onClick={() =>
              void run(
                DISABLE_USER,
                { username: account.username },
                t('accounts.disabledMsg', { user: account.username }),
              )
            }
          >
            {t('accounts.disable', { user: account.username })}
          </button>
        ) : null}
      </div>
      <ErrorMessage error={error} />
    </li>
  );
}

function NewAccount({ onCreated }: { onCreated: (message: string) => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['ANALYST']);
  const [error, setError] = useState<unknown>();
  const create = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    try {
      await api.request(CREATE_USER, { username, password, roles });
      onCreated(t('accounts.createdMsg', { user: username.trim().toLowerCase() }));
      setUsername('');
      setPassword('');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form class="card" onSubmit={create} aria-labelledby="new-account">
      <h2 id="new-account">{t('accounts.new')}</h2>
      <div class="grid-2">
        <label>
          {t('login.username')}
          <input required autoComplete="off" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          {t('accounts.initialPassword')}
          <input
            required
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
      </div>
      <fieldset>
        <legend>{t('admin.roles')}</legend>
        <RoleChecks roles={roles} onChange={setRoles} name="new-roles" />
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" class="primary">
        {t('accounts.create')}
      </button>
    </form>
  );
}
