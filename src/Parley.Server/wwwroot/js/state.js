// What the page knows about its session, updated from what it sends and receives, with the terminal
// client's rules (src/Parley.Client/ClientState.cs): a login succeeded when its first answer is not an
// error; a join or leave is confirmed by an info about that room; a password set with register/password
// counts once the server accepted it. The password is kept in memory only, for the re-login after a
// reconnect; it is never shown, stored or logged.
import { DefaultRoom } from './catchup.js';
import { Kind } from './reader.js';
import { sameName } from './format.js';

const BaseRequests = new Set(['login', 'logout', 'msg', 'names', 'help']);

export class ClientState {
  loggedIn = false;
  username = null;
  password = null;
  room = null;
  loggingOut = false;
  server = null;
  extensions = [];

  /**
   * Whether moderation controls make sense: null until known. Only an account logged in with its password
   * can moderate, and the protocol does not say who is a moderator, so the controls show for those sessions
   * until the server answers `forbidden` (or say so: "alice made you a moderator.").
   */
  moderator = null;

  #pendingLogin = null;
  #pendingRoom = null;
  #pendingPassword = null;

  get loginPending() {
    return this.#pendingLogin !== null;
  }

  get roomPending() {
    return this.#pendingRoom !== null;
  }

  /** Whether the page may send `request` on its own initiative: a base request or an advertised extension. */
  supports(request) {
    return BaseRequests.has(request) || this.extensions.some(e => sameName(e, request));
  }

  /** Forgets the connection but not who we were: the name, password and room stay for the re-login. */
  reset() {
    this.loggedIn = false;
    this.loggingOut = false;
    this.server = null;
    this.extensions = [];
    this.#pendingLogin = null;
    this.#pendingRoom = null;
    this.#pendingPassword = null;
  }

  /** Forgets everything, the password included (after a logout, a kick or a refused re-login). */
  forget() {
    this.reset();
    this.username = null;
    this.password = null;
    this.room = null;
    this.moderator = null;
  }

  onSent(request, content) {
    switch (request) {
      case 'login': {
        const space = (content ?? '').indexOf(' ');
        this.#pendingLogin = space < 0
          ? { name: content, password: null }
          : { name: content.slice(0, space), password: content.slice(space + 1) || null };
        break;
      }
      case 'join':
        this.#pendingRoom = content?.trim() || null;
        break;
      case 'leave':
        this.#pendingRoom = DefaultRoom;
        break;
      case 'register':
        this.#pendingPassword = content;
        break;
      case 'password': {
        const rest = /^\S+\s+([\s\S]+)$/.exec((content ?? '').trim());
        this.#pendingPassword = rest ? rest[1] : null;
        break;
      }
      case 'logout':
        this.loggingOut = true;
        this.loggedIn = false;
        break;
      default:
        break;
    }
  }

  onReceived(event) {
    if (event.extensions && (event.kind === Kind.Info || event.kind === Kind.Other)) {
      this.extensions = [...event.extensions];
    }

    if (event.server) {
      this.server = event.server;
    }

    if (event.kind === Kind.Message || event.kind === Kind.Raw) {
      return;
    }

    if (event.kind === Kind.Error && event.code === 'forbidden') {
      this.moderator = false;
    } else if (event.kind === Kind.Info && / made you a moderator\.$/.test(event.text ?? '')) {
      this.moderator = true;
    }

    if (this.#pendingLogin !== null) {
      this.#onLoginAnswer(event);
    } else if (this.#pendingRoom !== null) {
      this.#onRoomAnswer(event);
    } else if (event.kind === Kind.Info && event.room && this.loggedIn && (event.text ?? '').startsWith('You joined')) {
      this.room = event.room; // the server moved us without our asking (nothing does today; cheap to follow)
    } else if (this.#pendingPassword !== null && event.kind !== Kind.History) {
      if (event.kind !== Kind.Error) {
        this.password = this.#pendingPassword;
      }

      this.#pendingPassword = null;
    }
  }

  #onLoginAnswer(event) {
    if (event.kind !== Kind.Error) {
      const sameUser = sameName(this.username, this.#pendingLogin.name);
      this.loggedIn = true;
      this.username = this.#pendingLogin.name;
      this.password = this.#pendingLogin.password;
      this.room = DefaultRoom;
      this.moderator = sameUser ? this.moderator : null;
      this.#pendingRoom = null;
      this.#pendingPassword = null;
    }

    this.#pendingLogin = null;
  }

  #onRoomAnswer(event) {
    if (event.kind === Kind.Error) {
      this.#pendingRoom = null;
    } else if (event.kind === Kind.History) {
      // The history of the new room follows the info; it confirms nothing on its own.
    } else if (event.room && !sameName(event.room, this.#pendingRoom)) {
      // An info about another room (someone joined the old one) arriving before our answer.
    } else {
      // The server's spelling wins (room names keep the case of their first creation).
      this.room = event.room ?? this.#pendingRoom;
      this.#pendingRoom = null;
    }
  }

  /** Only an account logged in with its password (or registered now) can moderate; false once refused. */
  get mayModerate() {
    return this.loggedIn && this.password !== null && this.moderator !== false;
  }
}
