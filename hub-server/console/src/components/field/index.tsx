import type { JSX } from 'preact';
import { t } from '../../messages/index.ts';

type InputProps = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'label'>;

/** A labelled text input (the label wraps it, so it is its accessible name); `onValue` gets the text. */
export function TextField({
  label,
  value,
  onValue,
  ...input
}: InputProps & { label: string; value: string; onValue: (value: string) => void }) {
  return (
    <label>
      {label}
      <input {...input} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
    </label>
  );
}

/** A labelled filter select whose first option is "any" (the empty value), then `options`. */
export function SelectField({
  label,
  name,
  value,
  onValue,
  options,
  extra,
}: {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: string }[];
  /** Options between "any" and the list (e.g. "any alert"). */
  extra?: JSX.Element;
}) {
  return (
    <label>
      {label}
      <select name={name} value={value} onChange={(e) => onValue(e.currentTarget.value)}>
        <option value="">{t('fleet.any')}</option>
        {extra}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
