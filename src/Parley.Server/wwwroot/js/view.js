// The page's side of the chat: renders events into the conversation and keeps the header, the login form
// and the side panel in step with the session. Every text from the server goes in with textContent (or as a
// text node), never as markup.
import { formatTime, noticeText, sameName, senderHue } from './format.js';
import { Kind } from './reader.js';

/** The conversation keeps this many entries; older ones are dropped from the page (the server has them). */
const MaxEntries = 2000;

/** Within this many pixels of the bottom, the conversation follows new entries. */
const StickyPixels = 48;

export function element(tag, className = null, text = null) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }

  if (text !== null) {
    node.textContent = text;
  }

  return node;
}

export class ChatView {
  #users = [];
  #room = null;
  #me = null;

  constructor(doc = document) {
    const $ = id => doc.getElementById(id);
    this.ui = {
      status: $('status'),
      whoami: $('whoami'),
      reconnectNow: $('reconnect-now'),
      panelToggle: $('panel-toggle'),
      logout: $('logout'),
      loginView: $('login-view'),
      loginNote: $('login-note'),
      loginName: $('login-name'),
      loginPassword: $('login-password'),
      passwordField: $('password-field'),
      showPassword: $('show-password'),
      loginError: $('login-error'),
      loginSubmit: $('login-submit'),
      chatView: $('chat-view'),
      conversationTitle: $('conversation-title'),
      log: $('log'),
      announcer: $('announcer'),
      messageLabel: $('message-label'),
      messageInput: $('message-input'),
      roomList: $('room-list'),
      leaveRoom: $('leave-room'),
      peopleTitle: $('people-title'),
      userList: $('user-list'),
      knownUsers: $('known-users'),
      moderation: $('moderation'),
      showIds: $('show-ids'),
      sidePanel: $('side-panel'),
    };
  }

  connection(status, detail = null) {
    const { status: line, reconnectNow } = this.ui;
    line.dataset.state = status;
    reconnectNow.hidden = status !== 'reconnecting';
    switch (status) {
      case 'connecting':
        line.textContent = 'Connecting…';
        break;
      case 'online':
        line.textContent = 'Connected';
        break;
      case 'reconnecting':
        line.textContent = `Connection lost. Reconnecting in ${detail.seconds} s (attempt ${detail.attempt})…`;
        if (detail.attempt === 1) {
          this.note('Lost the connection; reconnecting. What you send meanwhile goes out once it is back.', true);
        }

        break;
      default:
        line.textContent = 'Not connected';
        break;
    }
  }

