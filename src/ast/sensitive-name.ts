import {
  LEADING_QUALIFIERS,
  PII_PAIRS,
  PII_WORDS,
  QUALIFIERS_KEPT_FOR,
  QUALIFIER_WORDS,
  SECRET_PAIRS,
  SECRET_WORDS,
  splitWords,
} from '../catalog/sensitive-names.js';

export interface Vocabulary {
  readonly pii: boolean;
  /** Extra words that name a secret. */
  readonly extraWords: ReadonlySet<string>;
  /** Names that are never sensitive. */
  readonly allowed: ReadonlySet<string>;
}

/** Meanings already worked out, per vocabulary: the same names recur in every file. */
const meanings = new WeakMap<Vocabulary, Map<string, string | undefined>>();

/**
 * What a name says it holds ("a password"), or undefined when it is not a secret: the last
 * secret word is the head, and a qualifier after it (`tokenExpiresAt`) or a flag/count word
 * before it (`hasToken`) makes the name metadata.
 */
export function sensitiveMeaning(name: string, vocabulary: Vocabulary): string | undefined {
  let known = meanings.get(vocabulary);
  if (!known) {
    known = new Map();
    meanings.set(vocabulary, known);
  }
  if (known.has(name)) return known.get(name);
  const meaning = computeMeaning(name, vocabulary);
  if (known.size < 50_000) known.set(name, meaning);
  return meaning;
}

function computeMeaning(name: string, vocabulary: Vocabulary): string | undefined {
  if (vocabulary.allowed.has(name)) return undefined;
  const words = splitWords(name);
  if (words.length === 0) return undefined;
  if (words.length > 1 && LEADING_QUALIFIERS.has(words[0]!)) return undefined;
  for (let index = words.length - 1; index >= 0; index--) {
    const word = words[index]!;
    const pair = index > 0 ? `${words[index - 1]} ${word}` : undefined;
    const meaning =
      (pair && SECRET_PAIRS.get(pair)) ??
      SECRET_WORDS.get(word) ??
      (vocabulary.extraWords.has(word) ? `a ${word}` : undefined) ??
      (vocabulary.pii ? ((pair && PII_PAIRS.get(pair)) ?? PII_WORDS.get(word)) : undefined);
    if (meaning === undefined) continue;
    const head = pair && (SECRET_PAIRS.has(pair) || PII_PAIRS.has(pair)) ? words[index - 1]! : word;
    const kept = QUALIFIERS_KEPT_FOR.get(head) ?? QUALIFIERS_KEPT_FOR.get(word);
    const qualified = words.slice(index + 1).some((after) => QUALIFIER_WORDS.has(after) && !kept?.has(after));
    return qualified ? undefined : meaning;
  }
  return undefined;
}

/** A label such as `password=` or `api key: ` at the end of a string, before a value. */
export function labelMeaning(text: string, vocabulary: Vocabulary): string | undefined {
  // Read from the end, by hand: a pattern anchored at the end still tries every start of the text.
  let end = text.length;
  if (end > 0 && '"\'`('.includes(text[end - 1]!)) end--;
  while (end > 0 && /\s/u.test(text[end - 1]!)) end--;
  if (end === 0 || (text[end - 1] !== ':' && text[end - 1] !== '=')) return undefined;
  end--;
  let start = end;
  while (start > 0 && end - start < 41 && /[\w -]/u.test(text[start - 1]!)) start--;
  // The label starts at its first letter (`x-api-key`, not `-api-key`).
  while (start < end && !/[A-Za-z]/u.test(text[start]!)) start++;
  const label = text.slice(start, end).trim();
  return label.length > 0 ? sensitiveMeaning(label, vocabulary) : undefined;
}

/** One vocabulary per options object, so that names are classified once per run, not per file. */
const vocabularies = new WeakMap<object, Vocabulary>();

/** The vocabulary a rule's options describe: extra secret words, names that are never secrets, PII. */
export function vocabularyFor(options: object, describe: () => Vocabulary): Vocabulary {
  let vocabulary = vocabularies.get(options);
  if (!vocabulary) {
    vocabulary = describe();
    vocabularies.set(options, vocabulary);
  }
  return vocabulary;
}
