// Password field helpers: the live policy checklist and the show-password toggle.
import { PASSWORD_RULES } from '../auth/password-policy';

/** Fills `list` from the policy and ticks rules off as the rider types. */
export function passwordChecklist(input: HTMLInputElement, list: HTMLElement): void {
  const items = PASSWORD_RULES.map((rule) => {
    const li = document.createElement('li');
    const state = document.createElement('span');
    state.className = 'visually-hidden';
    li.append(rule.label, state);
    list.append(li);
    return { rule, li, state };
  });
  const update = (): void => {
    for (const { rule, li, state } of items) {
      const met = rule.test(input.value);
      li.classList.toggle('met', met);
      state.textContent = met ? ' (done)' : ' (still needed)';
    }
  };
  input.addEventListener('input', update);
  update();
}

/** A "Show" button (aria-pressed) that reveals the password in every given input. */
export function passwordToggle(button: HTMLButtonElement, inputs: HTMLInputElement[]): void {
  button.addEventListener('click', () => {
    const reveal = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(reveal));
    for (const input of inputs) input.type = reveal ? 'text' : 'password';
  });
}
