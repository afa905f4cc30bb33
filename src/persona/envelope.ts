import yaml from 'js-yaml';

/** An error-envelope template as persona/error-envelope's `envelope` option takes it. */
export type EnvelopeShape = { readonly [key: string]: EnvelopeValue };
export type EnvelopeValue = EnvelopeShape | string | number | boolean;

/** RFC 7807 / RFC 9457 problem details: `type`, `title` and `status`, with an optional `detail` and `instance`. */
export const PROBLEM_DETAILS: EnvelopeShape = { type: 'string', title: 'string', status: 'number', 'detail?': 'string', 'instance?': 'string' };

/** String values that are a discriminator, not an example: `"status": "error"` (JSend), `"result": "fail"`. */
const DISCRIMINATOR_KEYS = /^(?:status|result|outcome|kind|state)$/u;
const DISCRIMINATOR_VALUES = /^(?:error|errors|fail|failed|failure|ko|err)$/iu;

/** A line of JSON without its `//` comment (one outside a string). */
function withoutLineComment(line: string): string {
  let inString = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index];
    if (inString && character === '\\') index++;
    else if (character === '"') inString = !inString;
    else if (!inString && character === '/' && line[index + 1] === '/') return line.slice(0, index);
  }
  return line;
}

export type ParsedBlock = { readonly value: unknown; readonly optional: ReadonlySet<string> } | { readonly problem: string };

/**
 * A JSON or YAML example as data, with the keys its comments call optional (`// optional`,
 * `# optional`). JSON may carry `//` comments (JSONC), as examples in documents often do.
 */
export function parseExample(code: string, language: 'json' | 'yaml'): ParsedBlock {
  const optional = new Set<string>();
  for (const line of code.split('\n')) {
    const key = /^\s*(?:-\s*)?["']?([\w$-]+)["']?\s*:/u.exec(line);
    const comment = Math.max(line.indexOf('//'), line.indexOf('#'));
    if (key && comment >= 0 && /\boptional\b/iu.test(line.slice(comment))) optional.add(key[1]!);
  }
  try {
    if (language === 'yaml') return { value: yaml.load(code, { schema: yaml.JSON_SCHEMA }), optional };
    const withoutComments = code
      .split('\n')
      .map(withoutLineComment)
      .join('\n')
      // A trailing comma, as in JavaScript.
      .replace(/,(\s*[}\]])/gu, '$1');
    return { value: JSON.parse(withoutComments) as unknown, optional };
  } catch (error) {
    return { problem: (error instanceof Error ? error.message : String(error)).split('\n')[0]! };
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether an example body is an error: an `error`/`errors` key, `success`/`ok` false, a failing status word, or problem details. */
export function looksLikeError(value: unknown): boolean {
  if (!isObject(value)) return false;
  if ('error' in value || 'errors' in value) return true;
  if (value.success === false || value.ok === false) return true;
  if (Object.entries(value).some(([key, entry]) => DISCRIMINATOR_KEYS.test(key) && typeof entry === 'string' && DISCRIMINATOR_VALUES.test(entry))) return true;
  return isProblemDetails(value);
}

/** Whether an example body is a success: `success`/`ok` true, or a `data` key and no error. */
export function looksLikeSuccess(value: unknown): boolean {
  return isObject(value) && (value.success === true || value.ok === true || ('data' in value && !looksLikeError(value)));
}

const isProblemDetails = (value: Record<string, unknown>) => 'type' in value && 'title' in value && 'status' in value;

function template(value: unknown, key: string): EnvelopeValue {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return DISCRIMINATOR_KEYS.test(key) && DISCRIMINATOR_VALUES.test(value) ? value : 'string';
  if (isObject(value)) return Object.keys(value).length === 0 ? 'object' : shapeOf(value, new Set());
  // null, arrays: their content varies from one error to the next.
  return 'any';
}

/** Whether an example's value says "may be absent": empty (`[]`, `{}`) or null. */
const isEmpty = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);

function shapeOf(value: Record<string, unknown>, optional: ReadonlySet<string>): EnvelopeShape {
  const shape: Record<string, EnvelopeValue> = {};
  const problem = isProblemDetails(value);
  for (const [key, entry] of Object.entries(value)) {
    const bare = key.replace(/\?$/u, '');
    const isOptional = key.endsWith('?') || optional.has(bare) || isEmpty(entry) || (problem && (bare === 'detail' || bare === 'instance'));
    shape[isOptional ? `${bare}?` : bare] = template(entry, bare);
  }
  return shape;
}

/**
 * The envelope an example error body states: its keys are required (unless empty, null or
 * commented optional), booleans and failing status words are literals (`"success": false`,
 * `"status": "error"`), other values give their type, nested objects their own shape.
 */
export function envelopeOf(value: unknown, optional: ReadonlySet<string> = new Set()): EnvelopeShape | undefined {
  return isObject(value) && Object.keys(value).length > 0 ? shapeOf(value, optional) : undefined;
}

/** An envelope on one line for a report: `{ success: false, error: { code, message, details? } }`. */
export function describeEnvelope(shape: EnvelopeValue): string {
  if (typeof shape !== 'object') return JSON.stringify(shape);
  const entries = Object.entries(shape).map(([key, value]) =>
    value === 'string' || value === 'number' || value === 'any' || value === 'object' || value === 'boolean' ? key : `${key}: ${describeEnvelope(value)}`,
  );
  return `{ ${entries.join(', ')} }`;
}
