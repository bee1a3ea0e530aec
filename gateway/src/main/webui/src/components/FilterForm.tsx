import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';

export interface FilterField {
  name: string;
  label: string;
  type?: 'text' | 'datetime-local' | 'select';
  options?: [string, string][];
  placeholder?: string;
}

/** The filters of a screen, kept in the URL (shareable, survive reloads); text filters apply on submit. */
export function useUrlFilters(names: string[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(names.map((n) => [n, params.get(n) ?? ''])) as Record<string, string>;
  const apply = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const n of names) {
      if (next[n]) p.set(n, next[n]);
      else p.delete(n);
    }
    setParams(p, { replace: true });
  };
  return { values, apply };
}

export function FilterForm({ fields, values, onApply, label, children }: {
  fields: FilterField[];
  values: Record<string, string>;
  onApply: (values: Record<string, string>) => void;
  label: string;
  children?: ReactNode;
}) {
  const [draft, setDraft] = useState(values);
  // When the address changes (back button, a checkbox elsewhere), take over only what changed there: text typed
  // but not applied yet stays.
  const previous = useRef(values);
  const key = JSON.stringify(values);
  useEffect(() => {
    const changed = Object.keys(values).filter((k) => values[k] !== previous.current[k]);
    previous.current = values;
    if (changed.length) setDraft((d) => ({ ...d, ...Object.fromEntries(changed.map((k) => [k, values[k]])) }));
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <form
      className="filters"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      {fields.map((f) => (
        <label key={f.name}>
          {f.label}
          {f.type === 'select' ? (
            <select name={f.name} value={draft[f.name] ?? ''} onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}>
              {(f.options ?? []).map(([value, text]) => <option key={value} value={value}>{text}</option>)}
            </select>
          ) : (
            <input
              name={f.name}
              type={f.type ?? 'text'}
              value={draft[f.name] ?? ''}
              placeholder={f.placeholder}
              onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })}
            />
          )}
        </label>
      ))}
      {children}
      <button type="submit" className="primary">Apply filters</button>
      <button type="button" onClick={() => onApply(Object.fromEntries(fields.map((f) => [f.name, ''])))}>Clear</button>
    </form>
  );
}
