import tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { namesAnyModule, originResolver, type ModuleModel } from '../../src/ast/module-origin.js';

/** The file as ESLint gives it to a rule. */
function sourceCodeOf(text: string): TSESLint.SourceCode {
  let seen: TSESLint.SourceCode | undefined;
  const capture = { create: (context: { sourceCode: TSESLint.SourceCode }) => ((seen = context.sourceCode), {}) };
  new Linter({ configType: 'flat' }).verify(text, [{ files: ['**/*.ts'], languageOptions: { parser: tsParser as never }, plugins: { test: { rules: { capture: capture as never } } }, rules: { 'test/capture': 'error' } }], 'file.ts');
  return seen!;
}

const PG: ModuleModel = { factories: ['.Pool()'] };
const pgModel = (name: string) => (name === 'pg' ? PG : undefined);

/** The callee of the last statement's call (`pool.query`). */
function lastCallee(sourceCode: TSESLint.SourceCode): TSESTree.Node {
  const statement = sourceCode.ast.body.at(-1) as TSESTree.ExpressionStatement;
  return (statement.expression as TSESTree.CallExpression).callee;
}

describe('originResolver', () => {
  const code = "import { Pool } from 'pg';\nconst pool = new Pool();\npool.query('select 1');";

  it('gives every rule of a file the same resolver per catalog model, and another file its own', () => {
    const sourceCode = sourceCodeOf(code);
    expect(originResolver(sourceCode)).toBe(originResolver(sourceCode));
    expect(originResolver(sourceCode, pgModel)).toBe(originResolver(sourceCode, pgModel));
    expect(originResolver(sourceCode, pgModel)).not.toBe(originResolver(sourceCode));
    expect(originResolver(sourceCodeOf(code), pgModel)).not.toBe(originResolver(sourceCode, pgModel));
  });

  it('resolves with the model it was made for: an instance for the catalog, a bare path without one', () => {
    const sourceCode = sourceCodeOf(code);
    const receiver = (lastCallee(sourceCode) as TSESTree.MemberExpression).object;
    expect(originResolver(sourceCode, pgModel).resolve(receiver)).toMatchObject({ module: 'pg', path: '.Pool()', instance: true });
    expect(originResolver(sourceCode).resolve(receiver)).toMatchObject({ module: 'pg', path: '.Pool()', instance: false });
  });
});

describe('namesAnyModule', () => {
  const hashes: ReadonlySet<string> = new Set(['md5', 'js-sha256']);

  it('is true when the file imports or requires one of the modules, however the value is then kept', () => {
    expect(namesAnyModule(sourceCodeOf("import { sha256 as digest } from 'js-sha256';\ndigest(password);"), hashes)).toBe(true);
    expect(namesAnyModule(sourceCodeOf("const lib = { hash: require('md5') };\nlib.hash(password);"), hashes)).toBe(true);
  });

  it('is false when the file names none of them: no origin of its values can be one of them', () => {
    const sourceCode = sourceCodeOf("import { Pool } from 'pg';\nconst pool = new Pool();\npool.query('select 1');");
    expect(namesAnyModule(sourceCode, hashes)).toBe(false);
    expect(originResolver(sourceCode).resolve(lastCallee(sourceCode))).toMatchObject({ module: 'pg' });
  });
});
