// The chat session over a WebSocket: one request per text message, one server payload per text message
// (several are tolerated). Keeps the session alive across drops: after a connection is lost (not after a
// logout, a kick or a ban) it reconnects with backoff, logs in again with the password it holds in memory,
// rejoins the room and shows what was missed once (restore.js). Lines typed while down are held and sent
// after that. The page (app.js) gives it a view; nothing here touches the DOM.
import { Action, maskSecrets, parseCommand } from './commands.js';
import { DefaultRoom, SeenIds } from './catchup.js';
import { sameName } from './format.js';
import { PanelFeed } from './panel.js';
import { Kind, readMessage } from './reader.js';
import { Outcome, SessionRestore } from './restore.js';
import { DefaultPolicy, openSocket, reconnectDelay } from './socket.js';
import { ClientState } from './state.js';

export class ChatClient {
  state = new ClientState();
  seen = new SeenIds();

  #url;
  #view;
  #policy;
  #socket = null;
  #opening = null;
  #keepSession = false;
  /** Why a moderator removed us (the server's words), or null: coming straight back would defy the kick. */
  #removed = null;
  #memory = null;
  #restore = null;
  #attempt = 0;
  #timer = null;
  #pending = [];
  #panel;
  #shownUpTo = -Infinity;

  constructor(url, view, policy = DefaultPolicy) {
    this.#url = url;
    this.#view = view;
    this.#panel = new PanelFeed(view);
    this.#policy = policy;
  }

