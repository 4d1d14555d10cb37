// The page around the conversation: the header, the login form and the side panel, kept in step with the
// session. Server text goes in with textContent only, as in the conversation (conversation.js).
import { Conversation, element } from './conversation.js';
import { sameName, senderHue } from './format.js';

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
    this.conversation = new Conversation(this.ui.log, this.ui.announcer);
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
    this.conversation.setIds(this.conversation.showsIds, state.mayModerate);
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

  /** One event in the conversation. */
  show(event, state) {
    this.conversation.show(event, state);
  }

  /** A line from the page itself (a hint, a note about the connection), read out when `announce`. */
  note(text, announce = false) {
    this.conversation.note(text, announce);
  }

  /** A message a moderator removed. */
  removed(id) {
    this.conversation.removed(id);
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
    this.conversation.setIds(show, !this.ui.moderation.hidden);
    this.ui.showIds.checked = show;
  }

  toggleIds() {
    const show = !this.conversation.showsIds;
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

}