  /** Shows the login form or the chat, and names the user, the room and what they may do. */
  session(state) {
    const ui = this.ui;
    const chatting = state.loggedIn;
    const wasChatting = !ui.chatView.hidden;
    ui.chatView.hidden = !chatting;
    ui.loginView.hidden = chatting;
    ui.whoami.hidden = !chatting;
    ui.logout.hidden = !chatting;
    ui.panelToggle.hidden = !chatting;
    if (!chatting) {
      this.closePanel(false);
      return;
    }

    const room = state.room ?? 'lobby';
    if (!sameName(room, this.#room)) {
      this.#room = room;
      this.#users = [];
      this.#renderUsers();
    }

    this.#me = state.username;
    ui.whoami.textContent = `${state.username} in #${room}`;
    ui.conversationTitle.textContent = `Conversation in #${room}`;
    ui.messageLabel.textContent = `Message to #${room}`;
    ui.peopleTitle.textContent = `People in #${room}`;
    ui.leaveRoom.textContent = `Leave #${room}`;
    ui.leaveRoom.hidden = sameName(room, 'lobby') || !state.supports('leave');
    ui.moderation.hidden = !state.mayModerate;
    ui.log.classList.toggle('moderating', state.mayModerate);
    if (!wasChatting) {
      ui.loginError.hidden = true;
      ui.loginNote.hidden = true;
      ui.loginPassword.value = '';
      ui.messageInput.focus();
    }
  }

  /** The session is over (logged out, removed, or the connection closed before a login). */
  ended(reason) {
    const ui = this.ui;
    ui.loginNote.hidden = !reason;
    ui.loginNote.textContent = reason ?? '';
    ui.loginPassword.value = '';
    ui.loginName.focus();
  }

  /** A login the server refused: the reason (with its code) under the form, and the field to fix focused. */
  loginRefused(event, lead = null) {
    const ui = this.ui;
    const code = event?.code ? ` (${event.code})` : '';
    ui.loginError.textContent = [lead, `${event?.text ?? 'The login was refused.'}${code}`].filter(Boolean).join(' ');
    ui.loginError.hidden = false;
    ui.loginSubmit.disabled = false;
    const needsPassword = event?.code === 'password_required' || event?.code === 'bad_password';
    if (needsPassword) {
      this.showPasswordField(true);
      ui.loginPassword.focus();
      ui.loginPassword.select();
    } else {
      ui.loginName.focus();
      ui.loginName.select();
    }
  }

  loginFailed(text) {
    this.ui.loginError.textContent = text;
    this.ui.loginError.hidden = false;
    this.ui.loginSubmit.disabled = false;
    this.ui.loginName.focus();
  }

  showPasswordField(show) {
    this.ui.passwordField.hidden = !show;
    this.ui.showPassword.setAttribute('aria-expanded', String(show));
    this.ui.showPassword.textContent = show ? 'No password' : 'I have a password';
    if (!show) {
      this.ui.loginPassword.value = '';
    }
  }

  /** One event in the conversation; live messages and errors are also read out. */
  show(event, state) {
    switch (event.kind) {
      case Kind.Message:
        this.#append([this.#message(event, state, false)]);
        this.#announce(event.to ? `${event.sender ?? ''} to ${event.to}: ${event.text ?? ''}` : `${event.sender ?? 'server'}: ${event.text ?? ''}`);
        break;
      case Kind.History:
        this.#append(this.#history(event, state));
        break;
      case Kind.Error:
        this.#append([this.#notice(event, 'error', `Error${event.code ? ` · ${event.code}` : ''}`)]);
        this.#announce(`Error${event.code ? ` ${event.code}` : ''}: ${noticeText(event)}`);
        break;
      case Kind.Raw:
        this.#append([this.#notice(event, 'raw', 'Unreadable')]);
        break;
      default:
        this.#append([this.#notice(event, 'info', null)]);
        break;
    }
  }

  /** A line from the page itself (a hint, a note about the connection). */
  note(text, announce = false) {
    this.#append([element('li', 'entry note', text)]);
    if (announce) {
      this.#announce(text);
    }
  }

  /** A message a moderator removed: its text goes, the entry stays as a marker. */
  removed(id) {
    for (const entry of this.ui.log.querySelectorAll(`li[data-id="${Number(id)}"]`)) {
      entry.classList.add('removed');
      const text = entry.querySelector('.text');
      if (text) {
        text.textContent = '(removed by a moderator)';
      }
    }
  }

  names(room, users) {
    if (sameName(room, this.#room)) {
      this.#users = [...users];
      this.#renderUsers();
    }
  }

  presence(name, present) {
    this.#users = this.#users.filter(user => !sameName(user, name));
    if (present) {
      this.#users.push(name);
      this.#users.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    }

    this.#renderUsers();
  }

  rooms(list, current) {
    const items = list.map(({ name, count }) => {
      const item = element('li');
      const label = `#${name} (${count} ${count === 1 ? 'person' : 'people'})`;
      if (sameName(name, current)) {
        const here = element('span', 'current-room', `${label}: you are here`);
        here.setAttribute('aria-current', 'true');
        item.append(here);
      } else {
        const join = element('button', 'link-button', label);
        join.type = 'button';
        join.dataset.join = name;
        join.setAttribute('aria-label', `Join #${name}, ${count} ${count === 1 ? 'person' : 'people'} there`);
        item.append(join);
      }

      return item;
    });
    this.ui.roomList.replaceChildren(...items);
  }

  setIds(show) {
    this.ui.log.classList.toggle('show-ids', show);
    this.ui.showIds.checked = show;
  }

  toggleIds() {
    const show = !this.ui.log.classList.contains('show-ids');
    this.setIds(show);
    this.note(show ? 'Message numbers are shown.' : 'Message numbers are hidden.');
  }

  openPanel() {
    const { sidePanel, panelToggle } = this.ui;
    sidePanel.dataset.open = 'true';
    panelToggle.setAttribute('aria-expanded', 'true');
    sidePanel.querySelector('button, input')?.focus();
  }

  closePanel(returnFocus = true) {
    const { sidePanel, panelToggle } = this.ui;
    if (sidePanel.dataset.open !== 'true') {
      return;
    }

    delete sidePanel.dataset.open;
    panelToggle.setAttribute('aria-expanded', 'false');
    if (returnFocus) {
      panelToggle.focus();
    }
  }

  #renderUsers() {
    const items = this.#users.map(name => {
      const item = element('li');
      const me = sameName(name, this.#me);
      item.append(element('span', 'user-name', me ? `${name} (you)` : name));
      item.style.setProperty('--hue', String(senderHue(name)));
      if (!me) {
        const dm = element('button', 'small', 'Message');
        dm.type = 'button';
        dm.dataset.dm = name;
        dm.setAttribute('aria-label', `Direct message to ${name}`);
        item.append(dm);
      }

      return item;
    });
    this.ui.userList.replaceChildren(...items);
    this.ui.knownUsers.replaceChildren(...this.#users.map(name => {
      const option = element('option');
      option.value = name;
      return option;
    }));
  }

  #message(event, state, fromHistory) {
    const entry = element('li', `entry message${event.to ? ' direct' : ''}${fromHistory ? ' from-history' : ''}`);
    if (event.id !== null) {
      entry.dataset.id = String(event.id);
    }

    this.#stamp(entry, event, fromHistory);
    if (event.id !== null) {
      entry.append(element('span', 'msg-id', `#${event.id}`), ' ');
    }

    if (!event.to && event.room && state.room && !sameName(event.room, state.room)) {
      entry.append(element('span', 'room-tag', `#${event.room}`), ' ');
    }

    if (event.to) {
      const who = element('span', 'sender', `${event.sender ?? '?'} → ${event.to}`);
      entry.append(element('span', 'badge dm', 'direct'), ' ', who, element('span', 'sep', ': '));
    } else if (event.sender) {
      const who = element('span', 'sender', event.sender);
      who.style.setProperty('--hue', String(senderHue(event.sender)));
      if (sameName(event.sender, state.username)) {
        entry.classList.add('own');
      }

      entry.append(who, element('span', 'sep', ': '));
    }

    entry.append(element('span', 'text', event.text ?? ''));
    return entry;
  }

  #history(event, state) {
    const count = event.history.length;
    const where = event.room ? ` in #${event.room}` : '';
    const head = count === 0
      ? `No earlier messages${where}.`
      : `Earlier${where}: ${count} ${count === 1 ? 'message' : 'messages'}`;
    const entries = [element('li', 'entry history-mark', head)];
    for (const item of event.history) {
      entries.push(item.kind === Kind.Message
        ? this.#message(item, state, true)
        : this.#notice(item, item.kind === Kind.Error ? 'error' : 'info', null, true));
    }

    if (count > 0) {
      entries.push(element('li', 'entry history-mark', 'End of earlier messages'));
    }

    return entries;
  }

  #notice(event, type, badge, fromHistory = false) {
    const entry = element('li', `entry notice ${type}`);
    this.#stamp(entry, event, fromHistory);
    if (badge) {
      entry.append(element('span', `badge ${type}`, badge), ' ');
    }

    entry.append(element(type === 'raw' ? 'code' : 'span', 'text', type === 'raw' ? event.text ?? event.json : noticeText(event)));
    return entry;
  }

  #stamp(entry, event, fromHistory) {
    // A history item without a timestamp shows none: the time it arrived would be a lie.
    const time = formatTime(event.timestamp, fromHistory ? null : event.receivedAt ?? null);
    if (time) {
      const node = element('time', null, time.text);
      if (time.iso) {
        node.dateTime = time.iso;
      }

      entry.append(node, ' ');
    }
  }

  #append(entries) {
    const log = this.ui.log;
    const sticky = log.scrollHeight - log.scrollTop - log.clientHeight < StickyPixels;
    log.append(...entries);
    while (log.childElementCount > MaxEntries) {
      log.firstElementChild.remove();
    }

    if (sticky) {
      log.scrollTop = log.scrollHeight;
    }
  }

  #announce(text) {
    this.ui.announcer.textContent = text;
  }
}
