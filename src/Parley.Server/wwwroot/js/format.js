// Pure helpers for what the page shows: times, notice texts, sender colours, and the server's room and
// member lists read back out of its info texts. Nothing here touches the DOM.
import { Kind } from './reader.js';

const pad = n => String(n).padStart(2, '0');
const clock = date => `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;

// Unix time beyond this is taken as milliseconds (JavaScript's Date.now()), as the terminal client does.
const MillisecondsThreshold = 1e11;

/**
 * The time to show for a server timestamp (src/Parley.Client/TimestampReader.cs): an instant (ISO-8601 with
 * a zone, Unix seconds) in local time; a wall clock without a zone as sent; anything else as-is; missing:
 * the fallback (when the payload arrived), or nothing. Returns { text, iso } where iso is for <time datetime>.
 */
export function formatTime(timestamp, fallback = null) {
  const instant = readInstant(timestamp);
  if (instant) {
    return { text: clock(instant), iso: instant.toISOString() };
  }

  if (typeof timestamp === 'string' && timestamp.trim() !== '') {
    const wall = /(?:^|[ T])(\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:\s+\d{4})?$/.exec(timestamp.trim());
    return { text: wall ? wall[1] : timestamp.trim(), iso: null };
  }

  if (timestamp !== undefined && timestamp !== null && typeof timestamp !== 'number') {
    return { text: JSON.stringify(timestamp), iso: null };
  }

  return fallback ? { text: clock(fallback), iso: fallback.toISOString() } : null;
}

function readInstant(timestamp) {
  let milliseconds = null;
  if (typeof timestamp === 'number' || (typeof timestamp === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(timestamp))) {
    const number = Number(timestamp);
    milliseconds = number >= MillisecondsThreshold ? number : number * 1000;
  } else if (typeof timestamp === 'string' && /\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}.*(Z|z|[+-]\d{2}:?\d{2}|UTC)$/.test(timestamp.trim())) {
    milliseconds = Date.parse(timestamp.trim().replace(' ', 'T').replace(/UTC$/, 'Z'));
  }

  if (milliseconds === null || !Number.isFinite(milliseconds) || milliseconds < 0) {
    return null;
  }

  const date = new Date(milliseconds);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Notice text: a list (e.g. the users of `names`) joined on one line; an unknown kind named first. */
export function noticeText(event) {
  const kind = event.kind === Kind.Other && event.responseName && event.responseName.trim() !== '' ? event.responseName.trim() : null;
  if (event.items) {
    const joined = event.items.join(', ');
    return kind === null ? joined : `${kind} (${event.items.length}): ${joined}`;
  }

  const text = event.text ?? '';
  return kind === null ? text : `${kind}: ${text}`;
}

/** A stable hue per sender (FNV-1a, as the terminal's SenderColors), so a name keeps its colour. */
export function senderHue(name) {
  let hash = 0x811c9dc5;
  for (const c of name.toLowerCase()) {
    hash ^= c.codePointAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }

  // Twelve hues, 30 degrees apart, skipping the reds that errors use.
  return 30 + (hash % 11) * 30;
}

/** "Users in #lobby (2): alice, bob" → { room, users }; null for any other text. */
export function readNames(text) {
  const match = /^Users in #(\S+) \((\d+)\):\s*(.*)$/s.exec(text ?? '');
  if (!match) {
    return null;
  }

  const users = match[3].split(',').map(name => name.trim()).filter(name => name !== '');
  return { room: match[1], users };
}

/** "Rooms: dev (1), lobby (3)" → [{ name, count }]; null for any other text. */
export function readRooms(text) {
  const match = /^Rooms:\s*(.*)$/s.exec(text ?? '');
  if (!match) {
    return null;
  }

  return match[1].split(',').map(part => /^\s*(\S+)\s+\((\d+)\)\s*$/.exec(part)).filter(Boolean)
    .map(room => ({ name: room[1], count: Number(room[2]) }));
}

/**
 * What a room info says about a member: "alice joined #dev", "alice left #dev", "bob was kicked by alice..."
 * or "bob was banned by ...". Returns { name, present } or null.
 */
export function readPresence(text) {
  const match = /^([A-Za-z0-9]{1,32}) (joined|left) #\S+$/.exec(text ?? '') ?? /^([A-Za-z0-9]{1,32}) was (kicked|banned) by /.exec(text ?? '');
  return match ? { name: match[1], present: match[2] === 'joined' } : null;
}

export function sameName(a, b) {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}
