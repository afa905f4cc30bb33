import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { findVariable } from '../../src/ast/variables.js';

/** Runs `inspect` on a file's source code once ESLint has walked it, with every identifier of the file. */
function withIdentifiers(code: string, inspect: (sourceCode: TSESLint.SourceCode, identifiers: TSESTree.Identifier[]) => void): void {
  const rule = {
    meta: { type: 'problem' as const, schema: [] },
    create(context: TSESLint.RuleContext<string, []>) {
      const identifiers: TSESTree.Identifier[] = [];
      return {
        Identifier: (node: TSESTree.Identifier) => void identifiers.push(node),
        'Program:exit': () => inspect(context.sourceCode, identifiers),
      };
    },
  };
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts'], plugins: { test: { rules: { names: rule } } as never }, languageOptions: { parser: tsParser as never }, rules: { 'test/names': 'error' } }],
    { filename: 'file.ts' },
  );
  expect(messages).toEqual([]);
}

/** Where the variable an identifier names is declared: `name@line`, or `global` for a name the file does not declare. */
function declarations(code: string, name: string): string[] {
  const found: string[] = [];
  withIdentifiers(code, (sourceCode, identifiers) => {
    for (const identifier of identifiers.filter((node) => node.name === name && node.parent.type !== AST_NODE_TYPES.VariableDeclarator)) {
      const definition = findVariable(sourceCode, identifier)?.defs[0];
      found.push(definition ? `${name}@${definition.name.loc.start.line}` : 'global');
    }
  });
  return found;
}

describe('findVariable', () => {
  it('finds the nearest declaration: shadowing blocks, parameters, catch clauses, loop heads, function expression names', () => {
    expect(declarations(`const x = 1;\nfunction f(x) { return x; }\n{ let x = 2; use(x); }\nuse(x);`, 'x')).toEqual(['x@2', 'x@2', 'x@3', 'x@1']);
    expect(declarations(`try { run(); } catch (error) { use(error); }\nfor (let i = 0; i < 3; i++) use(i);`, 'error')).toEqual(['error@1', 'error@1']);
    expect(declarations(`const run = function again(n) { return n && again(n - 1); };`, 'again')).toEqual(['again@1', 'again@1']);
    expect(declarations(`class A { field = helper(); }\nfunction helper() {}`, 'helper')).toEqual(['helper@2', 'helper@2']);
    expect(declarations(`use(process);`, 'process')).toEqual(['global']);
  });

  // A bundle's module scope holds thousands of functions; searching them at every name made a file cost the square of its size.
  it('looks a name up without searching the child scopes of the scope around it', () => {
    const functions = Array.from({ length: 500 }, (_, index) => `function f${index}() { return shared; }`).join('\n');
    withIdentifiers(`const shared = 1;\n${functions}\nuse(shared, f1, f499);`, (sourceCode, identifiers) => {
      let childSearches = 0;
      for (const scope of sourceCode.scopeManager!.scopes) {
        const children = scope.childScopes;
        Object.defineProperty(scope, 'childScopes', {
          get: () => {
            childSearches++;
            return children;
          },
        });
      }
      const resolved = identifiers.filter((identifier) => findVariable(sourceCode, identifier) !== undefined);
      expect(resolved.length).toBeGreaterThan(1000);
      expect(childSearches).toBe(0);
    });
  });
});
