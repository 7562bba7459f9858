import type TS from 'typescript';
import type { ClassMetadata } from '../core/metadata.js';
import { METADATA_KEY, REGISTRY_KEY } from '../core/metadata.js';

/**
 * The nodes of what `core/render.ts` writes as text, for compilers that take trees: the class
 * element `static { helper(this, metadata, 1); }` and the helper function. A test prints both and
 * compares them with the text the core renders.
 */
export function staticBlock(
  f: TS.NodeFactory,
  helper: string,
  metadata: ClassMetadata,
  register: boolean,
): TS.ClassStaticBlockDeclaration {
  const args: TS.Expression[] = [f.createThis(), valueToExpression(f, metadata)];
  if (register) args.push(f.createNumericLiteral(1));
  const call = f.createCallExpression(f.createIdentifier(helper), undefined, args);
  return f.createClassStaticBlockDeclaration(f.createBlock([f.createExpressionStatement(call)], false));
}

/** `function helper(c, m, r) { … }`, statement for statement as `renderHelper` writes it. */
export function helperDeclaration(ts: typeof TS, helper: string): TS.FunctionDeclaration {
  const f = ts.factory;
  const K = ts.SyntaxKind;
  const id = (name: string) => f.createIdentifier(name);
  const get = (target: TS.Expression, name: string) => f.createPropertyAccessExpression(target, name);
  const call = (callee: TS.Expression, ...args: TS.Expression[]) => f.createCallExpression(callee, undefined, args);
  const o = (method: string, ...args: TS.Expression[]) => call(get(id('o'), method), ...args);
  const assign = (name: string, value: TS.Expression) =>
    f.createExpressionStatement(f.createAssignment(id(name), value));
  const valueObject = (value: TS.Expression) =>
    f.createObjectLiteralExpression([f.createPropertyAssignment('value', value)]);
  const notF = (e: TS.Expression) => f.createBinaryExpression(e, K.ExclamationEqualsEqualsToken, id('f'));
  const variables = f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList(
      [
        f.createVariableDeclaration('o', undefined, undefined, get(f.createObjectLiteralExpression(), 'constructor')),
        f.createVariableDeclaration('f', undefined, undefined, o('getPrototypeOf', id('o'))),
        f.createVariableDeclaration(
          's',
          undefined,
          undefined,
          get(
            f.createElementAccessExpression(
              o('getOwnPropertySymbols', get(get(f.createArrayLiteralExpression(), 'constructor'), 'prototype')),
              0,
            ),
            'constructor',
          ),
        ),
        f.createVariableDeclaration(
          'k',
          undefined,
          undefined,
          call(get(id('s'), 'for'), f.createStringLiteral(METADATA_KEY)),
        ),
        f.createVariableDeclaration('t', undefined, undefined, id('c')),
      ],
      ts.NodeFlags.None,
    ),
  );
  const registry = f.createConditionalExpression(
    o('hasOwn', id('o'), id('k')),
    undefined,
    f.createElementAccessExpression(id('o'), id('k')),
    undefined,
    f.createElementAccessExpression(
      o('defineProperty', id('o'), id('k'), valueObject(f.createArrayLiteralExpression())),
      id('k'),
    ),
  );
  const body = f.createBlock(
    [
      variables,
      f.createWhileStatement(
        f.createLogicalAnd(notF(id('t')), o('hasOwn', id('t'), id('k'))),
        assign('t', o('getPrototypeOf', id('t'))),
      ),
      f.createIfStatement(
        notF(id('t')),
        f.createExpressionStatement(o('defineProperty', id('t'), id('k'), valueObject(id('m')))),
      ),
      f.createIfStatement(
        id('r'),
        f.createBlock(
          [
            assign('k', call(get(id('s'), 'for'), f.createStringLiteral(REGISTRY_KEY))),
            f.createExpressionStatement(call(get(f.createParenthesizedExpression(registry), 'push'), id('c'))),
          ],
          true,
        ),
      ),
    ],
    true,
  );
  const params = ['c', 'm', 'r'].map((p) => f.createParameterDeclaration(undefined, undefined, p));
  return f.createFunctionDeclaration(undefined, undefined, helper, undefined, params, undefined, body);
}

function valueToExpression(f: TS.NodeFactory, value: unknown): TS.Expression {
  if (typeof value === 'string') return f.createStringLiteral(value);
  if (typeof value === 'number') return f.createNumericLiteral(value);
  if (Array.isArray(value)) return f.createArrayLiteralExpression(value.map((v) => valueToExpression(f, v)));
  const properties = Object.entries(value as object)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) =>
      f.createPropertyAssignment(
        k === '__proto__'
          ? f.createComputedPropertyName(f.createStringLiteral(k))
          : /^[A-Za-z_$][\w$]*$/.test(k)
            ? f.createIdentifier(k)
            : f.createStringLiteral(k),
        valueToExpression(f, v),
      ),
    );
  return f.createObjectLiteralExpression(properties, false);
}
