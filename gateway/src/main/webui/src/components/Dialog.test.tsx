import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ConfirmDialog, Dialog } from './Dialog';

/** A page with a button that opens a dialog; typing in the dialog re-renders the page (a new onClose each time). */
function Page() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  return (
    <>
      <button type="button">Before</button>
      <button type="button" onClick={() => setOpen(true)}>Open</button>
      {open && (
        <Dialog title="Rename" onClose={() => setOpen(false)} testId="rename">
          <label>Name <input value={name} onChange={(e) => setName(e.target.value)} /></label>
          <label>Note <input value={note} onChange={(e) => setNote(e.target.value)} /></label>
          <button type="button" disabled>Unavailable</button>
          <a href="/help">Help</a>
          <button type="button" onClick={() => setOpen(false)}>Done</button>
          <button type="button" disabled>Also unavailable</button>
        </Dialog>
      )}
    </>
  );
}

describe('a dialog', () => {
  it('keeps Tab and Shift+Tab inside, skipping disabled controls', async () => {
    render(<Page />);
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename' });
    const name = within(dialog).getByLabelText('Name');
    const done = within(dialog).getByRole('button', { name: 'Done' });
    expect(name).toHaveFocus();

    await userEvent.tab();
    expect(within(dialog).getByLabelText('Note')).toHaveFocus();
    await userEvent.tab();
    expect(within(dialog).getByRole('link', { name: 'Help' })).toHaveFocus();
    await userEvent.tab();
    expect(done).toHaveFocus();
    // from the last control back to the first, not out to the page behind
    await userEvent.tab();
    expect(name).toHaveFocus();
    // and backwards from the first to the last
    await userEvent.tab({ shift: true });
    expect(done).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(within(dialog).getByRole('link', { name: 'Help' })).toHaveFocus();
  });

  it('keeps the focus where it is when the page behind re-renders', async () => {
    render(<Page />);
    await userEvent.click(screen.getByRole('button', { name: 'Open' }));
    const note = screen.getByLabelText('Note');
    await userEvent.tab();
    // each key re-renders the page, which hands the dialog a new onClose
    await userEvent.keyboard('abc');
    expect(note).toHaveValue('abc');
    expect(note).toHaveFocus();
    expect(screen.getByLabelText('Name')).toHaveValue('');
  });

  it('closes on Escape and gives the focus back to the button that opened it', async () => {
    render(<Page />);
    const open = screen.getByRole('button', { name: 'Open' });
    await userEvent.click(open);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(open).not.toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(open).toHaveFocus();

    // the same when it closes through one of its own buttons
    await userEvent.click(open);
    await userEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(open).toHaveFocus();
  });

  it('that confirms goes round its two buttons', async () => {
    function Confirm() {
      const [open, setOpen] = useState(true);
      return open ? <ConfirmDialog title="Delete it?" confirmLabel="Delete" onConfirm={() => setOpen(false)} onCancel={() => setOpen(false)}>
        <p>It goes for good.</p></ConfirmDialog> : null;
    }
    render(<Confirm />);
    const dialog = screen.getByRole('dialog', { name: 'Delete it?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.tab();
    expect(within(dialog).getByRole('button', { name: 'Delete' })).toHaveFocus();
    await userEvent.tab();
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
  });
});
