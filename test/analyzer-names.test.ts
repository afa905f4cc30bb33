import { describe, expect, it } from 'vitest';
import { Project, SyntaxKind, type Identifier } from 'ts-morph';
import { declarationOfName } from '../src/analyzer/names.js';
import { wrapped } from '../src/analyzer/syntax-index.js';

/** The declaration the checker-free lookup finds for the identifiers on a line: kind and line, or `global`. */
function declarationsOn(code: string, line: number, name: string): string[] {
  const file = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } }).createSourceFile('/app.js', code);
  return file
    .getDescendantsOfKind(SyntaxKind.Identifier)
    .filter((identifier: Identifier) => identifier.getStartLineNumber() === line && identifier.getText() === name)
    .map((identifier) => {
      const found = declarationOfName(identifier.compilerNode);
      if (!found) return 'global';
      const node = wrapped(file, found);
      return `${node.getKindName()}:${node.getStartLineNumber()}`;
    });
}

describe('the names the analyzer resolves without a type checker', () => {
  it('finds the nearest declaration: block scope, shadowing parameter, then the file', () => {
    const code = [
      "const app = require('express')();", // 1
      'function mount(app) {', // 2
      '  if (true) {', // 3
      '    const app = null;', // 4
      '    use(app);', // 5
      '  }', // 6
      '  use(app);', // 7
      '}', // 8
      'use(app);', // 9
    ].join('\n');
    expect(declarationsOn(code, 5, 'app')).toEqual(['VariableDeclaration:4']);
    expect(declarationsOn(code, 7, 'app')).toEqual(['Parameter:2']);
    expect(declarationsOn(code, 9, 'app')).toEqual(['VariableDeclaration:1']);
  });

  it('hoists var and function declarations to their function, and leaves let in its block', () => {
    const code = [
      'function setup() {', // 1
      '  start(server, router);', // 2
      '  if (ready) { var server = create(); let router = make(); }', // 3
      '  function start() {}', // 4
      '}', // 5
    ].join('\n');
    expect(declarationsOn(code, 2, 'server')).toEqual(['VariableDeclaration:3']);
    expect(declarationsOn(code, 2, 'router')).toEqual(['global']);
    expect(declarationsOn(code, 2, 'start')).toEqual(['FunctionDeclaration:4']);
  });

  it('knows destructured bindings, loop and catch variables, imports and shorthand properties', () => {
    const code = [
      "import express, { Router as R } from 'express';", // 1
      "const { limiter, options: { windowMs } } = require('./config');", // 2
      'for (const route of routes) register(route, limiter, windowMs);', // 3
      'try { run(); } catch (error) { report(error); }', // 4
      'export default { express, R };', // 5
    ].join('\n');
    expect(declarationsOn(code, 3, 'route')).toEqual(['VariableDeclaration:3', 'VariableDeclaration:3']);
    expect(declarationsOn(code, 3, 'limiter')).toEqual(['BindingElement:2']);
    expect(declarationsOn(code, 3, 'windowMs')).toEqual(['BindingElement:2']);
    expect(declarationsOn(code, 4, 'error')).toEqual(['VariableDeclaration:4', 'VariableDeclaration:4']);
    expect(declarationsOn(code, 5, 'express')).toEqual(['ShorthandPropertyAssignment:5']);
    expect(declarationsOn(code, 5, 'R')).toEqual(['ShorthandPropertyAssignment:5']);
    expect(declarationsOn(code, 3, 'routes')).toEqual(['global']);
  });
});
