import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handleSubmit } from '../../../src/ui/form.ts';
import { isLeaving, leaveTo, restoreOnReturn } from '../../../src/ui/leaving.ts';

function setup() {
  document.documentElement.removeAttribute('data-leaving');
  document.body.innerHTML = `
    <div id="form-message" role="status"></div><div id="announcer" aria-live="assertive"></div>
    <form id="f"><input id="email"><button id="go" type="submit">Create account</button></form>`;
  const form = document.getElementById('f') as HTMLFormElement;
  const button = document.getElementById('go') as HTMLButtonElement;
  return { form, button, message: document.getElementById('form-message') as HTMLElement };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('leaving the page after a successful submit', () => {
  let assign: ReturnType<typeof vi.fn>;
  let win: Window;
  beforeEach(() => {
    assign = vi.fn();
    win = {
      document,
      location: { assign },
      addEventListener: window.addEventListener.bind(window),
    } as unknown as Window;
  });

  it('keeps the button busy while the next page loads, so Enter cannot repeat the request', async () => {
    const { form, button, message } = setup();
    const run = vi.fn(async () => leaveTo(win, '/verify.html?email=a%40b.c'));
    handleSubmit({ form, submit: button, busyLabel: 'Creating account…', message, fields: {}, run });
    form.requestSubmit();
    await settle();
    expect(assign).toHaveBeenCalledWith('/verify.html?email=a%40b.c');
    expect(isLeaving(document)).toBe(true);
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('Creating account…');
    form.requestSubmit();
    await settle();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('still re-enables the button when the request fails (the rider stays)', async () => {
    const { form, button, message } = setup();
    handleSubmit({
      form,
      submit: button,
      busyLabel: 'Creating account…',
      message,
      fields: {},
      run: async () => {
        throw new Error('nope');
      },
    });
    form.requestSubmit();
    await settle();
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe('Create account');
  });

  it('makes busy buttons usable again when the page comes back from the back/forward cache', async () => {
    const { form, button, message } = setup();
    restoreOnReturn(window);
    handleSubmit({
      form,
      submit: button,
      busyLabel: 'Creating account…',
      message,
      fields: {},
      run: async () => leaveTo(win, '/next'),
    });
    form.requestSubmit();
    await settle();
    expect(button.disabled).toBe(true);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: false }));
    expect(button.disabled).toBe(true);
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    expect(isLeaving(document)).toBe(false);
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-busy')).toBeNull();
    expect(button.textContent).toBe('Create account');
  });
});
