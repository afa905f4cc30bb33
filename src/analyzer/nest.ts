import { Node, SyntaxKind } from './ts-morph.js';
import { nodesOfKind } from './syntax-index.js';
import type { ClassDeclaration, Decorator, Project } from 'ts-morph';
import { NEST_AUTH_DECORATOR, NEST_HEALTH_DECORATOR, NEST_PUBLIC_DECORATOR, NEST_ROUTE_DECORATORS } from '../catalog/frameworks.js';
import { guardsAuthentication } from './guards.js';
import { isProbePath } from './probes.js';
import type { App, Middleware, Route } from './model.js';
import { joinPaths, locationOf } from './locations.js';
import type { MiddlewareClassifier } from './middleware.js';
import { unwrapExpression, type ValueResolver } from './resolve.js';
import type { RouterInventory } from './routers.js';

function decoratorArgument(decorator: Decorator): string | undefined {
  const [argument] = decorator.getArguments();
  if (!argument) return '';
  const inner = unwrapExpression(argument);
  if (Node.isStringLiteral(inner) || Node.isNoSubstitutionTemplateLiteral(inner)) return inner.getLiteralValue();
  if (Node.isObjectLiteralExpression(inner)) {
    const path = inner.getProperty('path');
    const value = Node.isPropertyAssignment(path) ? unwrapExpression(path.getInitializerOrThrow()) : undefined;
    if (value && (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value))) return value.getLiteralValue();
    return '';
  }
  return undefined;
}

/**
 * NestJS: `NestFactory.create(AppModule)` is the app; every `@Controller` class's route-decorated
 * methods are its routes, under `setGlobalPrefix`. Guards, pipes and `app.use` middleware become
 * the chain: global (`useGlobalGuards`, `useGlobalPipes`, `APP_GUARD` providers), then
 * class-level, then method-level decorators.
 */
