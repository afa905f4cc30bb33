import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

/** An option that lists names: identifiers, modules, functions. */
export function nameList(description: string): JSONSchema4 {
  return { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true, description };
}
