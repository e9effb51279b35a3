import type { ComponentChildren } from 'preact';
import {
  POLICY_FIELD_TRANSFORMS,
  type InboundPolicy,
  type OutboundPolicy,
  type PolicyProblem,
} from '../../api/admin-operations';
import { APPROVAL_MODES, DATA_CATEGORIES, OFFENCE_CATEGORIES, PURPOSES, TLP_LEVELS } from '../../api/vocabulary';
import { useQuery } from '../../components/use-query';
import { useI18n } from '../../i18n/i18n';
import { usePartnerLabel } from '../../components/partner';
import { useSession } from '../../session';
import { rowOfProblem } from './policy-model';

/** A labelled part of the form with the node's objections to it beneath. */
function Row({ row, problems, children }: { row: string; problems: PolicyProblem[]; children: ComponentChildren }) {
  const { maybe, problemText } = useI18n();
  const mine = problems.filter((p) => rowOfProblem(p.field) === row);
  return (
    <fieldset class={mine.length ? 'has-problem' : ''} data-row={row}>
      <legend>{maybe(`policy.field.${row}`) ?? row}</legend>
      {children}
      {mine.map((p) => (
        <p key={p.field + p.message} class="field-problem" data-testid="policy-problem" data-field={p.field}>
          {problemText(p.message)}
        </p>
      ))}
    </fieldset>
  );
}

/** Checkboxes for a list of codes (or node ids), in the reader's language. */
function Checks<T extends string>({
  row,
  values,
  options,
  onChange,
  problems,
  label,
}: {
  row: string;
  values: T[];
  options: T[];
  onChange: (values: T[]) => void;
  problems: PolicyProblem[];
  label?: (option: T) => string;
}) {
  const { code } = useI18n();
  return (
    <Row row={row} problems={problems}>
      {options.map((option) => (
        <label class="check" key={option}>
          <input
            type="checkbox"
            name={row}
            checked={values.includes(option)}
            onChange={() =>
              onChange(values.includes(option) ? values.filter((v) => v !== option) : [...values, option])
            }
          />
          {(label ?? code)(option)}
        </label>
      ))}
    </Row>
  );
}

function CodeSelect<T extends string>({
  row,
  value,
  options,
  onChange,
  problems,
}: {
  row: string;
  value: T;
  options: T[];
  onChange: (value: T) => void;
  problems: PolicyProblem[];
}) {
  const { code, maybe } = useI18n();
  return (
    <Row row={row} problems={problems}>
      <select
        aria-label={maybe(`policy.field.${row}`) ?? row}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value as T)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {code(option)}
          </option>
        ))}
      </select>
    </Row>
  );
}

function Days({
  row,
  value,
  onChange,
  problems,
}: {
  row: string;
  value: number;
  onChange: (days: number) => void;
  problems: PolicyProblem[];
}) {
  const { maybe } = useI18n();
  return (
    <Row row={row} problems={problems}>
      <input
        type="number"
        aria-label={maybe(`policy.field.${row}`) ?? row}
        value={value}
        onInput={(e) => onChange(Number(e.currentTarget.value))}
      />
    </Row>
  );
}

type Transform = OutboundPolicy['transforms'][number];

