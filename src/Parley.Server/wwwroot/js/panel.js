// What the side panel learns from the server's infos: the rooms, the people in ours, who came and went, which
// message a moderator removed. The page also asks for the lists itself (after a login or a join); those
// answers go to the panel only, not into the conversation.
import { readNames, readPresence, readRooms, sameName } from './format.js';

export class PanelFeed {
  #view;
  #quiet = { names: 0, rooms: 0 };

  constructor(view) {
    this.#view = view;
  }

  /** A request the page sent on its own: its answer is not shown in the conversation. */
  askedQuietly(request) {
    this.#quiet[request]++;
  }

  /** A new connection: nothing asked on the old one will be answered. */
  reset() {
    this.#quiet = { names: 0, rooms: 0 };
  }

  /** Updates the panel from an info; true when the info answered a quiet request (and is not to be shown). */
  take(event, room) {
    const text = event.text ?? '';
    if (event.deleted !== null) {
      this.#view.removed(event.deleted);
    }

    const presence = readPresence(text);
    if (presence && sameName(event.room, room)) {
      this.#view.presence(presence.name, presence.present);
    }

    const names = readNames(text);
    if (names) {
      this.#view.names(names.room, names.users);
      return this.#answered('names');
    }

    const rooms = readRooms(text);
    if (rooms) {
      this.#view.rooms(rooms, room);
      return this.#answered('rooms');
    }

    return false;
  }

  /** Whether an answer to `request` was asked for quietly (answers come in the order asked). */
  #answered(request) {
    if (this.#quiet[request] === 0) {
      return false;
    }

    this.#quiet[request]--;
    return true;
  }
}
