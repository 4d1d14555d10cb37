// On a fresh connection after a drop: log in again as before (with this session's password, from memory),
// rejoin the room when the server advertised `join`, and show what was missed once, as the terminal client's
// SessionRestore does (src/Parley.Cli/SessionRestore.cs). While it runs, room messages are held, so that the
// missed messages appear in order under a note, and nothing already on screen appears again.
import { DefaultCap, DefaultRoom, gapBefore, missedNote, newer, pageRequestContent } from './catchup.js';
import { sameName } from './format.js';
import { Kind } from './reader.js';

/** How long one step may wait for its answer before the restore goes on with what it has. */
const StepTimeoutMs = 10000;

/** How often a re-login that finds the name still taken (the old connection not yet noticed as gone) is retried. */
const NameTakenRetries = 5;

export const Outcome = Object.freeze({
  /** Logged in again (missed messages shown): carry on. */
  Restored: 'restored',
  /** The server refused the login for good (banned, a new password...): the user takes it from here. */
  Refused: 'refused',
  /** Try again on a new connection (the name is still taken, or no answer came). */
  Retry: 'retry',
});

export class SessionRestore {
  #phase = 'login';
  #lobbyHistory = null;
  #collected = [];
  #lastSeen = null;
  #held = [];
  #timer = null;

  /**
   * @param memory { name, password, room, lastSeenInRoom, lastSeenInLobby, nameTakenTries }
   * @param host { state, send(request, content), show(event), note(text), done(outcome, event), shownUpTo(id) }
   */
  constructor(memory, host) {
    this.memory = memory;
    this.host = host;
  }

  start() {
    const { name, password } = this.memory;
    this.#step('login');
    this.host.send('login', password ? `${name} ${password}` : name);
  }

  /** Called with every event of the new connection, after the state has seen it. */
  onEvent(event) {
    if (event.kind === Kind.Message && event.to === null) {
      this.#held.push(event);
      return;
    }

    switch (this.#phase) {
      case 'login':
        this.#onLoginAnswer(event);
        break;
      case 'login-history':
        if (event.kind === Kind.History) {
          this.#afterLogin(event);
        } else {
          this.host.show(event);
        }

        break;
      case 'join':
        this.#onJoinAnswer(event);
        break;
      case 'paging':
        if (event.kind === Kind.History) {
          this.#collected.push(...event.history);
          this.#page(event.history);
        } else {
          this.host.show(event);
          if (event.kind === Kind.Error) {
            this.#finishCatchUp();
          }
        }

        break;
      default:
        this.host.show(event);
        break;
    }
  }

  cancel() {
    clearTimeout(this.#timer);
    this.#phase = 'done';
  }

  #onLoginAnswer(event) {
    const state = this.host.state;
    if (event.kind === Kind.History) {
      // Some servers send the history before the info: it answers the login all the same.
      this.#lobbyHistory = event;
    } else if (!state.loggedIn || event.kind !== Kind.Info) {
      this.host.show(event);
    }

    if (state.loggedIn) {
      this.host.note(`Reconnected as ${state.username}.`);
      if (this.#lobbyHistory) {
        this.#afterLogin(this.#lobbyHistory);
      } else {
        this.#step('login-history');
      }
    } else if (!state.loginPending) {
      const retry = event.code === 'name_taken' && this.memory.nameTakenTries++ < NameTakenRetries;
      this.#end(retry ? Outcome.Retry : Outcome.Refused, event);
    }
  }

  #afterLogin(history) {
    this.#lobbyHistory = history;
    const room = this.memory.room;
    if (room && !sameName(room, DefaultRoom) && this.host.state.supports('join')) {
      this.#step('join');
      this.host.send('join', room);
    } else {
      this.#catchUp(history, this.memory.lastSeenInLobby);
    }
  }

  #onJoinAnswer(event) {
    if (event.kind === Kind.History && sameName(this.host.state.room, this.memory.room)) {
      this.#catchUp(event, this.memory.lastSeenInRoom);
      return;
    }

    if (event.kind !== Kind.History) {
      this.host.show(event);
    }

    if (event.kind === Kind.Error) {
      // The room is gone or refused us: the lobby's history is what we are reading now.
      this.#catchUp(this.#lobbyHistory, this.memory.lastSeenInLobby);
    }
  }

  #catchUp(history, lastSeen) {
    if (!history) {
      this.#end(Outcome.Restored);
      return;
    }

    if (lastSeen === null || !history.history.some(item => item.id !== null)) {
      // No ids to compare (nothing seen in this room yet): the history as usual.
      this.host.show(history);
      this.#end(Outcome.Restored);
      return;
    }

    this.#lastSeen = lastSeen;
    this.#collected = [...history.history];
    this.#page(history.history);
  }

  #page(page) {
    const before = gapBefore(page, this.#lastSeen);
    if (before !== null && this.host.state.supports('history') && this.#collected.length < DefaultCap) {
      this.#step('paging');
      this.host.send('history', pageRequestContent(before));
    } else {
      this.#finishCatchUp();
    }
  }

  #finishCatchUp() {
    const missed = newer(this.#collected, this.#lastSeen ?? -Infinity);
    this.host.shownUpTo(this.#lastSeen ?? -Infinity);
    if (missed.length > 0) {
      this.host.note(missedNote(missed.length));
    }

    for (const message of missed) {
      this.host.show(message);
    }

    this.#end(Outcome.Restored);
  }

  #end(outcome, event = null) {
    const held = this.#held;
    this.cancel();
    if (outcome === Outcome.Restored) {
      // Held messages came before anything still to come; each is shown unless it was shown already.
      for (const message of held) {
        this.host.show(message);
      }
    }

    this.host.done(outcome, event);
  }

  #step(phase) {
    this.#phase = phase;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#timedOut(phase), StepTimeoutMs);
  }

  #timedOut(phase) {
    if (this.#phase !== phase) {
      return;
    }

    if (phase === 'login') {
      this.#end(Outcome.Retry);
    } else if (phase === 'paging') {
      this.#finishCatchUp();
    } else if (phase === 'join') {
      this.#catchUp(this.#lobbyHistory, this.memory.lastSeenInLobby);
    } else {
      this.#end(Outcome.Restored); // a server that sends no history: nothing to catch up with
    }
  }
}
