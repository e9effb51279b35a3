import { useRef, useState } from 'preact/hooks';
import type { Case } from '../../api/types';
import { ErrorMessage, Status } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session';

export function CaseAttachments({ value, onUploaded }: { value: Case; onUploaded: () => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');

  const upload = async (event: Event) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setError(new Error(t('attachments.choose')));
    setError(undefined);
    setStatus(t('attachments.uploading', { name: file.name }));
    try {
      const uploaded = await api.upload(value.id, file);
      setStatus(t('attachments.uploaded', { name: file.name, sha256: uploaded.sha256.slice(0, 12) }));
      if (input.current) input.current.value = '';
      onUploaded();
    } catch (failure) {
      setStatus('');
      setError(failure);
    }
  };

  return (
    <section class="card" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('attachments.title')}</h2>
      <p class="muted small">{t('attachments.hint')}</p>
      <form onSubmit={upload} class="inline">
        <label>
          {t('attachments.file')}
          <input ref={input} type="file" name="evidence" />
        </label>
        <button type="submit">{t('attachments.upload')}</button>
      </form>
      <ErrorMessage error={error} />
      <Status text={status} />
    </section>
  );
}
