import { useCallback, useState } from 'react';

export const PAGE_SIZES = [10, 25, 50, 100];

/** Keyset paging: the cursors of the pages seen so far, so that Previous goes back without offsets. */
export function useKeyset(initialSize = 25) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [size, setSizeState] = useState(initialSize);
  const cursor = cursors[cursors.length - 1];
  const reset = useCallback(() => setCursors([undefined]), []);
  return {
    cursor,
    size,
    page: cursors.length,
    setSize: (s: number) => {
      setSizeState(s);
      setCursors([undefined]);
    },
    next: (nextCursor: string) => setCursors((c) => [...c, nextCursor]),
    previous: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    reset,
  };
}

export type Keyset = ReturnType<typeof useKeyset>;

export function Pager({ keyset, nextCursor, label, sizes = PAGE_SIZES }: {
  keyset: Keyset;
  nextCursor?: string | null;
  label: string;
  sizes?: number[];
}) {
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button type="button" onClick={keyset.previous} disabled={keyset.page <= 1}>
        ← Previous
      </button>
      <span aria-live="polite">Page {keyset.page}</span>
      <button type="button" onClick={() => nextCursor && keyset.next(nextCursor)} disabled={!nextCursor}>
        Next →
      </button>
      <label>
        Per page{' '}
        <select value={keyset.size} onChange={(e) => keyset.setSize(Number(e.target.value))}>
          {sizes.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
      </label>
    </nav>
  );
}
