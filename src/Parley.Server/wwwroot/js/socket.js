// The WebSocket under the chat, and when to try again after it drops.

/** 1 s doubling to 30 s, each delay spread by ±20 % so that many pages do not all knock at the same instant. */
export const DefaultPolicy = Object.freeze({ baseMs: 1000, maxMs: 30000, jitter: 0.2 });

export function reconnectDelay(attempt, policy = DefaultPolicy, random = Math.random) {
  const nominal = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(nominal * (1 + policy.jitter * (2 * random() - 1)));
}

/** The endpoint on the page's own origin: wss:// when the page came over https. */
export function socketUrl(location) {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`;
}

/**
 * Opens a WebSocket. `opened` resolves when it is open and rejects when it closes before that; `onText` gets
 * each message as text, `onClose` is called once when it closes, opened or not.
 */
export function openSocket(url, onText, onClose) {
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const opened = new Promise((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onclose = () => {
      reject(new Error('The server cannot be reached.')); // nothing once open
      onClose();
    };
  });
  // The server sends text; a binary message is read as UTF-8 all the same.
  socket.onmessage = message => onText(typeof message.data === 'string' ? message.data : new TextDecoder().decode(message.data));
  return { socket, opened };
}
