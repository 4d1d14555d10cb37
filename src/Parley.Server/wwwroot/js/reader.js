// Turns what the server sends into events, tolerating every habit listed in the protocol text ("What the
// client must tolerate"): keys in any case and order, extra keys, `name` for `sender`, `msg` for `message`,
// unknown kinds, content of any JSON type, history in every shape seen. The same rules as the terminal
// client's ResponseReader (src/Parley.Client/ResponseReader.cs). Pure and total: whatever cannot be read
// becomes a `raw` event that is shown as it came.

export const Kind = Object.freeze({
  Message: 'message',
  Info: 'info',
  Error: 'error',
  History: 'history',
  Other: 'other',
  Raw: 'raw',
});

/** Every event in one WebSocket text message (normally one payload; tolerates several, or junk between). */
export function readMessage(text, receivedAt = new Date()) {
  return splitValues(String(text)).map(segment => readSegment(segment, receivedAt));
}

/** One parsed JSON value as an event. */
export function readValue(value, receivedAt = new Date()) {
  let event;
  if (Array.isArray(value)) {
    // A bare array where a payload should be is a history.
    event = make(Kind.History, { history: historyItems(value) });
  } else if (isObject(value)) {
    event = readObject(value, Kind.Other);
  } else {
    event = make(Kind.Raw, { text: toText(value) });
  }

  return { ...event, json: compact(value), receivedAt };
}

/**
 * Splits text into top-level JSON values: objects and arrays end at their matching bracket (string- and
 * escape-aware), anything else at the end of its line. Whitespace and byte-order marks between are skipped.
 */
export function splitValues(text) {
  const segments = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\uFEFF') {
      i++;
      continue;
    }

    const end = c === '{' || c === '[' ? closingBracket(text, i) : -1;
    const stop = end >= 0 ? end + 1 : lineEnd(text, i);
    segments.push(text.slice(i, stop));
    i = stop;
  }

  return segments;
}

function closingBracket(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') {
        i++;
      } else if (c === '"') {
        inString = false;
      }
    } else if (c === '"') {
      inString = true;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if ((c === '}' || c === ']') && --depth === 0) {
      return i;
    }
  }

  return -1;
}

function lineEnd(text, start) {
  const newline = text.indexOf('\n', start);
  return newline < 0 ? text.length : newline + 1;
}

function readSegment(segment, receivedAt) {
  let value;
  try {
    value = JSON.parse(segment);
  } catch {
    return make(Kind.Raw, { text: segment.trim(), json: segment.trim(), receivedAt });
  }

  return readValue(value, receivedAt);
}

/** Senders that mean "the server itself" (missing, empty, "Server", "[Server]") become null. */
export function normalizeSender(sender) {
  if (typeof sender !== 'string') {
    return sender === null || sender === undefined ? null : toText(sender);
  }

  const bare = sender.trim().replace(/^\[+|\]+$/g, '').trim();
  return bare === '' || bare.toLowerCase() === 'server' ? null : sender.trim();
}

export function kindOf(response) {
  switch (typeof response === 'string' ? response.trim().toLowerCase() : null) {
    case 'message':
    case 'msg':
      return Kind.Message;
    case 'info':
      return Kind.Info;
    case 'error':
      return Kind.Error;
    case 'history':
      return Kind.History;
    default:
      return Kind.Other;
  }
}

function readObject(payload, kindWhenMissing) {
  const response = stringOf(find(payload, 'response'));
  const kind = response === null ? kindWhenMissing : kindOf(response);
  const content = find(payload, 'content');
  const sender = find(payload, 'sender') ?? find(payload, 'name') ?? find(payload, 'username');
  const event = make(kind, {
    responseName: response,
    timestamp: find(payload, 'timestamp'),
    sender: normalizeSender(sender),
    id: readId(find(payload, 'id')),
    room: stringOf(find(payload, 'room')),
    to: stringOf(find(payload, 'to')),
    deleted: readId(find(payload, 'deleted')),
    code: stringOf(find(payload, 'code')),
    server: stringOf(find(payload, 'server')),
    extensions: readStrings(find(payload, 'extensions')),
  });

  if (kind === Kind.History) {
    event.history = readHistory(content);
  } else if (kind !== Kind.Message && Array.isArray(content)) {
    event.items = content.map(toText);
    event.text = compact(content);
  } else {
    event.text = textOrNull(content);
  }

  return event;
}

function readHistory(content) {
  if (content === undefined || content === null) {
    return [];
  }

  if (Array.isArray(content)) {
    return historyItems(content);
  }

  if (isObject(content)) {
    return [historyItem(content)];
  }

  return typeof content === 'string' ? historyString(content) : [plain(toText(content))];
}

function historyItems(list) {
  return list.flatMap(item => (typeof item === 'string' ? historyString(item) : [historyItem(item)]));
}

function historyItem(item) {
  return isObject(item) ? { ...readObject(item, Kind.Message), json: compact(item) } : plain(toText(item));
}

/** A history string is usually a JSON-encoded message (decoded again), sometimes plain text lines. */
function historyString(text) {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const value = JSON.parse(trimmed);
      return Array.isArray(value) ? historyItems(value) : [historyItem(value)];
    } catch {
      // Not JSON after all: plain text that happens to start with a bracket.
    }
  }

  return text.split('\n').map(line => line.replace(/\r$/, '')).filter(line => line.length > 0).map(plain);
}

function plain(text) {
  return make(Kind.Message, { text, json: text });
}

function make(kind, fields) {
  return {
    kind,
    responseName: null,
    timestamp: undefined,
    sender: null,
    text: null,
    items: null,
    history: [],
    id: null,
    room: null,
    to: null,
    deleted: null,
    code: null,
    server: null,
    extensions: null,
    json: '',
    ...fields,
  };
}

/** A key in any letter case; an exact match wins over the others. */
function find(payload, key) {
  if (Object.hasOwn(payload, key)) {
    return payload[key];
  }

  for (const name of Object.keys(payload)) {
    if (name.trim().toLowerCase() === key) {
      return payload[name];
    }
  }

  return undefined;
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringOf(value) {
  return typeof value === 'string' ? value : null;
}

function readId(value) {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return value;
  }

  return typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : null;
}

function readStrings(value) {
  if (Array.isArray(value)) {
    return value.map(toText);
  }

  return typeof value === 'string' ? [value] : null;
}

function textOrNull(value) {
  return value === undefined || value === null ? null : toText(value);
}

/** A string as-is; any other value as compact JSON. */
export function toText(value) {
  return typeof value === 'string' ? value : compact(value);
}

function compact(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
