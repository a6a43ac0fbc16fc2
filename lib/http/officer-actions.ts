// A security officer's action on one customer has one shape (the customer from the path, the route's
// body, the officer who sends it) and so one operation, made here for each: a concept exports its
// actions as a record beside them, and a function's entry spreads that record into its operations. A new
// action then goes into its concept's record, and the compiler still ties it to its route.
import type { HttpFunctionName, OperationName } from '../routes';
import type { Deps } from '../staff-actions/staff-action';
import type { HttpRequest } from './operation';
import { staffOf } from './principal';

/** An officer's action as its concept writes it: the route's body plus who acts on whom. */
export type OfficerAction = (request: never, deps: Deps) => Promise<unknown>;

type BodyOf<Action> = Action extends (request: infer Request, deps: Deps) => unknown
  ? Omit<Request, 'customerId' | 'officerId'>
  : never;

type AnswerOf<Action> = Action extends (request: never, deps: Deps) => Promise<infer Answer> ? Answer : never;

export type OfficerOperations<Actions> = {
  [Name in keyof Actions]: (
    request: HttpRequest<BodyOf<Actions[Name]>, unknown, { customerId: string }>,
  ) => Promise<{ body: AnswerOf<Actions[Name]> }>;
};

/**
 * The operations of function F for `actions`, keyed by operation name. A name that is not one of F's
 * operations is refused (its value must be `never`), as the entry's own object literal would refuse it;
 * a route whose body or answer does not fit its action is refused where the entry spreads the result.
 */
export const officerOperations = <F extends HttpFunctionName, Actions extends Record<string, OfficerAction>>(
  _function: F,
  actions: Actions & Record<Exclude<keyof Actions, OperationName<F>>, never>,
  deps: Deps,
): OfficerOperations<Actions> =>
  Object.fromEntries(
    Object.entries(actions).map(([name, action]) => [
      name,
      async (request: HttpRequest<object, unknown, { customerId: string }>) => {
        const officer = staffOf(request.principal);
        const run = action as (request: object, deps: Deps) => Promise<unknown>;
        return {
          body: await run(
            { ...request.body, customerId: request.pathParameters.customerId, officerId: officer.id },
            deps,
          ),
        };
      },
    ]),
  ) as unknown as OfficerOperations<Actions>;
