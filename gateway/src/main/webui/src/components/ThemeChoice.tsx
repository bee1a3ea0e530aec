import { useId } from 'react';
import { useThemeChoice, type ThemeChoice as Choice } from '../theme';

const OPTIONS: [Choice, string][] = [['system', 'System'], ['light', 'Light'], ['dark', 'Dark']];

/** The colour theme: the system's, light or dark (a display preference kept in this browser). */
export function ThemeChoice() {
  const [choice, choose] = useThemeChoice();
  const id = useId();
  return (
    <span className="theme-choice">
      <label htmlFor={id}>Theme</label>
      <select id={id} value={choice} onChange={(e) => choose(e.target.value as Choice)} data-testid="theme-choice">
        {OPTIONS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
    </span>
  );
}
