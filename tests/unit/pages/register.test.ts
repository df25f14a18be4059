import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../src/auth/errors.ts';
import type { RegisterDeps } from '../../../src/pages/register.ts';
import { mountRegister } from '../../../src/pages/register.ts';
import { $, deferred, fieldErrorOf, input, loadPage, settle, submit, type } from './helpers.ts';

const STRONG = 'Unicorn1!';

function setup(
  query = '',
  register: RegisterDeps['auth']['register'] = vi.fn(async () => ({ destination: 'r***@e***', confirmed: false })),
) {
  loadPage('register');
  const navigate = vi.fn();
  const auth = { register: vi.fn(register) };
  mountRegister(document, { auth, navigate, params: new URLSearchParams(query) });
  return { auth, navigate };
}

function fill(email = 'Rider@Example.com', password = STRONG, confirm = password) {
  type('email', email);
  type('password', password);
  type('confirm-password', confirm);
}

describe('register page', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('has labelled inputs with the right autocomplete values', () => {
    setup();
    expect(input('email').autocomplete).toBe('email');
    expect(input('password').autocomplete).toBe('new-password');
    expect(input('confirm-password').autocomplete).toBe('new-password');
    for (const id of ['email', 'password', 'confirm-password']) {
      expect(document.querySelector(`label[for="${id}"]`)?.textContent).toBeTruthy();
      expect(input(id).getAttribute('aria-describedby')).toContain(`${id}-error`);
    }
  });

  it('prefills the email from ?email=', () => {
    setup('?email=rider%40example.com');
    expect(input('email').value).toBe('rider@example.com');
  });

  it('ticks the policy checklist off while typing', () => {
    setup();
    const items = () => Array.from($('password-rules').querySelectorAll('li'));
    expect(items()).toHaveLength(5);
    expect(items().filter((li) => li.classList.contains('met'))).toHaveLength(0);
    type('password', 'unicorn');
    expect(items().map((li) => li.classList.contains('met'))).toEqual([false, false, true, false, false]);
    expect(items()[2]!.textContent).toBe('A lowercase letter (a–z) (done)');
    expect(items()[0]!.textContent).toBe('At least 8 characters (still needed)');
    type('password', STRONG);
    expect(items().every((li) => li.classList.contains('met'))).toBe(true);
  });

  it('shows and hides both passwords with an aria-pressed toggle', () => {
    setup();
    const toggle = $<HTMLButtonElement>('show-password');
    toggle.click();
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(input('password').type).toBe('text');
    expect(input('confirm-password').type).toBe('text');
    toggle.click();
    expect(input('password').type).toBe('password');
  });

  it('registers and goes to verify.html with the email', async () => {
    const { auth, navigate } = setup();
    fill();
    submit('register-form');
    await settle();
    expect(auth.register).toHaveBeenCalledWith('Rider@Example.com', STRONG);
    expect(navigate).toHaveBeenCalledWith('/verify.html?email=rider%40example.com&sent=1');
  });

  it('goes straight to sign-in when the pool confirmed the account', async () => {
    const { navigate } = setup('', async () => ({ destination: null, confirmed: true }));
    fill();
    submit('register-form');
    await settle();
    expect(navigate).toHaveBeenCalledWith('/signin.html?email=rider%40example.com');
  });

  it('announces the mismatch when the confirm field already has focus (Enter pressed in it)', async () => {
    const { auth } = setup();
    fill('rider@example.com', STRONG, 'Different1!');
    input('confirm-password').focus();
    // The announcer fills the region on a timer: run it on fake timers, not a real-time wait.
    vi.useFakeTimers();
    submit('register-form');
    await vi.advanceTimersByTimeAsync(0);
    expect(fieldErrorOf('confirm-password')).toBe('The passwords don’t match. Type the same password twice.');
    await vi.runAllTimersAsync();
    expect($('announcer').textContent).toBe('The passwords don’t match. Type the same password twice.');
    expect($('form-message').textContent).toBe('');
    expect(auth.register).not.toHaveBeenCalled();
  });

  it('refuses mismatched passwords without a request and focuses the confirm field', async () => {
    const { auth } = setup();
    fill('rider@example.com', STRONG, 'Unicorn1?');
    submit('register-form');
    await settle();
    expect(auth.register).not.toHaveBeenCalled();
    expect(fieldErrorOf('confirm-password')).toBe('The passwords don’t match. Type the same password twice.');
    expect(input('confirm-password').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('confirm-password'));
  });

  it('puts a validation error on its field, focuses it, and clears it on the next try', async () => {
    const register = vi
      .fn()
      .mockRejectedValueOnce(new AuthError('InvalidPassword', 'Add a symbol, like ! ? # or %.', undefined, 'password'))
      .mockResolvedValueOnce({ destination: null, confirmed: false });
    const { navigate } = setup('', register);
    fill('rider@example.com', 'Unicorn12');
    submit('register-form');
    await settle();
    expect(fieldErrorOf('password')).toBe('Add a symbol, like ! ? # or %.');
    expect(input('password').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('password'));
    expect(navigate).not.toHaveBeenCalled();

    fill('rider@example.com', STRONG);
    submit('register-form');
    await settle();
    expect(fieldErrorOf('password')).toBeNull();
    expect(input('password').hasAttribute('aria-invalid')).toBe(false);
    expect(navigate).toHaveBeenCalledOnce();
  });

  it('offers sign-in or verification for an existing account', async () => {
    setup('', async () => {
      throw new AuthError(
        'UsernameExists',
        'An account with this email already exists.',
        'UsernameExistsException',
        'email',
      );
    });
    fill('Taken@Example.com');
    submit('register-form');
    await settle();
    const message = $('form-message');
    expect(message.hidden).toBe(false);
    expect(message.className).toContain('notice-error');
    const links = Array.from(message.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/signin.html?email=taken%40example.com', '/verify.html?email=taken%40example.com']);
    expect(message.textContent).toBe(
      'An account with this email already exists. Sign in or enter your confirmation code if you haven’t confirmed it yet.',
    );
    expect(document.activeElement).toBe(message);
  });

  it('shows a network failure in the message region and focuses it', async () => {
    setup('', async () => {
      throw new AuthError(
        'Network',
        'We couldn’t reach Wild Rydes. Check your internet connection and try again.',
        'NetworkError',
      );
    });
    fill();
    submit('register-form');
    await settle();
    expect($('form-message').textContent).toBe(
      'We couldn’t reach Wild Rydes. Check your internet connection and try again.',
    );
    expect($('form-message').getAttribute('role')).toBe('status');
    expect(document.activeElement).toBe($('form-message'));
  });

  it('is busy while the request runs and ignores a second submit', async () => {
    const pending = deferred<{ destination: string | null; confirmed: boolean }>();
    const { auth, navigate } = setup('', () => pending.promise);
    fill();
    submit('register-form');
    await settle();
    const button = $<HTMLButtonElement>('submit');
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent).toBe('Creating account…');
    submit('register-form');
    submit('register-form');
    await settle();
    expect(auth.register).toHaveBeenCalledTimes(1);
    pending.resolve({ destination: null, confirmed: false });
    await settle();
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(false);
    expect(button.hasAttribute('aria-busy')).toBe(false);
    expect(button.textContent).toBe('Create account');
  });

  it('never renders rider text as HTML', async () => {
    setup('', async () => {
      throw new AuthError('UsernameExists', 'exists', undefined, 'email');
    });
    fill('<img src=x onerror=alert(1)>@example.com');
    submit('register-form');
    await settle();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });
});
