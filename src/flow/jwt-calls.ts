import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { JWT_MODULE_FUNCTIONS, jwtLibraryForModule, NEST_JWT_METHODS, type JwtCallKind } from '../catalog/jwt.js';
import { originResolver, type ModuleModel, type OriginResolver } from '../ast/module-origin.js';
import { calleeParts, unwrap } from '../ast/nodes.js';

const NEST_JWT: ModuleModel = { factories: ['.JwtService()'] };
const nestJwtModel = (name: string): ModuleModel | undefined => (name === '@nestjs/jwt' ? NEST_JWT : undefined);

/** Recognises the calls of JSON Web Token libraries that decode or verify a token: the engine's source of claims. */
export class JwtCalls {
  private readonly resolver: OriginResolver<ModuleModel>;

  constructor(sourceCode: TSESLint.SourceCode) {
    this.resolver = originResolver(sourceCode, nestJwtModel);
  }

  kindOf(call: TSESTree.CallExpression): Exclude<JwtCallKind, 'sign'> | undefined {
    const { object, name, callee } = calleeParts(call);
    if (name === undefined || !/^(?:decode|decodeJwt|jwtDecode|verify|verifyAsync|jwtVerify)$|^default$/u.test(name) && object) return undefined;
    const origin = this.resolver.resolve(callee);
    if (origin) {
      const library = jwtLibraryForModule(origin.module);
      const fn = library && JWT_MODULE_FUNCTIONS[library.id]?.[origin.path];
      // A middleware factory gives a handler, not claims; jwt-simple's `decode(token, key, true)` only decodes.
      if (fn && fn.kind !== 'sign' && !fn.middleware) return fn.noVerify !== undefined && isTrue(call.arguments[fn.noVerify]) ? 'decode' : fn.kind;
    }
    const nest = object && NEST_JWT_METHODS[name];
    if (nest && nest.kind !== 'sign' && this.resolver.resolve(object)?.instance) return nest.kind;
    return undefined;
  }
}

function isTrue(node: TSESTree.Node | undefined): boolean {
  const value = node && unwrap(node);
  return value?.type === AST_NODE_TYPES.Literal && value.value === true;
}
