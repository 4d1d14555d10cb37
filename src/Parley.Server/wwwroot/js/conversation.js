// The conversation: events rendered as list entries, live messages and errors also read out by the
// aria-live region. Every text from the server goes in with textContent (or as a text node), never as markup.
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

export class Conversation {
  #log;
  #announcer;

  constructor(log, announcer) {
    this.#log = log;
    this.#announcer = announcer;
  }

  get showsIds() {
    return this.#log.classList.contains('show-ids');
  }

  /** Message numbers on every message (moderators name them in delete); always on while moderating. */
  setIds(show, moderating) {
    this.#log.classList.toggle('show-ids', show);
    this.#log.classList.toggle('moderating', moderating);
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
    for (const entry of this.#log.querySelectorAll(`li[data-id="${Number(id)}"]`)) {
      entry.classList.add('removed');
      const text = entry.querySelector('.text');
      if (text) {
        text.textContent = '(removed by a moderator)';
      }
    }
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
    const log = this.#log;
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
    this.#announcer.textContent = text;
  }
}
