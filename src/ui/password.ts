// Password field helpers: the live policy checklist and the show-password toggle.
import { PASSWORD_RULES } from '../auth/password-policy.ts';

/**
 * Ticks the policy checklist off as the rider types. The page's HTML already holds one
 * `<li data-rule="…">` per rule (so nothing shifts when the script runs); their text is set from
 * the policy here, and any missing item is added.
 */
export function passwordChecklist(input: HTMLInputElement, list: HTMLElement): void {
  const items = PASSWORD_RULES.map((rule) => {
    let li = list.querySelector<HTMLLIElement>(`li[data-rule="${rule.id}"]`);
    if (!li) {
      li = document.createElement('li');
      li.dataset.rule = rule.id;
      list.append(li);
    }
    const state = li.querySelector('span') ?? document.createElement('span');
    state.className = 'visually-hidden';
    li.replaceChildren(rule.label, state);
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
