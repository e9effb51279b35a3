import { useSession } from '../session';

/** "Cambodian National Police (kh-cnp)": a partner by its agency name, with the id beside it. */
export function usePartnerLabel(): (id: string) => string {
  const { partners, node } = useSession();
  return (id: string) => {
    const name = id === node.id ? node.name : partners.get(id);
    return name ? `${name} (${id})` : id;
  };
}

export function Partner({ id }: { id: string | null | undefined }) {
  const { partners, node } = useSession();
  if (!id) return <span class="muted">—</span>;
  const name = id === node.id ? node.name : partners.get(id);
  return (
    <span class="partner" data-partner={id}>
      {name ? (
        <>
          {name} <span class="partner-id">{id}</span>
        </>
      ) : (
        <span class="partner-id">{id}</span>
      )}
    </span>
  );
}
