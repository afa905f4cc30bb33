import { Node, SyntaxKind } from './ts-morph.js';
import { nodesOfKind } from './syntax-index.js';
import type { Project } from 'ts-morph';
import { HEALTH_LIBRARIES } from '../catalog/frameworks.js';
import { unwrapExpression, type ValueResolver } from './resolve.js';

/**
 * A library that answers health probes for the whole process: `createTerminus(server, {
 * healthChecks })` (@godaddy/terminus) on the server, `createLightship()` on a port of its own.
 * Returns the package name, or undefined when the project uses none.
 */
export function processHealthLibrary(project: Project, resolver: ValueResolver): string | undefined {
  const libraries = HEALTH_LIBRARIES.filter((library) => library.kind !== 'register');
  for (const file of project.getSourceFiles()) {
    const text = file.getFullText();
    const candidates = libraries.filter((library) => text.includes(library.module));
    if (candidates.length === 0) continue;
    for (const call of nodesOfKind(file, SyntaxKind.CallExpression)) {
      const origin = resolver.packageOrigin(call.getExpression());
      const library = origin && candidates.find((candidate) => candidate.module === origin.module && candidate.export === origin.path);
      if (!library) continue;
      if (library.kind === 'process') return library.module;
      const options = call.getArguments()[1];
      const inner = options && unwrapExpression(options);
      if (inner && Node.isObjectLiteralExpression(inner) && inner.getProperty('healthChecks')) return library.module;
    }
  }
  return undefined;
}
