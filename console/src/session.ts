import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api/client';
import type { Me, NodeInfo, Role } from './api/types';

export interface Session {
  api: Api;
  me: Me;
  node: NodeInfo;
  /** Partner node id → agency name, from the node's configuration. */
  partners: ReadonlyMap<string, string>;
  has(...roles: Role[]): boolean;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a logged-in console');
  return session;
}
