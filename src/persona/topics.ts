import type { rules } from '../rules.js';
import { PROBLEM_DETAILS } from './envelope.js';

export type RuleName = keyof typeof rules;

/** A statement as the topics read it: lowercase, `e-mail` as `email`, no code-span backticks. */
export interface Reading {
  readonly text: string;
  /** The words before the statement's first colon (`rate limiting` in "Rate Limiting: API endpoint protection"), or ''. */
  readonly label: string;
  /** Its headings, lead-in and parent items, joined. */
  readonly context: string;
  /** It forbids what it names ("never", "do not", ❌, or under "Never Do" / "Anti-patterns"). */
  readonly prohibits: boolean;
}

/** What one statement adds to a rule's options, and what of it the rule cannot check. */
export interface Contribution {
  readonly options?: Readonly<Record<string, unknown>>;
  readonly notes?: readonly string[];
  /** Words a finding's message may contain that make this the statement to quote (`email`). */
  readonly keywords?: readonly string[];
}

export interface RuleTopic {
  readonly rule: RuleName;
  readonly matches: (reading: Reading) => boolean;
  readonly options?: (reading: Reading) => Contribution | undefined;
}

const LOG = /\blog(?!\s+(?:in|into|on|out)\b)(?:s|ged|ging|gers?)?\b/u;
const SECRET = /\b(?:passwords?|passphrases?|(?:access |refresh |auth |bearer |session )?tokens?|secrets?|api[- ]?keys?|private keys?|credentials?|auth(?:orization)? headers?|cookies?|session ids?|card numbers?|credit cards?|cvv|otps?|jwts?|sensitive (?:data|information|info|fields?|values?))\b/u;
/** Named classes of personal data, and the identifier words no-secret-logging reads them in. */
const PERSONAL_DATA: readonly { readonly pattern: RegExp; readonly words: readonly string[] }[] = [
  { pattern: /\bemails?(?: addresse?s?)?\b/u, words: ['email', 'emails'] },
  { pattern: /\b(?:phone|mobile|telephone)(?: numbers?)?\b/u, words: ['phone', 'mobile'] },
  { pattern: /\b(?:dates? of birth|birth ?dates?|birthdays?|dob)\b/u, words: ['dob', 'birthdate', 'birthday'] },
  { pattern: /\b(?:postal|home|street|mailing|physical) addresse?s?\b/u, words: ['address'] },
];
const PERSONAL_DATA_IN_GENERAL = /\bpii\b|\bpersonal(?:ly identifiable)? (?:data|information|info|details)\b/u;
/** Verbs that keep something out of the logs, so the statement protects them whatever its polarity. */
const KEEPS_OUT = /\b(?:redact\w*|mask\w*|scrub\w*|filter\w* out|strip\w*|exclude\w*|omit\w*|out of (?:the )?logs?)\b/u;

