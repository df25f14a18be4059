// Form submission with a busy button, no double submit, and errors placed where they belong.

import type { AuthErrorField } from '../auth/errors.ts';
import { AuthError } from '../auth/errors.ts';
import { announce, clearFieldErrors, clearNotice, fieldError, notify } from './dom.ts';
import { isLeaving } from './leaving.ts';

/** Marks a button busy (disabled, aria-busy, busy label); returns a function that restores it. */
function setBusy(button: HTMLButtonElement, busyLabel: string): () => void {
  const label = button.textContent;
  button.dataset.idleLabel = label;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = busyLabel;
  return () => {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  };
}

/**
 * Runs `task` while `button` is busy; a second click or Enter during the request does nothing.
 * Returns false (without running) when a task is already in flight. When the task sent the rider
 * to another page, the button stays busy while that page loads (see leaving.ts).
 */
export async function whileBusy(
  button: HTMLButtonElement,
  busyLabel: string,
  task: () => Promise<void>,
): Promise<boolean> {
  if (button.getAttribute('aria-busy') === 'true') return false;
  const restore = setBusy(button, busyLabel);
  try {
    await task();
  } finally {
    if (!isLeaving(button.ownerDocument)) restore();
  }
  return true;
}

export interface FormHandlers {
  form: HTMLFormElement;
  submit: HTMLButtonElement;
  busyLabel: string;
  message: HTMLElement;
  /** Which input shows errors for each field an AuthError can name. */
  fields: Partial<Record<AuthErrorField, HTMLInputElement>>;
  run(): Promise<void>;
}

/** Wires a form: validation and request in `run`, AuthErrors shown on their field or in the message. */
export function handleSubmit(h: FormHandlers): void {
  h.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void whileBusy(h.submit, h.busyLabel, async () => {
      clearFieldErrors(h.form);
      clearNotice(h.message);
      try {
        await h.run();
      } catch (err) {
        showError(h, err);
      }
    });
  });
}

/**
 * Shows an error under a field and makes sure it is heard. Moving focus to the field reads the
 * error (it is in the field's aria-describedby); a field that already has focus (the rider pressed
 * Enter in it) is not read again, so the error is announced instead — once, never both ways.
 */
export function flagField(input: HTMLInputElement, message: string): void {
  fieldError(input, message);
  if (input.ownerDocument.activeElement === input) announce(input.ownerDocument, message);
  else input.focus();
}

export function showError(h: Pick<FormHandlers, 'message' | 'fields'>, err: unknown): void {
  const error =
    err instanceof AuthError ? err : new AuthError('Unknown', 'Something went wrong on our side. Please try again.');
  const input = error.field && h.fields[error.field];
  if (input) {
    flagField(input, error.message);
  } else {
    notify(h.message, 'error', error.message);
  }
}
