// What a reconnect needs to show the missed messages once and nothing twice, as the terminal client does it
// (src/Parley.Client/SeenIds.cs, MissedMessages.cs). The server gives every message an id from one rising
// sequence; the history after the new login (or join) holds only the most recent messages, so the client
// compares ids with the newest it had seen in that room and pages back with `history 100 before <id>` while a
// gap may remain.
import { Kind } from './reader.js';

export const DefaultRoom = 'lobby';

/** The most the client pages back for: beyond this the user is better served by /history. */
export const DefaultCap = 1000;
export const PageSize = 100;

/** The newest message id seen in each room (live or in a history). Direct messages are in no room's history. */
export class SeenIds {
  #newest = new Map();

  observe(event) {
    if (event.kind === Kind.Message) {
      this.#observe(event, null);
    } else if (event.kind === Kind.History) {
      for (const item of event.history) {
        this.#observe(item, event.room);
      }
    }
  }

  /** The newest id seen in `room`; null when none was (or the server sends no ids). */
  lastSeen(room) {
    return this.#newest.get(roomKey(room)) ?? null;
  }

  #observe(message, fallbackRoom) {
    if (message.kind !== Kind.Message || message.to !== null || message.id === null) {
      return;
    }

    const key = roomKey(message.room ?? fallbackRoom);
    if (!(this.#newest.get(key) >= message.id)) {
      this.#newest.set(key, message.id);
    }
  }
}

function roomKey(room) {
  return (room ?? DefaultRoom).toLowerCase();
}

/** The messages among `items` newer than `lastSeen`, each once, oldest first; at most the newest `cap`. */
export function newer(items, lastSeen, cap = DefaultCap) {
  const byId = new Map();
  for (const item of items) {
    if (item.kind === Kind.Message && item.id !== null && item.id > lastSeen && !byId.has(item.id)) {
      byId.set(item.id, item);
    }
  }

  const sorted = [...byId.values()].sort((a, b) => a.id - b.id);
  return sorted.length > cap ? sorted.slice(sorted.length - cap) : sorted;
}

/** The id to page back from when `page` may not reach back to `lastSeen`; null when the gap is closed or the page holds no ids. */
export function gapBefore(page, lastSeen) {
  const ids = page.filter(item => item.id !== null).map(item => item.id);
  if (ids.length === 0) {
    return null;
  }

  // The next id after the one seen is proof that nothing lies between.
  const oldest = Math.min(...ids);
  return oldest > lastSeen + 1 ? oldest : null;
}

export function pageRequestContent(beforeId, count = PageSize) {
  return `${count} before ${beforeId}`;
}

export function missedNote(count) {
  return `— ${count} ${count === 1 ? 'message' : 'messages'} you missed —`;
}