export function scanNest(project: Project, root: string, resolver: ValueResolver, classifier: MiddlewareClassifier): RouterInventory {
  const apps: App[] = [];
  const routes: Route[] = [];
  const notes: string[] = [];
  const controllers: ClassDeclaration[] = [];
  const globalMiddleware: Middleware[] = [];
  let globalPrefix = '';
  let versioned = false;
  let appNode: Node | undefined;
  for (const file of project.getSourceFiles()) {
    const text = file.getFullText();
    if (text.includes('@Controller')) controllers.push(...nodesOfKind(file, SyntaxKind.ClassDeclaration).filter((node) => node.getDecorator('Controller')));
    if (text.includes('NestFactory')) {
      for (const node of nodesOfKind(file, SyntaxKind.CallExpression)) {
        if (!node.getExpression().getText().endsWith('.create')) continue;
        const origin = resolver.packageOrigin(node.getExpression());
        if (origin?.module === '@nestjs/core' && origin.path === 'NestFactory.create') appNode ??= node;
      }
    }
    if (!/APP_(?:GUARD|PIPE|INTERCEPTOR)/u.test(text)) continue;
    for (const node of nodesOfKind(file, SyntaxKind.ObjectLiteralExpression)) {
      // `{ provide: APP_GUARD, useClass: ThrottlerGuard }` applies the guard to every route.
      {
        const provide = node.getProperty('provide');
        const useClass = node.getProperty('useClass') ?? node.getProperty('useValue') ?? node.getProperty('useExisting');
        if (Node.isPropertyAssignment(provide) && /^APP_(?:GUARD|PIPE|INTERCEPTOR)$/u.test(provide.getInitializerOrThrow().getText()) && Node.isPropertyAssignment(useClass)) {
          globalMiddleware.push(classifier.middleware(useClass.getInitializerOrThrow(), 'global'));
        }
      }
    }
  }
  if (!appNode && controllers.length === 0) return { apps, routes, notes, appFiles: new Map() };
  const appLocation = appNode ? locationOf(root, appNode) : locationOf(root, controllers[0]!);
  const appId = `${appLocation.file}:${appLocation.line}`;
  if (appNode) {
    // Calls on the created app: `app.setGlobalPrefix('api')`, `app.use(helmet())`, `app.useGlobalGuards(...)`.
    const declaration = appNode.getFirstAncestor((ancestor) => Node.isVariableDeclaration(ancestor));
    const appName = declaration && Node.isVariableDeclaration(declaration) ? declaration.getName() : undefined;
    appNode.getSourceFile().forEachDescendant((node) => {
      if (!Node.isCallExpression(node) || !appName) return;
      const callee = node.getExpression();
      if (!Node.isPropertyAccessExpression(callee) || callee.getExpression().getText() !== appName) return;
      const [first] = node.getArguments();
      if (callee.getName() === 'setGlobalPrefix' && first && (Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first))) globalPrefix = first.getLiteralValue();
      if (callee.getName() === 'enableVersioning') versioned = true;
      if (['use', 'useGlobalGuards', 'useGlobalPipes', 'useGlobalInterceptors'].includes(callee.getName())) {
        for (const argument of node.getArguments()) globalMiddleware.push(classifier.middleware(argument, 'global'));
      }
    });
  } else {
    notes.push('NestJS controllers without a NestFactory.create call: routes are listed without a global prefix');
  }
  // NestFactory.create is the server; controllers alone are an app a runtime serves.
  apps.push({ id: appId, framework: 'nestjs', location: appLocation, middleware: globalMiddleware, versioned, served: true });
  const files = new Set<string>([appLocation.file]);
  const chainOf = (decorators: Decorator[], scope: Middleware['scope']): Middleware[] =>
    decorators.flatMap((decorator) => {
      const name = decorator.getName();
      if (['UseGuards', 'UsePipes', 'UseInterceptors'].includes(name)) return decorator.getArguments().map((argument) => classifier.middleware(argument, scope));
      // `@Roles('admin')`, `@Auth()`: a decorator that requires a signed-in user; `@Throttle()` limits the rate.
      if (NEST_AUTH_DECORATOR.test(name)) return [{ ...classifier.middleware(decorator, scope), kinds: ['auth'] }];
      if (name === 'Throttle') return [{ ...classifier.middleware(decorator, scope), kinds: ['rate-limit'] }];
      return [];
    });
  // `@Public()` on a handler or controller opts out of a global authentication guard.
  const isPublic = (decorators: Decorator[]) => decorators.some((decorator) => NEST_PUBLIC_DECORATOR.test(decorator.getName()));
  for (const controller of controllers) {
    const controllerPath = decoratorArgument(controller.getDecoratorOrThrow('Controller'));
    if (controllerPath === undefined) {
      notes.push(`${locationOf(root, controller).file}: @Controller with a computed path; its routes are not listed`);
      continue;
    }
    files.add(locationOf(root, controller).file);
    const classChain = chainOf(controller.getDecorators(), 'router');
    for (const method of controller.getMethods()) {
      const parameterPipes = method
        .getParameters()
        .flatMap((parameter) => parameter.getDecorators())
        .filter((decorator) => /^(?:Body|Query|Param)$/u.test(decorator.getName()))
        .flatMap((decorator) => decorator.getArguments().filter((argument) => /Pipe\b/u.test(argument.getText())))
        .map((argument) => classifier.middleware(argument, 'route'));
      for (const decorator of method.getDecorators()) {
        const httpMethod = NEST_ROUTE_DECORATORS.get(decorator.getName());
        if (!httpMethod) continue;
        const methodPath = decoratorArgument(decorator);
        if (methodPath === undefined) continue;
        const open = isPublic(method.getDecorators()) || isPublic(controller.getDecorators());
        const global = open ? globalMiddleware.filter((entry) => !entry.kinds.includes('auth')) : globalMiddleware;
        const guard = guardsAuthentication(method, resolver) ? [{ name: 'authentication check in the handler', kinds: ['auth' as const], scope: 'route' as const, location: locationOf(root, method) }] : [];
        routes.push({
          app: appId,
          framework: 'nestjs',
          method: httpMethod,
          path: joinPaths(globalPrefix, controllerPath, methodPath),
          location: locationOf(root, decorator),
          handler: locationOf(root, method),
          middleware: [...global, ...classChain, ...chainOf(method.getDecorators(), 'route'), ...parameterPipes, ...guard],
          ...(method.getDecorator(NEST_HEALTH_DECORATOR) || isProbePath(joinPaths(globalPrefix, controllerPath, methodPath)) ? { probe: true } : {}),
        });
      }
    }
  }
  return { apps, routes, notes, appFiles: new Map([[appId, files]]) };
}
