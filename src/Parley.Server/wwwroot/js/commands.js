// Turns a typed line into a request, with the terminal client's rules (src/Parley.Client/CommandParser.cs):
// `login <name>`, `logout`, `msg <text>`, `names`, `help` with or without a leading `/`; any other
// `/word rest` is sent as request `word` with content `rest`, so new server extensions work without a client
// change. Plain text is a message once logged in; `//x` is a message that starts with `/`. Content is null
// when there is no argument. The client's own commands: `/quit` (or `/exit`) logs out, `/ids` shows or hides
// message ids.

export const Action = Object.freeze({
  None: 'none',
  Send: 'send',
  Hint: 'hint',
  Quit: 'quit',
  ToggleIds: 'ids',
});

export const NotLoggedInHint = "Not logged in: type 'login <username>' first, or 'help'.";
export const ClientCommandsHint = 'Type /help for the server\'s commands, /ids to show or hide message ids, /quit to log out.';

// Commands that take no argument: as a bare word they are only a command when alone on the line.
const bareWords = new Set(['logout', 'names', 'help']);
// Commands that take an argument: as a bare first word they are always the command (alone: a usage hint).
const bareWithArgument = new Set(['login', 'msg']);
const quitWords = new Set(['quit', 'exit']);

export function parseCommand(line, loggedIn) {
  const text = (line ?? '').trim();
  if (text === '') {
    return { action: Action.None };
  }

  if (text.startsWith('//')) {
    return message(text.slice(1), loggedIn);
  }

  if (text[0] === '/') {
    const [word, rest] = split(text.slice(1));
    if (word === '') {
      return hint(ClientCommandsHint);
    }

    const lower = word.toLowerCase();
    if (lower === 'ids') {
      return { action: Action.ToggleIds };
    }

    return quitWords.has(lower) ? { action: Action.Quit } : command(lower, rest);
  }

  const [first, argument] = split(text);
  const lower = first.toLowerCase();
  if ((argument === null && bareWords.has(lower)) || bareWithArgument.has(lower)) {
    return command(lower, argument);
  }

  return message(text, loggedIn);
}

function command(word, rest) {
  if (word === 'login' && rest === null) {
    return hint('Usage: login <username> [password]');
  }

  if (word === 'msg' && rest === null) {
    return hint('Usage: msg <message>');
  }

  return send(word, rest);
}

function message(text, loggedIn) {
  return loggedIn ? send('msg', text) : hint(NotLoggedInHint);
}

function send(request, content) {
  return { action: Action.Send, request, content };
}

function hint(text) {
  return { action: Action.Hint, hint: text };
}

/** The first word, and the rest of the line (trimmed; null when empty). */
function split(text) {
  const match = /^(\S*)\s*([\s\S]*)$/.exec(text);
  const rest = match[2].trim();
  return [match[1], rest === '' ? null : rest];
}

/**
 * Hides the passwords in a line (src/Parley.Client/SecretMask.cs): after `login <name>` (with or without `/`),
 * and after `/register` and `/password`, every character but spaces becomes `*`.
 */
export function maskSecrets(line) {
  const first = /^\s*(\S*)/.exec(line)[1].toLowerCase();
  const wordsShown = first === 'login' || first === '/login' ? 2 : first === '/register' || first === '/password' ? 1 : 0;
  if (wordsShown === 0) {
    return line;
  }

  let words = 0;
  let inWord = false;
  let masked = '';
  for (const c of line) {
    if (/\s/.test(c)) {
      inWord = false;
      masked += c;
      continue;
    }

    if (!inWord) {
      inWord = true;
      words++;
    }

    masked += words > wordsShown ? '*' : c;
  }

  return masked;
}