/** Field transforms: each case field offers only the transforms the node says apply to it. */
function Transforms({
  transforms,
  onChange,
  problems,
}: {
  transforms: Transform[];
  onChange: (t: Transform[]) => void;
  problems: PolicyProblem[];
}) {
  const { t, code, field } = useI18n();
  const fields = useQuery<{ policyFieldTransforms: { path: string; transforms: string[] }[] }>(POLICY_FIELD_TRANSFORMS);
  const options = fields.data?.policyFieldTransforms ?? [];
  const kindsFor = (path: string) => options.find((f) => f.path === path)?.transforms ?? [];
  const update = (i: number, patch: Partial<Transform>) =>
    onChange(transforms.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Row row="outbound.transforms" problems={problems}>
      {transforms.map((tr, i) => (
        <div class="transform-row" key={i}>
          <label>
            {t('policy.transformField', { n: i + 1 })}
            <select value={tr.path} onChange={(e) => update(i, { path: e.currentTarget.value })}>
              {[...new Set([tr.path, ...options.map((f) => f.path)])].map((path) => (
                <option key={path} value={path}>
                  {field(path)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('policy.transformKind', { n: i + 1 })}
            <select value={tr.transform} onChange={(e) => update(i, { transform: e.currentTarget.value })}>
              {[...new Set([tr.transform, ...kindsFor(tr.path)])].map((kind) => (
                <option key={kind} value={kind}>
                  {code(kind)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => onChange(transforms.filter((_, j) => j !== i))}>
            {t('policy.removeTransform', { n: i + 1 })}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...transforms, { path: 'summary', transform: 'DROP' }])}>
        {t('policy.addTransform')}
      </button>
    </Row>
  );
}

export function OutboundPart({
  partnerId,
  out,
  setOut,
  problems,
}: {
  partnerId: string;
  out: OutboundPolicy;
  setOut: (patch: Partial<OutboundPolicy>) => void;
  problems: PolicyProblem[];
}) {
  const { t } = useI18n();
  const { partners } = useSession();
  const partner = usePartnerLabel();
  const p = { problems };
  return (
    <>
      <Checks
        row="outbound.offenceCategories"
        values={out.offenceCategories}
        options={OFFENCE_CATEGORIES}
        onChange={(v) => setOut({ offenceCategories: v })}
        {...p}
      />
      <Checks
        row="outbound.purposes"
        values={out.purposes}
        options={PURPOSES}
        onChange={(v) => setOut({ purposes: v })}
        {...p}
      />
      <div class="grid-3">
        <CodeSelect
          row="outbound.tlpCeiling"
          value={out.tlpCeiling}
          options={TLP_LEVELS}
          onChange={(v) => setOut({ tlpCeiling: v })}
          {...p}
        />
        <Days
          row="outbound.retentionDays"
          value={out.retentionDays}
          onChange={(v) => setOut({ retentionDays: v })}
          {...p}
        />
        <CodeSelect
          row="outbound.approvalMode"
          value={out.approvalMode}
          options={APPROVAL_MODES}
          onChange={(v) => setOut({ approvalMode: v })}
          {...p}
        />
      </div>
      <Checks
        row="outbound.dataCategories"
        values={out.dataCategories}
        options={DATA_CATEGORIES}
        onChange={(v) => setOut({ dataCategories: v })}
        {...p}
      />
      <Transforms transforms={out.transforms} onChange={(v) => setOut({ transforms: v })} {...p} />
      <Row row="outbound.onwardSharing" {...p}>
        <label class="check">
          <input
            type="checkbox"
            checked={out.onwardSharing.allowed}
            onChange={() => setOut({ onwardSharing: { ...out.onwardSharing, allowed: !out.onwardSharing.allowed } })}
          />
          {t('policy.mayRelay')}
        </label>
      </Row>
      <Checks
        row="outbound.onwardSharingTo"
        values={out.onwardSharing.to}
        options={[...partners.keys()].filter((id) => id !== partnerId)}
        label={partner}
        onChange={(v) => setOut({ onwardSharing: { ...out.onwardSharing, to: v } })}
        {...p}
      />
      <Checks
        row="outbound.watchlistCategories"
        values={out.watchlistCategories}
        options={OFFENCE_CATEGORIES}
        onChange={(v) => setOut({ watchlistCategories: v })}
        {...p}
      />
    </>
  );
}

export function InboundPart({
  inb,
  setIn,
  problems,
}: {
  inb: InboundPolicy;
  setIn: (patch: Partial<InboundPolicy>) => void;
  problems: PolicyProblem[];
}) {
  const { t } = useI18n();
  const p = { problems };
  return (
    <>
      <Checks
        row="inbound.offenceCategories"
        values={inb.offenceCategories}
        options={OFFENCE_CATEGORIES}
        onChange={(v) => setIn({ offenceCategories: v })}
        {...p}
      />
      <div class="grid-3">
        <CodeSelect
          row="inbound.tlpCeiling"
          value={inb.tlpCeiling}
          options={TLP_LEVELS}
          onChange={(v) => setIn({ tlpCeiling: v })}
          {...p}
        />
        <Days
          row="inbound.maxRetentionDays"
          value={inb.maxRetentionDays}
          onChange={(v) => setIn({ maxRetentionDays: v })}
          {...p}
        />
        <Row row="inbound.acceptRelayed" {...p}>
          <label class="check">
            <input
              type="checkbox"
              checked={inb.acceptRelayed}
              onChange={() => setIn({ acceptRelayed: !inb.acceptRelayed })}
            />
            {t('policy.acceptRelayed')}
          </label>
        </Row>
      </div>
    </>
  );
}
