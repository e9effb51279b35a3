import { NODE_KIND } from '../../api/admin-operations';
import { Loading, SubNav } from '../../components/common';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';
import { AccountsView } from './accounts';
import { NodePeersView } from './node-peers';
import { PoliciesView } from './policies';
import { ScreeningSystemsView } from './screening-systems';
import { TaxiiView } from './taxii';

/**
 * Administration: the node and its peers, accounts, partner policies, TAXII accounts and, at an exchange,
 * the screening systems (auditors read all but accounts).
 */
export function AdminView({ parts }: { parts: string[] }) {
  const { t } = useI18n();
  const { has } = useSession();
  const [section = 'node', ...rest] = parts;
  const kind = useQuery<{ nodeInfo: { kind: string } }>(NODE_KIND).data?.nodeInfo.kind;
  const exchange = kind === 'exchange';
  const items = [
    { id: 'node', href: '#/admin', label: t('admin.nodeAndPeers') },
    ...(has('ADMIN') ? [{ id: 'accounts', href: '#/admin/accounts', label: t('admin.users') }] : []),
    { id: 'policies', href: '#/admin/policies', label: t('admin.policies') },
    { id: 'taxii', href: '#/admin/taxii', label: t('admin.taxii') },
    ...(exchange
      ? [{ id: 'screening-systems', href: '#/admin/screening-systems', label: t('admin.screeningSystems') }]
      : []),
  ];
  return (
    <div class="admin">
      <SubNav items={items} current={section} label={t('admin.sections')} />
      {section === 'accounts' && has('ADMIN') ? (
        <AccountsView />
      ) : section === 'policies' ? (
        <PoliciesView parts={rest} />
      ) : section === 'taxii' ? (
        <TaxiiView />
      ) : section === 'screening-systems' && exchange ? (
        <ScreeningSystemsView />
      ) : section === 'screening-systems' && !kind ? (
        <Loading />
      ) : (
        <NodePeersView />
      )}
    </div>
  );
}
