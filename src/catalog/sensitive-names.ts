/**
 * The vocabulary of sensitive names. A name is split into words (camelCase, snake_case,
 * kebab-case, SCREAMING_CASE); it is sensitive when a secret word is its head and no word
 * after it turns the name into metadata about the secret (`tokenExpiresAt`, `passwordPolicy`).
 */

/** Words that name a secret on their own. */
export const SECRET_WORDS: ReadonlyMap<string, string> = new Map([
  ['password', 'a password'],
  ['passwords', 'a password'],
  ['passwd', 'a password'],
  ['pwd', 'a password'],
  ['pw', 'a password'],
  ['passphrase', 'a passphrase'],
  ['secret', 'a secret'],
  ['secrets', 'a secret'],
  ['token', 'a token'],
  ['tokens', 'a token'],
  ['jwt', 'a token'],
  ['authorization', 'an Authorization header'],
  ['cookie', 'a cookie'],
  ['cookies', 'a cookie'],
  ['credential', 'credentials'],
  ['credentials', 'credentials'],
  ['creds', 'credentials'],
  ['cvv', 'a card security code'],
  ['cvc', 'a card security code'],
  ['cvv2', 'a card security code'],
  ['ssn', 'a social security number'],
  ['otp', 'a one-time password'],
  ['apikey', 'an API key'],
  ['privatekey', 'a private key'],
]);

/** Pairs of words that name a secret together (`api key`, `card number`). */
export const SECRET_PAIRS: ReadonlyMap<string, string> = new Map([
  ['api key', 'an API key'],
  ['private key', 'a private key'],
  ['secret key', 'a secret key'],
  ['signing key', 'a signing key'],
  ['encryption key', 'an encryption key'],
  ['master key', 'a master key'],
  ['access key', 'an access key'],
  ['session key', 'a session key'],
  ['auth header', 'an Authorization header'],
  ['card number', 'a card number'],
  ['card no', 'a card number'],
  ['card num', 'a card number'],
  ['cc number', 'a card number'],
  ['pan number', 'a card number'],
  ['security code', 'a card security code'],
  ['social security', 'a social security number'],
  ['set cookie', 'a cookie'],
  ['database url', 'a connection string, which carries the database password'],
  ['db url', 'a connection string, which carries the database password'],
  ['connection string', 'a connection string, which carries the database password'],
  ['mongo uri', 'a connection string, which carries the database password'],
  ['mongodb uri', 'a connection string, which carries the database password'],
  ['mongo url', 'a connection string, which carries the database password'],
  ['redis url', 'a connection string, which carries the database password'],
]);

/** Words after the secret that make the name metadata about it. */
export const QUALIFIER_WORDS: ReadonlySet<string> = new Set([
  'last4', 'brand', 'suffix', 'masked', 'redacted',
  'count', 'counts', 'length', 'len', 'size', 'expires', 'expiry', 'expiration', 'exp', 'ttl',
  'at', 'in', 'type', 'types', 'kind', 'name', 'names', 'policy', 'policies', 'rule', 'rules',
  'strength', 'score', 'field', 'fields', 'id', 'ids', 'valid', 'validity', 'present', 'provided',
  'required', 'enabled', 'disabled', 'changed', 'requested', 'updated', 'created', 'sent',
  'version', 'prefix', 'format', 'regex', 'pattern', 'min', 'max', 'error', 'errors', 'message',
  'status', 'url', 'uri', 'endpoint', 'host', 'hostname', 'path', 'location', 'label', 'input', 'placeholder', 'mode',
  'algorithm', 'alg', 'issuer', 'audience', 'scope', 'scopes', 'source', 'service', 'manager',
  'provider', 'storage', 'store', 'options', 'opts', 'config', 'settings', 'schema', 'validator',
  'strategy', 'generator', 'helper', 'utils', 'check', 'checked', 'verified', 'matches', 'match',
  'mismatch', 'attempts', 'attempt', 'retries', 'failures', 'used', 'usage', 'rotation', 'rotated',
  'flag', 'visible', 'visibility', 'toggle', 'icon', 'hint', 'region', 'arn', 'key', 'keys',
  'hash', 'hashed', 'digest', 'fingerprint', 'parser', 'domain', 'header', 'headers', 'duration',
  'age', 'lifetime', 'limit', 'limits', 'payload', 'claims', 'subject', 'sub', 'owner', 'user',
  'date', 'time', 'timestamp', 'last', 'reset', 'request', 'requests', 'event', 'events', 'reason',
  'result', 'response', 'handler', 'middleware', 'guard', 'module', 'controller', 'repository',
  'table', 'column', 'index', 'cache', 'ms', 'seconds', 'minutes', 'hours', 'days', 'number',
  'num', 'no', 'set', 'missing', 'exists', 'decoded', 'info', 'meta', 'metadata', 'details', 'ok',
  'success', 'failed', 'template', 'mail', 'email', 'link',
]);

