// Sign in with an API key or a JWT; nothing else of the dashboard shows before the server accepts it.
import { h, fill, errorText } from '../dom.js';

export function render({ main, message, signIn }) {
  const input = h('input', {
    id: 'credential', name: 'credential', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true,
    'aria-describedby': 'credential-hint',
  });
  const problem = h('p', { id: 'login-problem', class: 'error-box', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', id: 'sign-in' }, 'Sign in');
  const form = h('form', { class: 'panel', id: 'login-form', novalidate: true },
    h('div', { class: 'field wide' },
      h('label', { for: 'credential' }, 'API key or token'),
      input,
      h('span', { class: 'hint', id: 'credential-hint' },
        'An API key (rk_…) or a JWT, as you would send in "Authorization: Bearer". It is kept in this browser tab only, '
        + 'and forgotten when you sign out or close the tab.')),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    problem.hidden = true;
    if (!value) {
      input.setAttribute('aria-invalid', 'true');
      fill(problem, 'Enter an API key or token.');
      problem.hidden = false;
      input.focus();
      return;
    }
    submit.disabled = true;
    try {
      await signIn(value);
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      fill(problem, e.status === 401 ? 'The server does not accept these credentials.' : errorText(e));
      problem.hidden = false;
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  fill(main,
    h('h1', { tabindex: '-1' }, 'Sign in to Reactory'),
    message ? h('p', { class: 'notice', role: 'status' }, message) : null,
    h('div', { class: 'login' }, problem, form),
    h('p', { class: 'muted small' }, h('code', null, 'reactory serve'),
      ' prints an admin API key when no credentials are configured.'));
  input.focus();
}
