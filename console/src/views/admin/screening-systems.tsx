import { useState } from 'preact/hooks';
import {
  DISABLE_SCREENING_SYSTEM,
  REGISTER_SCREENING_CERTIFICATE,
  SCREENING_SYSTEMS,
  type ScreeningSystem,
} from '../../api/admin-operations';
import { ApiError } from '../../api/client';
import { ErrorMessage, Loading, ShortId, Status, ViewHeading, When } from '../../components/common';
import { useQuery } from '../../components/use-query';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { routeHref } from '../../route';
import { useSession } from '../../session';

/** The fields whose input check the node words in English only (InputException names the field, not a code). */
const CHECKED_FIELDS = new Set(['systemId', 'description', 'certificatePem']);

/**
 * The exchange's own systems (its transaction monitoring, its wallet-screening service) that call the
 * screening endpoint over mutual TLS: each is known by the client certificate pinned here. Registering
 * and disabling are on the audit trail; a disabled system is refused on every replica within a minute.
 */
export function ScreeningSystemsView() {
  const { t } = useI18n();
  const { has } = useSession();
  const systems = useQuery<{ screeningSystems: ScreeningSystem[] }>(SCREENING_SYSTEMS);
  const [status, setStatus] = useState('');
  const changed = (message: string) => {
    setStatus(message);
    systems.reload();
  };
  return (
    <section>
      <ViewHeading>{t('admin.screeningSystems')}</ViewHeading>
      <p class="muted">{t('screeningSystems.intro')}</p>
      <ErrorMessage error={systems.error} />
      <Status text={status} />
      {!systems.data ? (
        <Loading />
      ) : systems.data.screeningSystems.length === 0 ? (
        <p class="muted">{t('screeningSystems.none')}</p>
      ) : (
        <SystemsTable systems={systems.data.screeningSystems} onChanged={changed} />
      )}
      {has('ADMIN') ? <RegisterCertificate onAttempt={() => setStatus('')} onRegistered={changed} /> : null}
    </section>
  );
}

function SystemsTable({ systems, onChanged }: { systems: ScreeningSystem[]; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  return (
    <table class="list" data-testid="screening-systems">
      <thead>
        <tr>
          <th scope="col">{t('screeningSystems.system')}</th>
          <th scope="col">{t('screeningSystems.credentials')}</th>
          <th scope="col">{t('share.status')}</th>
          <th scope="col">{t('screeningSystems.registered')}</th>
          <th scope="col">
            <span class="sr-only">{t('policy.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {systems.map((system) => (
          <SystemRow key={system.id} system={system} onChanged={onChanged} />
        ))}
      </tbody>
    </table>
  );
}

function SystemRow({ system, onChanged }: { system: ScreeningSystem; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  const { api, has } = useSession();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // On success the confirmation stays (inert) until the reloaded row, disabled, has no actions left.
  const disable = async () => {
    setError(undefined);
    setBusy(true);
    try {
      await api.request(DISABLE_SCREENING_SYSTEM, { systemId: system.id });
      onChanged(t('screeningSystems.disabledMsg', { system: system.id }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <tr data-system={system.id}>
      <td>
        <strong>{system.id}</strong>
        {system.description ? <div class="small prose">{system.description}</div> : null}
      </td>
      <td>
        {system.certificateSha256 ? (
          <div>
            <span class="muted small">{t('screeningSystems.fingerprint')}</span>{' '}
            <ShortId value={system.certificateSha256} length={16} />
          </div>
        ) : (
          <div class="muted small">{t('screeningSystems.noCertificate')}</div>
        )}
        {system.hasApiKey ? <div class="muted small">{t('screeningSystems.apiKey')}</div> : null}
      </td>
      <td>
        {system.disabledAt ? (
          <span class="badge badge-rejected">
            {t('admin.disabled')} <When at={system.disabledAt} />
          </span>
        ) : (
          <span class="badge badge-approved">{t('admin.active')}</span>
        )}
      </td>
      <td>
        {system.createdBy} <When at={system.createdAt} />
        <div class="small">
          <a href={routeHref(['audit'], { subjectType: 'SCREENING_SYSTEM', subjectId: system.id })}>
            {t('audit.history')}
          </a>
        </div>
      </td>
      <td>
        {has('ADMIN') && !system.disabledAt ? (
          confirming ? (
            <div class="buttons" role="group" aria-label={t('screeningSystems.confirmDisable', { system: system.id })}>
              <span class="small">{t('screeningSystems.confirmDisable', { system: system.id })}</span>
              <button type="button" class="danger nowrap" disabled={busy} onClick={() => void disable()}>
                {t('screeningSystems.disableNow')}
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
                {t('case.cancel')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              class="danger nowrap"
              aria-label={t('screeningSystems.disable', { system: system.id })}
              onClick={() => setConfirming(true)}
            >
              {t('screeningSystems.disableButton')}
            </button>
          )
        ) : null}
        <ErrorMessage error={error} />
      </td>
    </tr>
  );
}

function RegisterCertificate({
  onAttempt,
  onRegistered,
}: {
  onAttempt: () => void;
  onRegistered: (message: string) => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [systemId, setSystemId] = useState('');
  const [description, setDescription] = useState('');
  const [certificatePem, setCertificatePem] = useState('');
  const [error, setError] = useState<unknown>();
  const register = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    onAttempt();
    try {
      const variables = { systemId: systemId.trim(), certificatePem, description: description.trim() || null };
      await api.request(REGISTER_SCREENING_CERTIFICATE, variables);
      onRegistered(t('screeningSystems.registeredMsg', { system: variables.systemId }));
      setSystemId('');
      setDescription('');
      setCertificatePem('');
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form class="card" onSubmit={register} aria-labelledby="register-screening-system">
      <h2 id="register-screening-system">{t('screeningSystems.register')}</h2>
      <p class="muted small">{t('screeningSystems.registerIntro')}</p>
      <div class="grid-2">
        <label>
          {t('screeningSystems.systemId')}
          <input
            required
            autoComplete="off"
            spellcheck={false}
            value={systemId}
            onInput={(e) => setSystemId(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('screeningSystems.description')}
          <input maxLength={200} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
      </div>
      <label>
        {t('screeningSystems.certificatePem')}
        <textarea
          required
          rows={8}
          spellcheck={false}
          placeholder="-----BEGIN CERTIFICATE-----"
          value={certificatePem}
          onInput={(e) => setCertificatePem(e.currentTarget.value)}
        />
      </label>
      <RegistrationError error={error} />
      <button type="submit" class="primary">
        {t('screeningSystems.registerButton')}
      </button>
    </form>
  );
}

/** The node's refusal: its domain code or the field it names, in the officer's language. */
function RegistrationError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error instanceof ApiError && !error.reasonCode && error.field && CHECKED_FIELDS.has(error.field)) {
    return (
      <p role="alert" class="error" data-testid="registration-error">
        <strong>{t('error.title')}</strong> {t(`screeningSystems.invalid.${error.field}` as MessageKey)}
        <span class="code"> ({error.code})</span>
      </p>
    );
  }
  return <ErrorMessage error={error} />;
}