/**
 * Qualifiers that do not make a password metadata: a password hash can still be cracked, a
 * card number field is still the number.
 */
export const QUALIFIERS_KEPT_FOR: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['password', new Set(['hash', 'hashed', 'digest'])],
  ['passwords', new Set(['hash', 'hashed', 'digest'])],
  ['authorization', new Set(['header', 'headers'])],
  ['cookie', new Set(['header', 'headers'])],
  ['cookies', new Set(['header', 'headers'])],
  ['card', new Set(['number', 'num', 'no'])],
  ['cc', new Set(['number'])],
]);

/**
 * First words that make the name a flag or a count (`hasToken`, `isSecret`, `numTokens`), or
 * records a cleanup job counts (`deletedTokens`).
 */
export const LEADING_QUALIFIERS: ReadonlySet<string> = new Set([
  'has', 'have', 'is', 'are', 'was', 'were', 'should', 'can', 'could', 'needs', 'need', 'requires',
  'require', 'did', 'does', 'will', 'num', 'count', 'total', 'max', 'min', 'no', 'show', 'use',
  'allow', 'with', 'without', 'missing', 'deleted', 'removed', 'purged', 'pruned', 'cleaned',
  'expired', 'revoked', 'stale',
]);

/**
 * Words in a value's own name that say what it is, so a sensitive label before it does not
 * apply: `'Username from JWT: ' + decoded.username`, `'token fetch failed:', error.message`.
 */
export const SELF_DESCRIBING_WORDS: ReadonlySet<string> = new Set([
  'username', 'user', 'name', 'email', 'login', 'account', 'message', 'stack', 'err', 'error', 'e',
  'ex', 'exception', 'reason', 'host', 'hostname', 'url', 'domain', 'provider', 'status', 'code',
  'id', 'ids', 'count', 'type',
]);

/** Personal data that is logged only when the `pii` option is on. */
export const PII_WORDS: ReadonlyMap<string, string> = new Map([
  ['email', 'an email address'],
  ['emails', 'an email address'],
  ['phone', 'a phone number'],
  ['mobile', 'a phone number'],
  ['msisdn', 'a phone number'],
  ['dob', 'a date of birth'],
  ['birthdate', 'a date of birth'],
  ['birthday', 'a date of birth'],
  ['address', 'a postal address'],
  ['iban', 'a bank account number'],
  ['passport', 'a passport number'],
]);

export const PII_PAIRS: ReadonlyMap<string, string> = new Map([
  ['date of', 'a date of birth'],
  ['birth date', 'a date of birth'],
  ['phone number', 'a phone number'],
  ['street address', 'a postal address'],
  ['home address', 'a postal address'],
  ['full name', 'a full name'],
  ['national id', 'a national id number'],
]);

/** Header names whose value is a credential. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
  'x-refresh-token',
  'x-amz-security-token',
  'x-hub-signature',
  'x-hub-signature-256',
  'stripe-signature',
]);

/** Function names (any word of them) whose result is safe to log. */
export const REDACTOR_WORDS: ReadonlySet<string> = new Set([
  'redact', 'redacted', 'mask', 'masked', 'hash', 'hashed', 'sanitize', 'sanitized', 'scrub',
  'scrubbed', 'obfuscate', 'obfuscated', 'censor', 'anonymize', 'anonymise', 'fingerprint',
  'digest', 'omit', 'strip', 'truncate', 'last4', 'safe',
]);

/** Splits an identifier, property or header name into lower-case words. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .replace(/(?<![A-Z])([A-Z]+)([A-Z][a-z])/gu, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter((word) => word.length > 0);
}

/** Keys that name the account a secret belongs to: beside a password, they make an object an account. */
export const ACCOUNT_KEYS: ReadonlySet<string> = new Set(['username', 'user', 'user_name', 'login', 'email', 'mail', 'userid', 'user_id', 'account']);

/** One-word values a form or API puts under a field's name to say what is wrong with it (`{ password: 'required' }`). */
export const FIELD_MESSAGE_WORDS: ReadonlySet<string> = new Set([
  'required', 'invalid', 'missing', 'optional', 'weak', 'mismatch', 'incorrect', 'wrong', 'empty', 'error', 'valid', 'ok', 'hidden',
  'redacted', 'too_short', 'too_long', 'too-short', 'too-long', 'unchanged', 'set', 'unset', 'none', 'null', 'undefined', 'string', 'text',
]);
