import { beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD_RULES } from '../../../src/auth/password-policy.ts';
import { passwordChecklist } from '../../../src/ui/password.ts';
import { $, input, loadPage, type } from './helpers.ts';

// The checklist is in the HTML so the page doesn't shift when the script runs (Lighthouse CLS);
// these tests keep that HTML identical to the policy module, the one source of truth.
const checklists = [
  ['register', 'password-rules', 'password'],
  ['signin', 'new-password-rules', 'new-password'],
  ['signin', 'reset-password-rules', 'reset-password'],
] as const;

const items = (listId: string) => Array.from($(listId).querySelectorAll('li'));

describe('password checklists in the HTML', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it.each(checklists)('%s.html #%s lists every policy rule, in order, with the policy’s wording', (page, listId) => {
    loadPage(page);
    const html = items(listId);
    expect(html.map((li) => li.dataset.rule)).toEqual(PASSWORD_RULES.map((rule) => rule.id));
    expect(html.map((li) => li.firstChild?.textContent)).toEqual(PASSWORD_RULES.map((rule) => rule.label));
    for (const li of html) {
      expect(li.querySelector('span.visually-hidden')?.textContent).toBe(' (still needed)');
      expect(li.textContent).toBe(`${li.firstChild?.textContent} (still needed)`);
    }
  });

  it.each(checklists)('%s.html #%s: the script updates the items in place and adds none', (page, listId, inputId) => {
    loadPage(page);
    const before = items(listId);
    passwordChecklist(input(inputId), $(listId));
    expect(items(listId)).toEqual(before);
    expect(items(listId).every((li, i) => li === before[i])).toBe(true);
    type(inputId, 'unicorn');
    expect(items(listId).map((li) => li.classList.contains('met'))).toEqual([false, false, true, false, false]);
  });

  it('counts an emoji as one character, as Cognito does: "Ab1!😀😀" is 6 characters, not 8', () => {
    loadPage('register');
    passwordChecklist(input('password'), $('password-rules'));
    type('password', 'Ab1!\u{1F600}\u{1F600}');
    expect(items('password-rules').map((li) => li.classList.contains('met'))).toEqual([false, true, true, true, true]);
    type('password', 'Ab1!\u{1F600}\u{1F600}\u{1F600}\u{1F600}');
    expect(items('password-rules').map((li) => li.classList.contains('met'))).toEqual([true, true, true, true, true]);
  });

  it('still builds the list from the policy when the HTML has none', () => {
    document.body.innerHTML = '<input id="pw"><ul id="rules"></ul>';
    passwordChecklist(input('pw'), $('rules'));
    expect(items('rules').map((li) => li.textContent)).toEqual(
      PASSWORD_RULES.map((rule) => `${rule.label} (still needed)`),
    );
  });
});
