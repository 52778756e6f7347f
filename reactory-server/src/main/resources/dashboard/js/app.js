// The dashboard's shell: login state, navigation, hash routes, and the timers of the page on screen.
import { api, credential, setCredential, onUnauthorized } from './api.js';
import { h, fill, announce, errorText } from './dom.js';
import * as loginPage from './pages/login.js';
import * as overviewPage from './pages/overview.js';
import * as instancesPage from './pages/instances.js';
import * as instancePage from './pages/instance.js';
import * as definitionsPage from './pages/definitions.js';
import * as schedulesPage from './pages/schedules.js';
import * as auditPage from './pages/audit.js';
import * as securityPage from './pages/security.js';

const NEXT_KEY = 'reactory.next';

/** Routes: the hash path pattern, the nav entry it belongs to, what the caller must be allowed, the page. */
const ROUTES = [
  { re: /^\/overview$/, nav: 'overview', needs: (me) => me.may.read, page: overviewPage },
  { re: /^\/instances$/, nav: 'instances', needs: (me) => me.may.read, page: instancesPage },
  { re: /^\/instances\/([^/]+)$/, nav: 'instances', needs: (me) => me.may.read, page: instancePage },
  { re: /^\/definitions$/, nav: 'definitions', needs: (me) => me.may.read, page: definitionsPage },
  { re: /^\/definitions\/([^/]+)$/, nav: 'definitions', needs: (me) => me.may.read, page: definitionsPage },
  { re: /^\/schedules$/, nav: 'schedules', needs: (me) => me.may.admin, page: schedulesPage },
  { re: /^\/schedules\/(new)$/, nav: 'schedules', needs: (me) => me.may.admin, page: schedulesPage },
  { re: /^\/schedules\/([^/]+)\/edit$/, nav: 'schedules', needs: (me) => me.may.admin, page: schedulesPage },
  { re: /^\/audit$/, nav: 'audit', needs: (me) => me.may.admin, page: auditPage },
  { re: /^\/security$/, nav: 'security', needs: (me) => me.may.admin, page: securityPage },
];

const NAV_NEEDS = {
  overview: (me) => me.may.read,
  instances: (me) => me.may.read,
  definitions: (me) => me.may.read,
  schedules: (me) => me.may.admin,
  audit: (me) => me.may.admin,
  security: (me) => me.may.admin,
};

let me = null;
let generation = 0;
let timers = [];

function clearTimers() {
  timers.forEach((t) => clearInterval(t));
  timers = [];
}

function parseHash() {
  const raw = window.location.hash.replace(/^#/, '') || '/overview';
  const [path, search] = raw.split('?');
  return { path: path || '/overview', query: new URLSearchParams(search || '') };
}

export function navigate(hash) {
  if (window.location.hash === hash) route();
  else window.location.hash = hash;
}

function showSession() {
  const nav = document.getElementById('nav');
  const session = document.getElementById('session');
  if (!me) {
    nav.hidden = true;
    session.hidden = true;
    return;
  }
  nav.hidden = false;
  session.hidden = false;
  for (const a of nav.querySelectorAll('a[data-page]')) {
    a.parentElement.hidden = !NAV_NEEDS[a.dataset.page](me);
  }
  const roles = me.roles.length ? ` (${me.roles.join(', ')})` : '';
  fill(document.getElementById('who'), 'Signed in as ', h('strong', null, me.userId), roles,
    me.namespace === '*' ? ' · all namespaces' : ` · namespace ${me.namespace}`);
}

function markNav(current) {
  for (const a of document.querySelectorAll('#nav a[data-page]')) {
    if (a.dataset.page === current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** Signs in with a credential: checks it with /workflow/me and keeps it for this tab. Throws ApiError. */
export async function signIn(value) {
  const who = await api('/workflow/me', { token: value });
  setCredential(value);
  me = who;
  showSession();
  const next = sessionStorage.getItem(NEXT_KEY);
  sessionStorage.removeItem(NEXT_KEY);
  navigate(next && next !== '#/login' ? next : '#/overview');
}

function signOut(message) {
  setCredential(null);
  me = null;
  clearTimers();
  showSession();
  renderLogin(message);
}

function renderLogin(message) {
  generation += 1;
  clearTimers();
  markNav(null);
  document.title = 'Sign in · Reactory';
  const main = document.getElementById('main');
  loginPage.render({ main, message, signIn });
}

async function route() {
  // in-page anchors (the skip link's #main) are not routes
  if (window.location.hash && !window.location.hash.startsWith('#/')) return;
  const { path, query } = parseHash();
  const gen = ++generation;
  clearTimers();
  const main = document.getElementById('main');
  if (!credential()) {
    if (path !== '/login') sessionStorage.setItem(NEXT_KEY, window.location.hash || '#/overview');
    renderLogin();
    return;
  }
  if (!me) {
    try {
      me = await api('/workflow/me');
    } catch (e) {
      if (gen === generation && credential()) signOut(`Could not check the credentials: ${errorText(e)}`);
      return;
    }
    showSession();
  }
  if (gen !== generation) return;
  if (path === '/login') {
    navigate('#/overview');
    return;
  }
  const match = ROUTES.map((r) => ({ r, m: path.match(r.re) })).find((x) => x.m);
  if (!match) {
    markNav(null);
    fill(main, h('h1', { tabindex: '-1' }, 'Not found'), h('p', null, 'There is no page at ', h('code', null, path), '. ',
      h('a', { href: '#/overview' }, 'Go to the overview'), '.'));
    focusHeading(main);
    return;
  }
  markNav(match.r.nav);
  if (!match.r.needs(me)) {
    fill(main, h('h1', { tabindex: '-1' }, 'Not allowed'),
      h('p', null, 'Your credentials do not allow this page. Ask an administrator for the permission it needs.'));
    focusHeading(main);
    return;
  }
  const ctx = {
    main,
    me,
    query,
    params: match.m.slice(1).map(decodeURIComponent),
    alive: () => gen === generation,
    every(fn, ms) {
      const t = setInterval(() => {
        if (!document.hidden && gen === generation) fn();
      }, ms);
      timers.push(t);
    },
    navigate,
    setTitle(title) {
      document.title = `${title} · Reactory`;
    },
  };
  fill(main, h('p', { class: 'loading' }, 'Loading…'));
  try {
    await match.r.page.render(ctx);
  } catch (e) {
    if (gen !== generation) return;
    fill(main, h('h1', { tabindex: '-1' }, 'Something went wrong'), h('p', { class: 'error-box' }, errorText(e)));
  }
  if (gen === generation) focusHeading(main);
}

function focusHeading(main) {
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
    announce(heading.textContent);
  }
}

onUnauthorized(() => {
  if (me) signOut('The server no longer accepts these credentials (expired or revoked). Sign in again.');
});

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('logout').addEventListener('click', () => signOut('Signed out.'));
  // the skip link moves focus without touching the hash, which holds the route
  document.querySelector('.skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main').focus();
  });
  window.addEventListener('hashchange', route);
  route();
});
