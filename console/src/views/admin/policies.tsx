import type { ComponentChildren } from 'preact';
import { PARTNER_POLICIES, PARTNER_POLICY, type PartnerPolicy } from '../../api/admin-operations';
import { ErrorMessage, Loading, ViewHeading, When } from '../../components/common';
import { Partner } from '../../components/partner';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { goWith, routeHref, useRoute } from '../../route';
import { useSession } from '../../session';
import { PolicyForm } from './policy-form';
import { diffPolicies, type PolicyValue, policyRows } from './policy-model';

/** #/admin/policies, …/<partner>?version=&compare=, …/<partner>/new. */
export function PoliciesView({ parts }: { parts: string[] }) {
  const [partnerId, mode] = parts;
  if (partnerId && mode === 'new') return <PolicyForm partnerId={partnerId} />;
  if (partnerId) return <PolicyVersions partnerId={partnerId} />;
  return <PolicyList />;
}

function PolicyList() {
  const { t } = useI18n();
  const { has } = useSession();
  const list = useQuery<{ partnerPolicies: PartnerPolicy[] }>(PARTNER_POLICIES);
  return (
    <section>
      <ViewHeading>{t('admin.policies')}</ViewHeading>
      <p class="muted">{t('policy.intro')}</p>
      <ErrorMessage error={list.error} />
      {!list.data ? (
        <Loading />
      ) : (
        <table class="list" data-testid="policies">
          <thead>
            <tr>
              <th scope="col">{t('share.partner')}</th>
              <th scope="col">{t('policy.version')}</th>
              <th scope="col">{t('policy.publishedBy')}</th>
              <th scope="col">
                <span class="sr-only">{t('policy.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.partnerPolicies.map((p) => (
              <tr key={p.partnerId}>
                <td>
                  <a href={routeHref(['admin', 'policies', p.partnerId])}>
                    <Partner id={p.partnerId} />
                  </a>
                </td>
                <td>{p.policyVersion}</td>
                <td>
                  {p.createdBy}
                  <div class="muted small">
                    <When at={p.createdAt} />
                  </div>
                </td>
                <td>
                  {has('ADMIN') ? (
                    <a href={routeHref(['admin', 'policies', p.partnerId, 'new'])}>{t('policy.publishNew')}</a>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One partner's policy: any version, or the difference between two. */
function PolicyVersions({ partnerId }: { partnerId: string }) {
  const { t } = useI18n();
  const { has } = useSession();
  const { query } = useRoute();
  const latest = useQuery<{ partnerPolicy: PartnerPolicy }>(PARTNER_POLICY, { partnerId, version: null });
  const latestVersion = latest.data?.partnerPolicy.version;
  const version = Number(query.get('version')) || latestVersion;
  const compare = Number(query.get('compare')) || undefined;
  const shown = useQuery<{ partnerPolicy: PartnerPolicy }>(
    PARTNER_POLICY,
    { partnerId, version },
    version !== undefined,
  );
  const other = useQuery<{ partnerPolicy: PartnerPolicy }>(
    PARTNER_POLICY,
    { partnerId, version: compare },
    compare !== undefined,
  );
  const versions = latestVersion ? Array.from({ length: latestVersion }, (_, i) => latestVersion - i) : [];
  const select = (name: 'version' | 'compare', value: string) =>
    goWith(['admin', 'policies', partnerId], {
      version: name === 'version' ? value : String(version ?? ''),
      compare: name === 'compare' ? value : compare ? String(compare) : undefined,
    });
  return (
    <section>
      <div class="view-top">
        <ViewHeading>
          {t('policy.for')} <Partner id={partnerId} />
        </ViewHeading>
        {has('ADMIN') ? (
          <a class="button primary" href={routeHref(['admin', 'policies', partnerId, 'new'])}>
            {t('policy.publishNew')}
          </a>
        ) : null}
      </div>
      <ErrorMessage error={latest.error ?? shown.error ?? other.error} />
      <div class="filters card">
        <label>
          {t('policy.version')}
          <select value={String(version ?? '')} onChange={(e) => select('version', e.currentTarget.value)}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
                {v === latestVersion ? ` (${t('policy.latest')})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('policy.compareWith')}
          <select value={String(compare ?? '')} onChange={(e) => select('compare', e.currentTarget.value)}>
            <option value="">—</option>
            {versions
              .filter((v) => v !== version)
              .map((v) => (
                <option key={v} value={v}>
                  v{v}
                </option>
              ))}
          </select>
        </label>
      </div>
      {!shown.data ? (
        <Loading />
      ) : compare && other.data ? (
        <PolicyDiff before={other.data.partnerPolicy} after={shown.data.partnerPolicy} />
      ) : (
        <PolicyDocument policy={shown.data.partnerPolicy} />
      )}
    </section>
  );
}

export function PolicyValueText({ value }: { value: PolicyValue | undefined }) {
  const { t, code, field } = useI18n();
  if (!value) return <span class="muted">—</span>;
  switch (value.kind) {
    case 'codes':
      return <>{value.values.length ? value.values.map(code).join(', ') : '—'}</>;
    case 'nodes':
      return <>{value.values.length ? value.values.join(', ') : '—'}</>;
    case 'code':
      return <>{code(value.value)}</>;
    case 'number':
      return <>{value.unit === 'days' ? t('doc.days', { days: value.value }) : value.value}</>;
    case 'flag':
      return <>{value.value ? t('common.yes') : t('common.no')}</>;
    case 'transforms':
      return value.values.length ? (
        <ul class="plain">
          {value.values.map((tr) => (
            <li key={tr.path}>
              {field(tr.path)}: {code(tr.transform)}
            </li>
          ))}
        </ul>
      ) : (
        <>—</>
      );
    case 'none':
      return <span class="muted">{t('policy.nothing')}</span>;
  }
}

function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section class="card">
      <h2>{title}</h2>
      <dl class="meta policy-fields">{children}</dl>
    </section>
  );
}

function PolicyDocument({ policy }: { policy: PartnerPolicy }) {
  const { t, maybe } = useI18n();
  const rows = policyRows(policy);
  const part = (prefix: string) =>
    rows
      .filter((r) => r.key.startsWith(prefix))
      .map((r) => (
        <div key={r.key} class="policy-row" data-key={r.key}>
          <dt>{maybe(`policy.field.${r.key}`) ?? r.key}</dt>
          <dd>
            <PolicyValueText value={r.value} />
          </dd>
        </div>
      ));
  return (
    <div data-testid="policy-document">
      <p class="muted">
        {policy.policyVersion} · {t('policy.publishedBy')} {policy.createdBy} · <When at={policy.createdAt} />
      </p>
      <Section title={t('policy.outbound')}>{part('outbound')}</Section>
      <Section title={t('policy.inbound')}>{part('inbound')}</Section>
    </div>
  );
}

function PolicyDiff({ before, after }: { before: PartnerPolicy; after: PartnerPolicy }) {
  const { t, code, maybe } = useI18n();
  const rows = diffPolicies(before, after);
  const changes = rows.filter((r) => r.changed).length;
  return (
    <section data-testid="policy-diff">
      <h2>
        {t('policy.diffTitle', { before: before.policyVersion, after: after.policyVersion })}{' '}
        <span class="muted small">{t('policy.changes', { count: changes })}</span>
      </h2>
      <table class="list diff">
        <thead>
          <tr>
            <th scope="col">{t('approvals.field')}</th>
            <th scope="col">v{before.version}</th>
            <th scope="col">v{after.version}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} class={r.changed ? 'changed' : ''} data-key={r.key} data-changed={r.changed ? 'yes' : 'no'}>
              <th scope="row">{maybe(`policy.field.${r.key}`) ?? r.key}</th>
              <td>
                <PolicyValueText value={r.before} />
              </td>
              <td>
                <PolicyValueText value={r.after} />
                {r.added.length || r.removed.length ? (
                  <div class="small">
                    {r.added.map((x) => (
                      <span key={`+${x}`} class="diff-added">
                        + {code(x)}{' '}
                      </span>
                    ))}
                    {r.removed.map((x) => (
                      <span key={`-${x}`} class="diff-removed">
                        − {code(x)}{' '}
                      </span>
                    ))}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
