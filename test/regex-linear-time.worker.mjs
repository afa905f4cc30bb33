/**
 * Worker of test/regex-linear-time.test.ts: runs regular expressions on adversarial inputs of
 * 100,000 characters and reports the slow ones. It is a worker so that the test can stop a
 * regular expression that backtracks exponentially (it would never return).
 *
 * Messages in: { regexes: [{ id, source, flags }], limitMs }. Messages out: { started: id, input }
 * before each run, { done: id, slow: string[], inputs: number } after each regular expression,
 * then { finished: true }.
 */
import { parentPort, workerData } from 'node:worker_threads';

const SIZE = 100_000;
/** A character that few patterns mention: the non-matching end of a long run. */
const END = '\u2603';

/** `unit` repeated to SIZE characters in all, then `end`. */
const fill = (unit, end = '') => unit.repeat(Math.ceil((SIZE - end.length) / unit.length)).slice(0, SIZE - end.length) + end;
const half = SIZE / 2;

/** Inputs that make common backtracking patterns slow, whatever the pattern. */
const GENERIC = {
  letters: fill('a'),
  'letters, then a non-matching end': fill('a', END),
  'capitals, then !': fill('A', '!'),
  digits: fill('0', 'x'),
  underscores: fill('_', '!'),
  'spaces, then !': fill(' ', '!'),
  'spaces and tabs, then a letter': fill(' \t', 'a'),
  'newlines, then !': fill('\n', '!'),
  'CRLF lines': fill('a\r\n', END),
  'word characters': fill('aZ0_'),
  'word characters, then !': fill('aZ0_', '!'),
  camelCase: fill('aB', END),
  snake_case: fill('a_', END),
  'kebab-case': fill('a-', END),
  'dotted.names': fill('a.', END),
  'path/segments': fill('a/', END),
  '/leading/slashes': fill('/a', END),
  'words and spaces, then !': fill('ab ', '!'),
  'nested parentheses': '('.repeat(half) + ')'.repeat(half),
  'unclosed parentheses': fill('(', END),
  'nested brackets': '['.repeat(half) + ']'.repeat(half),
  'nested braces': '{'.repeat(half) + '}'.repeat(half),
  'nested angle brackets': '<'.repeat(half) + '>'.repeat(half),
  'nested calls': `${'a('.repeat(half / 2)}${')'.repeat(half / 2)}`,
  'double quotes': fill('"', END),
  'single quotes': fill("'", END),
  backticks: fill('`', END),
  'escaped quotes': fill('\\"', END),
  'quoted list': fill('"a",', END),
  backslashes: fill('\\', END),
  'key=value': fill('a=', END),
  'key: value': fill('key: value, ', END),
  'digits and dots': fill('1.', END),
  'template placeholders': fill('${a}', END),
  'unterminated comment': `/*${fill('*')}`,
  'comment markers': fill('//', END),
  'stars and slashes': fill('*/', END),
  'at signs': fill('@a', END),
};

/** The characters and words a pattern mentions, read from its source. */
function mentioned(source) {
  const chars = new Set();
  for (let index = 0; index < source.length; index++) {
    let char = source[index];
    if (char === '\\') {
      const next = source[++index] ?? '\\';
      const braced = /^[pPu]\{[^}]*\}/u.exec(source.slice(index))?.[0];
      if (braced) {
        index += braced.length - 1;
        char = next === 'u' ? String.fromCodePoint(Number.parseInt(braced.slice(2, -1), 16)) : 'a';
      } else if (next === 'u' && /^u[0-9a-fA-F]{4}/u.test(source.slice(index))) {
        char = String.fromCharCode(Number.parseInt(source.slice(index + 1, index + 5), 16));
        index += 4;
      } else if (next === 'x' && /^x[0-9a-fA-F]{2}/u.test(source.slice(index))) {
        char = String.fromCharCode(Number.parseInt(source.slice(index + 1, index + 3), 16));
        index += 2;
      } else {
        char = { d: '7', D: '!', w: 'w', W: '!', s: ' ', S: 'x', n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', 0: '\0', b: '', B: '' }[next] ?? next;
      }
    }
    if (char) chars.add(char);
  }
  const words = new Set(source.replace(/\\(?:[pPu]\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[a-zA-Z])/gu, ' ').match(/[A-Za-z]{2,}/gu) ?? []);
  return { chars: [...chars].slice(0, 48), words: [...words].slice(0, 24) };
}

const capitalized = (word) => word[0].toUpperCase() + word.slice(1);

/** The generic inputs, and runs of what the pattern itself mentions. */
function inputsFor(source) {
  const { chars, words } = mentioned(source);
  const inputs = new Map(Object.entries(GENERIC));
  for (const char of chars) {
    inputs.set(`run of ${JSON.stringify(char)}`, fill(char));
    inputs.set(`run of ${JSON.stringify(char)}, then a non-matching end`, fill(char, END));
  }
  if (chars.length > 1) {
    inputs.set('every character it mentions, in turn', fill(chars.join(''), END));
    inputs.set('every character it mentions, with spaces', fill(chars.join(' '), END));
  }
  for (const word of words) {
    inputs.set(`${word}…`, fill(word, END));
    inputs.set(`${word} ${word} …`, fill(`${word} `, END));
    inputs.set(`${word}_${word}_…`, fill(`${word}_`, END));
    inputs.set(`${word}.${word}.…`, fill(`${word}.`, END));
    inputs.set(`${word}-${word}-…`, fill(`${word}-`, END));
    inputs.set(`${word}${capitalized(word)}…`, fill(capitalized(word), END));
    inputs.set(`${word}: ${word}: …`, fill(`${word}: `, END));
  }
  if (words.length > 1) {
    inputs.set('every word it mentions', fill(words.join(''), END));
    inputs.set('every word it mentions, with spaces', fill(`${words.join(' ')} `, END));
    inputs.set('every word it mentions, in camelCase', fill(words.map(capitalized).join(''), END));
  }
  return inputs;
}

/** Every match, as `replace(/…/g)` and `matchAll` find them: at least the work of one `exec`. */
function runAll(regex, input) {
  regex.lastIndex = 0;
  let count = 0;
  for (const match of input.matchAll(regex)) count += match.length;
  return count;
}

function timed(regex, input) {
  const started = performance.now();
  runAll(regex, input);
  return performance.now() - started;
}

const { regexes, limitMs } = workerData;
for (const { id, source, flags } of regexes) {
  // Global so that every match is found; not sticky, so that a match may start anywhere.
  const regex = new RegExp(source, `${flags.replace(/[gy]/gu, '')}g`);
  const slow = [];
  const inputs = inputsFor(source);
  for (const [name, input] of inputs) {
    parentPort.postMessage({ started: id, input: name });
    let elapsed = timed(regex, input);
    // A pause of the machine (garbage collection, another process) is not the pattern's: a time
    // just over the limit must be seen three times. A super-linear pattern takes seconds.
    for (let retry = 0; retry < 2 && elapsed > limitMs && elapsed < 10 * limitMs; retry++) elapsed = Math.min(elapsed, timed(regex, input));
    if (elapsed > limitMs) slow.push(`${name}: ${elapsed.toFixed(0)} ms`);
  }
  parentPort.postMessage({ done: id, slow, inputs: inputs.size });
}
parentPort.postMessage({ finished: true });
