/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Header } from '../App';
import { applyTheme, storedThemeChoice, THEME_KEY } from '../theme';
import { ADMIN } from '../test/render';
import { TimelineChart } from './TimelineChart';

type BarProps = { options: { color?: string; scales: { x: { ticks: { color?: string }; grid: { color?: string } } }; plugins: { legend: { labels: { color?: string } } } } };
const bar = vi.hoisted(() => ({ props: [] as unknown[] }));
// no canvas here: the chart's options are what is checked
vi.mock('react-chartjs-2', () => ({ Bar: (props: unknown) => { bar.props.push(props); return null; } }));

const root = document.documentElement;

describe('the theme choice in the header', () => {
  it('sets <html data-theme> and keeps the choice in localStorage; System follows the system again', async () => {
    render(<Header me={ADMIN} />);
    const choice = screen.getByRole('combobox', { name: 'Theme' });
    expect(choice).toHaveAttribute('data-testid', 'theme-choice');
    expect(choice).toHaveValue('system');
    expect(within(choice).getAllByRole('option').map((o) => o.textContent)).toEqual(['System', 'Light', 'Dark']);
    expect(root).not.toHaveAttribute('data-theme');

    await userEvent.selectOptions(choice, 'Dark');
    expect(root).toHaveAttribute('data-theme', 'dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');

    await userEvent.selectOptions(choice, 'Light');
    expect(root).toHaveAttribute('data-theme', 'light');
    expect(localStorage.getItem(THEME_KEY)).toBe('light');

    await userEvent.selectOptions(choice, 'System');
    expect(root).not.toHaveAttribute('data-theme');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
  });

  it('starts from the stored choice, applied before the first render, and ignores values it does not know', () => {
    localStorage.setItem(THEME_KEY, 'dark');
    applyTheme(storedThemeChoice());
    expect(root).toHaveAttribute('data-theme', 'dark');
    render(<Header me={ADMIN} />);
    expect(screen.getByTestId('theme-choice')).toHaveValue('dark');

    localStorage.setItem(THEME_KEY, 'purple');
    expect(storedThemeChoice()).toBe('system');
  });
});

describe('the stylesheet', () => {
  it('gives the chosen dark theme the same colours as the system dark theme, and lets a chosen light theme override it', () => {
    // read as text: the tests run without CSS processing
    const css = readFileSync(fileURLToPath(new globalThis.URL('../styles.css', import.meta.url).href), 'utf8');
    const declarations = (block: string) => block.split(';').map((d) => d.trim()).filter((d) => d.startsWith('--')).sort();
    const system = /@media \(prefers-color-scheme: dark\) \{\s*:root:not\(\[data-theme="light"\]\) \{([^}]*)\}/.exec(css);
    const chosen = /:root\[data-theme="dark"\] \{([^}]*)\}/.exec(css);
    expect(system).not.toBeNull();
    expect(chosen).not.toBeNull();
    expect(declarations(chosen![1])).toEqual(declarations(system![1]));
    // every colour of the light theme has its dark one (the focus ring is the same in both)
    const light = /^:root \{([^}]*)\}/m.exec(css);
    const names = (block: string) => declarations(block).map((d) => d.split(':')[0]);
    expect(names(system![1])).toEqual(names(light![1]).filter((n) => n !== '--focus'));
    expect(css).toMatch(/:root\[data-theme="light"\] \{ color-scheme: light; \}/);
  });
});

describe('the timeline chart', () => {
  it('takes its axis, grid and legend colours from the theme and follows a change of theme', async () => {
    const style = document.createElement('style');
    style.textContent = 'html { --text: #111111; --border: #cccccc; } html[data-theme="dark"] { --text: #eeeeee; --border: #333333; }';
    document.head.append(style);
    try {
      render(<TimelineChart timeline={{ bucket: 'hour', from: '', to: '', points: [{ start: '2026-11-29T01:00:00Z', total: 1, counts: { CREATED: 1 } }] }} />);
      const last = () => (bar.props.at(-1) as BarProps).options;
      expect(last().scales.x.ticks.color).toBe('#111111');
      expect(last().scales.x.grid.color).toBe('#cccccc');
      expect(last().plugins.legend.labels.color).toBe('#111111');

      applyTheme('dark');
      await waitFor(() => expect(last().scales.x.ticks.color).toBe('#eeeeee'));
      expect(last().scales.x.grid.color).toBe('#333333');
      expect(last().plugins.legend.labels.color).toBe('#eeeeee');
      expect(last().color).toBe('#eeeeee');
    } finally {
      style.remove();
    }
  });
});