const PATH = /(?:^|[\s(:,'"])(\/[a-z0-9][\w\-/.{}:]*)/gu;
/** A path as written, without the punctuation of the sentence around it or a trailing slash. */
function trimPath(path: string): string {
  let end = path.length;
  while (end > 1 && '.,;:/'.includes(path[end - 1]!)) end--;
  return path.slice(0, end);
}
const pathsIn = (text: string) => [...text.matchAll(PATH)].map((match) => trimPath(match[1]!));

/**
 * Whether a text matches every pattern, in any order: several simple patterns rather than one
 * `a.*b`, which would take quadratic time on a long statement.
 */
export const every = (text: string, ...patterns: readonly RegExp[]) => patterns.every((pattern) => pattern.test(text));
const has = (pattern: RegExp) => (reading: Reading) => pattern.test(reading.text);

/** A version prefix written in a statement (`/api/v1/`, `/v2`) as api-versioning's versionPattern. */
function versionPattern(text: string): string | undefined {
  const path = pathsIn(text).find((candidate) => /\/v\d+(?:\/|$)/u.test(candidate));
  if (!path) return undefined;
  const prefix = path.slice(0, path.search(/\/v\d+(?:\/|$)/u));
  return `^${prefix.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}/v[0-9]+(?:/|$)`;
}

/** A size as body-parser writes it (`1mb`, `500kb`), or a number of bytes. */
function sizeIn(text: string): string | number | undefined {
  const match = /\b(\d+(?:\.\d+)?)\s?(kb|kib|mb|mib|gb|gib|bytes?|b)\b/u.exec(text);
  if (!match) return undefined;
  const unit = match[2]!.replace('i', '');
  return unit.startsWith('b') ? Number(match[1]) : `${match[1]}${unit}`;
}

/**
 * The standards persona-lint checks, each with the words that state it. A statement that
 * matches one is enforced by that rule; one statement may state several standards ("do not
 * expose sensitive data in logs or responses").
 */
export const RULE_TOPICS: readonly RuleTopic[] = [
  {
    rule: 'parameterized-queries',
    matches: (reading) =>
      /\bparameteri[sz]ed?\b|\bprepared statements?\b|\bplaceholders?\b|\bbind (?:parameters|variables|values)\b|\bsql injection\b/u.test(reading.text) ||
      (/\bsql\b|\bquer(?:y|ies)\b/u.test(reading.text) && /\b(?:concatenat\w*|interpolat\w*|string[- ]?(?:building|built|formatting)|template (?:literals?|strings?)|f-strings?)\b/u.test(reading.text)),
  },
  {
    rule: 'no-nosql-injection',
    matches: (reading) =>
      /\boperator injection\b|\$where\b/u.test(reading.text) ||
      (/\bnosql\b/u.test(reading.text) && /\b(?:inject\w*|operators?|sanitiz\w*|quer(?:y|ies))\b/u.test(reading.text)) ||
      (/\bmongo\w*\b/u.test(reading.text) && /\b(?:inject\w*|operators?|sanitiz\w*)\b/u.test(reading.text)) ||
      // "Never trust client data": request values reach queries only once checked.
      (reading.prohibits && every(reading.text, /\btrust\w*/u, /\b(?:client|user|request)(?:-side)? (?:data|input)\b/u)),
  },
  {
    rule: 'no-secret-logging',
    matches: (reading) =>
      LOG.test(reading.text) &&
      (SECRET.test(reading.text) || PERSONAL_DATA_IN_GENERAL.test(reading.text) || PERSONAL_DATA.some((data) => data.pattern.test(reading.text))) &&
      (reading.prohibits || KEEPS_OUT.test(reading.text) || every(reading.text, /\bkeep\w*/u, /\bout\b/u)),
    options: (reading) => {
      if (PERSONAL_DATA_IN_GENERAL.test(reading.text)) {
        return { options: { pii: true }, keywords: ['email', 'phone', 'birth', 'address', 'passport', 'bank account', 'full name', 'national id'] };
      }
      const named = PERSONAL_DATA.filter((data) => data.pattern.test(reading.text)).flatMap((data) => data.words);
      if (named.length === 0) return undefined;
      return {
        options: { sensitiveNames: named },
        keywords: named,
        notes: ['no-secret-logging reads the named personal data as extra sensitive words, and reports secrets (passwords, tokens, keys) in logs as well'],
      };
    },
  },
  {
    rule: 'error-envelope',
    matches: (reading) =>
      every(
        reading.text,
        /\b(?:consistent|standardi[sz]ed?|uniform|same|single|one|common|unified)\b/u,
        /\berrors?\b/u,
        /\b(?:responses?|format|shape|envelope|body|bodies|structure|handling|objects?)\b/u,
      ) ||
      /\binconsistent error\b|\berrors? envelopes?\b|\berror (?:response )?(?:format|envelope|shape|schema)\b/u.test(reading.text) ||
      /\brfc ?(?:7807|9457)\b|\bproblem[- ]details?\b|application\/problem\+json/u.test(reading.text) ||
      (/\berrors?\b/u.test(reading.text) && /\b(?:4xx|5xx)\b|\b(?:with|as) (?:a )?(?:200|2xx)\b|\bsuccess status\b/u.test(reading.text)),
    options: (reading) =>
      /\brfc ?(?:7807|9457)\b|\bproblem[- ]details?\b|application\/problem\+json/u.test(reading.text)
        ? { options: { envelope: PROBLEM_DETAILS }, keywords: ['envelope'] }
        : { options: { envelope: 'infer' } },
  },
  {
    rule: 'health-endpoint',
    matches: has(/\bhealth(?:[- ]?(?:checks?|endpoints?|routes?|probes?))?\b|\bhealthz\b|\b(?:liveness|readiness)\b/u),
    options: (reading) => {
      const paths = pathsIn(reading.text);
      const dependencies = /\b(?:dependenc\w*|databases?|db|redis|cache|downstream|upstream)\b/u.test(reading.text);
      const failure = /\b503\b|\bunhealthy\b|\bunavailable\b|\bnon-200\b/u.test(reading.text);
      const notes: string[] = [];
      if (dependencies !== failure) {
        notes.push(
          dependencies
            ? 'the dependency check is not enforced: health-endpoint checks dependencies only together with a 503 when one is down, which this statement does not ask for'
            : 'the 503 is not enforced: health-endpoint checks it only together with a dependency check, which this statement does not ask for',
        );
      }
      const options = { ...(paths.length > 0 ? { paths } : {}), ...(dependencies && failure ? { requireDependencyCheck: true } : {}) };
      return { options, notes, keywords: paths };
    },
  },
  {
    rule: 'no-hardcoded-secrets',
    matches: (reading) =>
      (/\bhard[- ]?cod\w*\b/u.test(reading.text) && (SECRET.test(reading.text) || /\b(?:connection strings?|keys?|config\w*|urls?)\b/u.test(reading.text))) ||
      every(reading.text, /\b(?:secrets?|credentials?|api keys?|passwords?|connection strings?|keys)\b/u, /\b(?:env(?:ironment)?(?: variables?)?|vaults?|secrets? managers?|kms)\b/u) ||
      (reading.prohibits && /\b(?:commit\w*|check\w* in|in (?:the )?(?:source|code|repo\w*))\b/u.test(reading.text) && SECRET.test(reading.text)),
  },
  {
    rule: 'no-error-exposure',
    matches: (reading) =>
      (/\b(?:expos\w*|leak\w*|reveal\w*|return\w*|send\w*|show\w*|includ\w*|pass\w*)\b/u.test(reading.text) &&
        /\b(?:internal errors?|stack ?traces?|error details|exception (?:details|messages?)|raw errors?|internal (?:details|messages?)|database errors?)\b/u.test(reading.text) &&
        (reading.prohibits || /\b(?:generic|safe)\b/u.test(reading.text))) ||
      (/\bstack ?traces?\b/u.test(reading.text) && reading.prohibits) ||
      /\binternal (?:errors?|details|exceptions?) (?:stay|remain|are kept|never leave)\b/u.test(reading.text),
  },
  {
    rule: 'jwt-verification',
    matches: (reading) =>
      /\b(?:jwts?|json web tokens?|bearer tokens?|access tokens?)\b/u.test(reading.text) &&
      /\b(?:verif\w*|validat\w*|signatures?|expir\w*|algorithms?|decod\w*|alg|[hrep]s(?:256|384|512))\b/u.test(reading.text),
    options: (reading) => {
      const algorithms = [...new Set([...reading.text.matchAll(/\b([hrep]s(?:256|384|512)|eddsa)\b/gu)].map((match) => match[1]!.toUpperCase().replace('EDDSA', 'EdDSA')))];
      const expiry = /\bexpir\w*|\bexp\b|\bttl\b|\blifetime\b/u.test(reading.text);
      return { options: { ...(algorithms.length > 0 ? { allowedAlgorithms: algorithms } : {}), ...(expiry ? { requireExpiry: true } : {}) } };
    },
  },
  {
    rule: 'no-plaintext-password',
    matches: (reading) =>
      /\bpasswords?\b/u.test(reading.text) &&
      (/\b(?:plain ?text|clear ?text|unhashed|unencrypted|as typed|in the clear)\b/u.test(reading.text) ||
        every(reading.text, /\b(?:stor\w*|sav\w*|persist\w*|keep\w*)\b/u, /\bonly\b/u, /\bhash\w*/u)),
  },
  {
    rule: 'strong-password-hash',
    matches: (reading) => /\bpasswords?\b/u.test(reading.text) && /\b(?:hash\w*|bcrypt|argon2\w*|scrypt|pbkdf2|salt\w*|md5|sha-?(?:1|256|512))\b/u.test(reading.text),
    options: (reading) => {
      if (!/\bbcrypt\b/u.test(reading.text)) return undefined;
      const cost = /\b(?:cost|rounds|work factor)\b\D{0,20}?(\d{1,2})\b/u.exec(reading.text) ?? /\b(\d{1,2}) (?:salt )?rounds\b/u.exec(reading.text);
      return cost ? { options: { minBcryptCost: Number(cost[1]) } } : undefined;
    },
  },
  {
    rule: 'no-query-in-loop',
    matches: has(/\bn\s?\+\s?1\b|\bquer(?:y|ies)\b.*\b(?:in|inside|within) (?:a )?loops?\b|\bquer(?:y|ies) (?:per|for each) (?:item|row|iteration|element)\b|\beager[- ]?load\w*|\bdataloaders?\b|\bbatch\w* (?:quer\w*|lookups?|loads?)\b/u),
  },
  {
    rule: 'no-blocking-io',
    matches: (reading) =>
      /\bnon-blocking\b|\bblock\w* the event loop\b/u.test(reading.text) ||
      (/\b(?:blocking|synchronous|sync)\b/u.test(reading.text) && /\b(?:i\/o|io|calls?|operations?|file ?(?:system|reads?|writes?)|fs|apis?|functions?|crypto)\b/u.test(reading.text)) ||
      every(reading.text, /\basync\w*/u, /\bfor (?:all )?i\/o\b/u),
  },
  {
    rule: 'cors-policy',
    matches: has(/\bcors\b|\bcross[- ]origin\b/u),
    options: (reading) => {
      const wildcard = /\bwildcards?\b|\bany origin\b|\ball origins\b|(?:^|\s)\*(?:\s|$)/u.test(reading.text);
      if (!wildcard) return undefined;
      if (reading.prohibits) return { options: { allowPublicWildcard: false } };
      return /\bpublic\b/u.test(reading.text) ? { options: { allowPublicWildcard: true } } : undefined;
    },
  },
  {
    rule: 'rate-limiting',
    matches: has(/\brate[- ]?limit\w*|\bthrottl\w*/u),
    options: (reading) => (every(reading.text, /\b(?:every|each|all)\b/u, /\b(?:routes?|endpoints?)\b/u) ? { options: { scope: 'routes' } } : undefined),
  },
  {
    rule: 'security-headers',
    matches: has(/\bsecurity headers?\b|\bhelmet\b|\bhsts\b|\bcontent[- ]security[- ]policy\b|\bx-frame-options\b|\bclickjacking\b|\bstrict-transport-security\b/u),
  },
  {
    rule: 'validate-input',
    matches: (reading) =>
      /\b(?:inputs?|requests?|bod(?:y|ies)|payloads?|query (?:strings?|parameters?|params)|(?:user|client)(?:-side)? (?:data|input))\b/u.test(reading.text) &&
      (/\b(?:validat\w*|sanitiz\w*)\b/u.test(reading.text) || (reading.prohibits && /\btrust\w*/u.test(reading.text)) || /\bschemas?\b/u.test(reading.text)),
    options: (reading) => (/\b(?:route|path|url) param\w*|\bparams\b/u.test(reading.text) ? { options: { inputs: ['body', 'query', 'params'] } } : undefined),
  },
  {
    rule: 'paginate-lists',
    matches: has(/\bpaginat\w*|\bpage[- ]sizes?\b|\bper[- ]page\b|\bpage limits?\b|\bunbounded (?:lists?|quer\w*|results)\b/u),
    options: (reading) => {
      const cap = /\b(?:max(?:imum)?|cap(?:ped)?|at most|up to|no more than|limit(?:ed)? (?:to|of|at))\b\D{0,30}?(\d{1,5})\b/u.exec(reading.text);
      return cap ? { options: { maxPageSize: Number(cap[1]) }, keywords: ['maximum page size'] } : undefined;
    },
  },
  {
    rule: 'require-auth',
    // Authentication asked for (not merely named): "proper authentication", "authentication checks", "on all protected endpoints".
    matches: (reading) =>
      /\bprotected (?:endpoints?|routes?|resources?)\b|\bunauthenticated\b/u.test(reading.text) ||
      /\b(?:proper|appl(?:y|ies)|implement\w*|requir\w*|enforc\w*|add|use) (?:\w+ ){0,2}authenticat/u.test(reading.text) ||
      /\bauthenticat\w* (?:checks?|middleware|guards?|(?:is )?required|must|on (?:all|every|each|mutating|write))\b/u.test(reading.text) ||
      every(reading.text, /\bauthenticat/u, /\b(?:every|all|each|mutating|write) (?:\w+ )?(?:endpoints?|routes?)\b/u),
  },
  {
    rule: 'no-sensitive-response',
    matches: (reading) =>
      /\b(?:responses?|return\w*|send\w*|serializ\w*|expos\w*|output)\b/u.test(reading.text) &&
      /\b(?:password(?: hash(?:es)?)?|hash(?:es)?|secrets?|tokens?|sensitive (?:data|fields?|information)|credentials?|api keys?|salts?)\b/u.test(reading.text) &&
      (reading.prohibits || /\b(?:exclude\w*|omit\w*|strip\w*|hide|hidden|never)\b/u.test(reading.text)) &&
      // "in logs" alone is no-secret-logging's.
      !(LOG.test(reading.text) && !/\b(?:responses?|return\w*|send\w*|serializ\w*|output)\b/u.test(reading.text)),
  },
  {
    rule: 'api-versioning',
    matches: (reading) =>
      /\/v\d+(?:\/|\b)/u.test(reading.text) ||
      (/\bversion(?:ed|ing|s)?\b/u.test(reading.text) && /\b(?:apis?|endpoints?|routes?|urls?)\b/u.test(`${reading.text} ${reading.context}`) && !/\bschema versioning\b|\bdata versioning\b/u.test(reading.text)),
    options: (reading) => {
      const pattern = versionPattern(reading.text);
      return pattern ? { options: { versionPattern: pattern } } : undefined;
    },
  },
  {
    rule: 'request-size-limit',
    matches: (reading) =>
      every(reading.text, /\b(?:request|body|payload|upload|json)\b/u, /\bsizes?\b/u, /\blimit/u) || /\b(?:size|body|payload) limits?\b|\bmax(?:imum)? (?:request|body|payload) sizes?\b/u.test(reading.text),
    options: (reading) => {
      const maximum = sizeIn(reading.text);
      return maximum === undefined ? undefined : { options: { maximum } };
    },
  },
];

/** A statement about another language or its tools ("`diesel-async` for non-blocking database operations") is about that language, whatever it names. */
export const OTHER_LANGUAGE = {
  pattern: /\b(?:python|rust|golang|java|c#|ruby|php|kotlin|fastapi|django|flask|gin|fiber|spring|quarkus|axum|actix\w*|diesel\w*|sqlalchemy|alembic|celery|gorm|tokio\w*|cargo|crates?|pydantic|serde)\b/u,
  reason: 'about another language or its tools; persona-lint checks JavaScript and TypeScript',
} as const;

/**
 * What persona documents ask that no linter can check, and why. The first that matches a
 * statement no rule enforces gives its reason.
 */
export const UNCHECKABLE: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /\btests?\b|\btesting\b|\btest ?containers?\b|\bcoverage\b|\bmock\w*|\bpytest\b|\btdd\b|\be2e\b|\bend-to-end\b/u, reason: 'tests and their coverage are measured by running them, not by reading the code' },
  { pattern: /\btransactions?\b|\brollback\b|\bacid\b/u, reason: 'whether writes that belong together run in one transaction depends on what they mean together' },
  { pattern: /\bcach\w*|\bcdn\b/u, reason: 'a caching strategy (what to cache, how long, how to invalidate) is a design decision, not visible in the code' },
  { pattern: /\b(?:success|response) formats?\b|\bresponse shapes?\b|\bconsistent response\b/u, reason: 'persona-lint checks the shape of error responses (error-envelope), not of successful ones' },
  { pattern: /\boverfetch\w*|\bnecessary data\b|\bonly the (?:fields|data)\b/u, reason: 'which fields a client needs is an API design decision' },
  { pattern: /\bindex(?:es|ing|ed)?\b|\bquery (?:plans?|optimi[sz]\w*|performance|analysis)\b|\boptimi[sz]\w* (?:sql )?quer/u, reason: 'indexes and query plans live in the database, and their fit depends on the data' },
  {
    pattern: /\barchitecture\b|\bmicroservices?\b|\blayer\w*|\bseparation of concerns\b|\bevent-driven\b|\bqueues?\b|\bkafka\b|\brabbitmq\b|\bpub\/sub\b|\bbackground (?:jobs?|processing)\b|\bservice mesh\b|\bapi gateway\b|\bcoupl\w*|\bmodular\w*/u,
    reason: 'architecture and design choices are judged in review, not by a linter',
  },
  {
    pattern: /\bmigrations?\b|\bschema (?:evolution|changes?|design|versioning)\b|\bforeign keys?\b|\bdatabase schemas?\b|\bbackups?\b|\brecovery\b|\bsharding\b|\bpartition\w*/u,
    reason: 'database schema, migrations and backups are managed outside the request code',
  },
  { pattern: /\bdocument(?:ed|ation|s)?\b|\bopenapi\b|\bswagger\b|\bcomments?\b|\bdocstrings?\b|\breadme\b/u, reason: 'documentation is written for people: whether it is complete and right is a review question' },
  {
    pattern: /\bmonitor\w*|\bmetrics?\b|\bobservability\b|\btracing\b|\balert\w*|\bprometheus\b|\bgrafana\b|\bapm\b|\bstructured logging\b|\blog levels?\b|\baudit (?:logs?|logging|trail)\b|\berror (?:rates?|tracking|reporting)\b/u,
    reason: 'observability (metrics, tracing, log structure, alerts) depends on the deployment, not on one file',
  },
  { pattern: /\bauthori[sz]\w*|\bpermissions?\b|\brole-based\b|\brbac\b|\baccess control\b|\buser roles?\b/u, reason: 'authorization (who may do what) follows business rules a linter does not know' },
  { pattern: /\boauth\w*|\bsessions?\b|\bsso\b|\bmfa\b|\b2fa\b/u, reason: 'the correctness of an OAuth flow or a session lifecycle is not visible to a linter' },
  { pattern: /\bxss\b|\boutput encoding\b|\bescap\w* (?:output|html)\b|\bcsrf\b/u, reason: 'output encoding and CSRF protection depend on where and how clients use the data; no persona rule checks them' },
  { pattern: /\bencrypt\w*|\bgdpr\b|\bprivacy\b|\bdata protection\b|\bretention\b|\bcomplian\w*/u, reason: 'encryption at rest, privacy and compliance are decided by storage, infrastructure and policy' },
  {
    pattern: /\berror (?:handling|management)\b|\bhandles? errors?\b|\berrors? gracefully\b|\bhandle error\w*|\bretr(?:y|ies)\b|\btimeouts?\b|\bcircuit breakers?\b|\bfault tolerance\b|\bresilien\w*|\bbackoff\b/u,
    reason: 'whether every failure is handled, retried or timed out well is a review question',
  },
  {
    pattern: /\bscal(?:e|es|ing|able|ability)\b|\bload[- ]balanc\w*|\bthroughput\b|\blatency\b|\bperformance\b|\boptimi[sz]\w*|\bbenchmark\w*|\bhigh[- ]traffic\b|\bhorizontal\b|\bmemory\b|\bresource usage\b|\bconnection pool\w*|\befficien\w*/u,
    reason: 'performance and scalability are measured under load, not read from the code',
  },
  {
    pattern: /\bcommit\w*|\bpull requests?\b|\bbranch\w*|\brebas\w*|\bmerg\w*|\bci\/cd\b|\bci\b|\bpipelines?\b|\bpre-commit\b|\breview\w*|\bdeploy\w*|\bdocker\b|\bcontaineri[sz]\w*|\brelease\w*|\bworkflow\b/u,
    reason: 'team workflow and deployment are not properties of the code',
  },
  { pattern: /\b(?:code|coding) style\b|\bstyle guide\w*|\bnaming\b|\bplural nouns?\b|\bformatting\b|\bunwrap\b|\btype safety\b|\bstrict typing\b|\bstrong typing\b|\bclean code\b/u, reason: 'code style and naming are for a formatter, a general linter or a reviewer' },
  {
    pattern: /\brest(?:ful)?\b|\bhttp methods?\b|\bstatus codes?\b|\bgraphql\b|\bwebsockets?\b|\breal-time\b|\bsubscriptions?\b|\bapi contracts?\b|\bapi-first\b|\bbackwards? compatib\w*|\bresources?\b|\bendpoints?\b/u,
    reason: 'API design conventions (resources, methods, status codes, contracts) are judged in review',
  },
  { pattern: /\bbusiness (?:logic|rules?)\b|\bdata (?:integrity|quality|validation|consistency)\b/u, reason: 'business rules and data quality depend on what the data means' },
  OTHER_LANGUAGE,
  { pattern: /\bdependenc(?:y|ies)\b/u, reason: 'which dependencies a project uses is a design decision; their vulnerabilities are found by npm audit and similar tools' },
  {
    pattern: /\bsecurity(?:-first| first| best practices?| standards?| requirements?| implementation| reviews?| recommendations?| findings?| considerations?| features?)\b|\bsecure\b|\bdefen[cs]e in depth\b|\bbest practices?\b|\bvulnerabilit\w*/u,
    reason: 'too general to check: a linter checks the specific standards a document names',
  },
];

/** Languages of code blocks, by info string, that persona-lint does not lint. */
export const OTHER_LANGUAGES: Readonly<Record<string, string>> = {
  python: 'Python',
  py: 'Python',
  rust: 'Rust',
  rs: 'Rust',
  go: 'Go',
  golang: 'Go',
  java: 'Java',
  kotlin: 'Kotlin',
  csharp: 'C#',
  'c#': 'C#',
  cs: 'C#',
  ruby: 'Ruby',
  rb: 'Ruby',
  php: 'PHP',
  scala: 'Scala',
  swift: 'Swift',
  elixir: 'Elixir',
  c: 'C',
  cpp: 'C++',
  'c++': 'C++',
};

export const SHELL_LANGUAGES = new Set(['bash', 'sh', 'shell', 'zsh', 'console', 'powershell', 'ps1', 'bat', 'cmd', 'fish']);
export const SCRIPT_LANGUAGES = new Set(['js', 'javascript', 'ts', 'typescript', 'jsx', 'tsx', 'mjs', 'cjs', 'node']);