  get connected() {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** From the login form; throws when the server cannot be reached. */
  async logIn(name, password) {
    this.#removed = null;
    await this.#connect();
    this.#send('login', password ? `${name} ${password}` : name);
  }

  /** A line from the message box: a message, a server command, or one of the page's own. */
  submit(line) {
    const command = parseCommand(line, this.state.loggedIn || this.#keepSession);
    switch (command.action) {
      case Action.Hint:
        this.#view.note(command.hint);
        break;
      case Action.ToggleIds:
        this.#view.toggleIds();
        break;
      case Action.Quit:
        this.logOut();
        break;
      case Action.Send:
        this.request(command.request, command.content, line);
        break;
      default:
        break;
    }
  }

  /** Sends a request now, or holds it until the session is back when a reconnect is under way. */
  request(request, content, typed = null) {
    if (this.connected && !this.#restore) {
      this.#send(request, content);
    } else if (this.#keepSession) {
      this.#pending.push([request, content]);
      this.#view.note(`Pending until reconnected: ${maskSecrets(typed ?? `/${request} ${content ?? ''}`.trim())}`);
    } else {
      this.#view.note('Not connected: log in first.');
    }
  }

  logOut() {
    this.#keepSession = false;
    this.#pending = [];
    if (this.connected && this.state.loggedIn && !this.#restore) {
      this.#send('logout', null); // the server says goodbye and closes; onClose ends the session
      return;
    }

    this.#stop();
    this.#endSession('You logged out.');
  }

  /** Skips the wait before the next reconnect attempt (the "Reconnect now" button, the browser going online). */
  reconnectNow() {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
      this.#reconnect();
    }
  }

  #connect() {
    if (this.connected) {
      return Promise.resolve();
    }

    if (this.#opening) {
      return this.#opening;
    }

    this.#view.connection('connecting');
    const { socket, opened } = openSocket(this.#url, text => {
      if (socket === this.#socket) {
        for (const event of readMessage(text)) {
          this.#onEvent(event);
        }
      }
    }, () => {
      if (socket === this.#socket) {
        this.#socket = null;
        this.#opening = null;
        this.#onClose();
      }
    });
    this.#socket = socket;
    this.#opening = opened.then(() => {
      this.#opening = null;
      this.#view.connection('online');
    });
    return this.#opening;
  }

  #send(request, content) {
    this.state.onSent(request, content);
    this.#socket.send(JSON.stringify({ request, content }));
  }

  /** A request the user did not type (a list for the side panel): its answer goes to the panel only. */
  #quietly(request) {
    if (this.connected && this.state.supports(request)) {
      this.#panel.askedQuietly(request);
      this.#send(request, null);
    }
  }

  #onEvent(event) {
    const answersLogin = !this.state.loggedIn && this.state.loginPending && event.kind !== Kind.Message && event.kind !== Kind.Raw;
    const room = this.state.room;
    const mayModerate = this.state.mayModerate;
    this.state.onReceived(event);
    if (this.#restore) {
      this.#restore.onEvent(event);
      return;
    }

    if (answersLogin && this.state.loggedIn) {
      this.#onLoggedIn();
    } else if (!this.state.loggedIn && event.kind === Kind.Error) {
      // A refused login, or the server's word before closing (login_timeout): the login form says it.
      this.#view.loginRefused(event);
      return;
    } else if (this.state.loggedIn && !sameName(room, this.state.room)) {
      this.#view.session(this.state);
      this.#quietly('names');
    } else if (mayModerate !== this.state.mayModerate) {
      // A password set with register, a forbidden, or "made you a moderator": the controls follow.
      this.#view.session(this.state);
    }

    this.#show(event);
  }

  #onLoggedIn() {
    this.#keepSession = true;
    this.#attempt = 0;
    this.#view.session(this.state);
    this.#quietly('names');
    this.#quietly('rooms');
  }

  /** Shows an event in the conversation (room messages once), and keeps the side panel up to date. */
  #show(event) {
    switch (event.kind) {
      case Kind.Message:
        if (event.to === null && event.id !== null) {
          if (event.id <= this.#shownUpTo) {
            return;
          }

          this.#shownUpTo = event.id;
        }

        this.seen.observe(event);
        break;
      case Kind.History:
        this.seen.observe(event);
        break;
      case Kind.Info:
        if (this.#panelOnly(event)) {
          return;
        }

        break;
      default:
        break;
    }

    this.#view.show(event, this.state);
  }

  /** A kick or a ban ends the session for good; the panel learns from every info. True: not to be shown. */
  #panelOnly(event) {
    const text = event.text ?? '';
    if (/^You were kicked|^You are banned/.test(text)) {
      this.#removed = text;
      this.#keepSession = false;
    }

    return this.#panel.take(event, this.state.room);
  }

  #onClose() {
    this.#panel.reset();
    // Between attempts (the server still down, the name still taken) the memory of the first drop goes on.
    const memory = this.#restore?.memory ?? (this.#memory && !this.state.loggedIn ? this.#memory : this.#remember());
    const loggedOut = this.state.loggingOut;
    this.#restore?.cancel();
    this.#restore = null;
    this.state.reset();
    if (this.#keepSession && this.#removed === null) {
      this.#memory = memory;
      this.#schedule();
      return;
    }

    this.#keepSession = false;
    this.#endSession(this.#removed ?? (loggedOut ? 'You logged out.' : null));
  }

  #remember() {
    const { username, password, room } = this.state;
    return {
      name: username,
      password,
      room,
      lastSeenInRoom: this.seen.lastSeen(room),
      lastSeenInLobby: this.seen.lastSeen(DefaultRoom),
      nameTakenTries: 0,
    };
  }

  #schedule() {
    const delay = reconnectDelay(this.#attempt++, this.#policy);
    this.#view.connection('reconnecting', { seconds: Math.max(1, Math.round(delay / 1000)), attempt: this.#attempt });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#reconnect();
    }, delay);
  }

  async #reconnect() {
    try {
      await this.#connect();
    } catch {
      return; // onClose has scheduled the next attempt
    }

    this.#shownUpTo = -Infinity;
    this.#restore = new SessionRestore(this.#memory, {
      state: this.state,
      send: (request, content) => this.#send(request, content),
      show: event => this.#show(event),
      note: text => this.#view.note(text),
      shownUpTo: id => {
        this.#shownUpTo = id;
      },
      done: (outcome, event) => this.#restored(outcome, event),
    });
    this.#restore.start();
  }

  #restored(outcome, event) {
    this.#restore = null;
    if (outcome === Outcome.Retry) {
      this.#socket?.close(); // a new connection later; the memory (and its retry count) goes on
      return;
    }

    if (outcome === Outcome.Refused) {
      const name = this.#memory.name;
      this.#keepSession = false;
      this.#pending = [];
      this.state.forget();
      this.#view.session(this.state);
      this.#view.loginRefused(event, `Could not log in again as ${name}.`);
      return;
    }

    this.#attempt = 0;
    this.#memory = null;
    this.#view.connection('online');
    this.#view.session(this.state);
    this.#quietly('names');
    this.#quietly('rooms');
    const pending = this.#pending;
    this.#pending = [];
    for (const [request, content] of pending) {
      this.#send(request, content);
    }
  }

  #stop() {
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#restore?.cancel();
    this.#restore = null;
    const socket = this.#socket;
    this.#socket = null;
    this.#opening = null;
    socket?.close();
  }

  #endSession(reason) {
    this.state.forget();
    this.#memory = null;
    this.#view.connection(this.connected ? 'online' : 'offline');
    this.#view.session(this.state);
    this.#view.ended(reason);
  }
}
