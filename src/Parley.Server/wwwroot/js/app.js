// Wires the page: forms and buttons to the chat client, the keyboard shortcuts, the side panel on narrow
// screens. Every control sends what a terminal user would type, so the server sees the same requests.
import { ChatClient } from './client.js';
import { socketUrl } from './socket.js';
import { ChatView } from './view.js';

const view = new ChatView(document);
const client = new ChatClient(socketUrl(window.location), view);
const ui = view.ui;
const $ = id => document.getElementById(id);

/** What was sent from the message box, for ↑ and ↓. */
const sent = [];
let recall = 0;

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const name = ui.loginName.value.trim();
  if (name === '') {
    view.loginFailed('Enter a name to log in with.');
    return;
  }

  const password = ui.passwordField.hidden ? '' : ui.loginPassword.value;
  ui.loginError.hidden = true;
  ui.loginSubmit.disabled = true;
  try {
    await client.logIn(name, password);
  } catch (error) {
    view.loginFailed(`Cannot reach the server: ${error.message} Try again in a moment.`);
    return;
  } finally {
    ui.loginSubmit.disabled = false;
  }
});

ui.showPassword.addEventListener('click', () => {
  const show = ui.passwordField.hidden;
  view.showPasswordField(show);
  (show ? ui.loginPassword : ui.loginName).focus();
});

$('composer').addEventListener('submit', event => {
  event.preventDefault();
  const line = ui.messageInput.value;
  if (line.trim() === '') {
    return;
  }

  client.submit(line);
  if (sent.at(-1) !== line) {
    sent.push(line);
  }

  recall = sent.length;
  ui.messageInput.value = '';
});

ui.messageInput.addEventListener('keydown', event => {
  if ((event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }

  const next = recall + (event.key === 'ArrowUp' ? -1 : 1);
  if (next < 0 || next > sent.length) {
    return;
  }

  event.preventDefault();
  recall = next;
  ui.messageInput.value = sent[recall] ?? '';
});

$('join-form').addEventListener('submit', event => {
  event.preventDefault();
  const input = $('join-room');
  const room = input.value.trim();
  if (room !== '') {
    client.request('join', room);
    input.value = '';
    view.closePanel();
  }
});

ui.roomList.addEventListener('click', event => {
  const room = event.target.closest('button[data-join]')?.dataset.join;
  if (room) {
    client.request('join', room);
    view.closePanel(false);
    ui.messageInput.focus();
  }
});

ui.userList.addEventListener('click', event => {
  const name = event.target.closest('button[data-dm]')?.dataset.dm;
  if (name) {
    view.closePanel(false);
    ui.messageInput.value = `/dm ${name} `;
    ui.messageInput.focus();
  }
});

ui.leaveRoom.addEventListener('click', () => client.request('leave', null));
$('refresh-rooms').addEventListener('click', () => client.request('rooms', null));
$('refresh-names').addEventListener('click', () => client.request('names', null));
$('server-help').addEventListener('click', () => client.request('help', null));
$('list-bans').addEventListener('click', () => client.request('bans', null));
ui.showIds.addEventListener('change', () => view.setIds(ui.showIds.checked));
ui.logout.addEventListener('click', () => client.logOut());
ui.reconnectNow.addEventListener('click', () => client.reconnectNow());
window.addEventListener('online', () => client.reconnectNow());

$('moderate-form').addEventListener('submit', event => {
  event.preventDefault();
  const action = event.submitter?.value ?? 'kick';
  const user = $('moderate-user').value.trim();
  const reason = $('moderate-reason').value.trim();
  if (user === '') {
    view.note(`Name the user to ${action} first.`);
    $('moderate-user').focus();
    return;
  }

  const withReason = action === 'kick' || action === 'ban';
  client.request(action, withReason && reason !== '' ? `${user} ${reason}` : user);
});

$('delete-form').addEventListener('submit', event => {
  event.preventDefault();
  const input = $('delete-id');
  const id = input.value.trim().replace(/^#/, '');
  if (id !== '') {
    client.request('delete', id);
    input.value = '';
  }
});

ui.panelToggle.addEventListener('click', () => {
  if (ui.sidePanel.dataset.open === 'true') {
    view.closePanel();
  } else {
    view.openPanel();
  }
});

$('panel-close').addEventListener('click', () => view.closePanel());

ui.sidePanel.addEventListener('keydown', event => {
  if (event.key === 'Escape') {
    view.closePanel();
  }
});

ui.loginName.focus();
