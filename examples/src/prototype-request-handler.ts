// Scopes, part 2: a binding in PROTOTYPE scope gives a new object every time it is injected.
// The binding spec puts `requestHandler` in PROTOTYPE, so each web service gets a RequestHandler
// of its own, while the DatabaseConnection they all use stays a singleton (the default).
import assert from 'node:assert/strict';
import { type Bind, BindingSpec, newObjectGraph, PROTOTYPE } from '@pinion/runtime';

let handlersCreated = 0;

export class DatabaseConnection {}

export class RequestHandler {
  readonly id = ++handlersCreated;

  constructor(readonly databaseConnection: DatabaseConnection) {}
}

export class WebService {
  constructor(readonly requestHandler: RequestHandler) {}
}

// Two services with WebService's constructor: each is a singleton of its own binding
// (`publicWebService`, `adminWebService`), and each injection of `requestHandler` is a new handler.
export class PublicWebService extends WebService {}
export class AdminWebService extends WebService {}

export class AppSpec extends BindingSpec {
  configure(bind: Bind) {
    bind('requestHandler').toClass(RequestHandler, { inScope: PROTOTYPE });
  }
}

const graph = newObjectGraph({
  classes: [DatabaseConnection, PublicWebService, AdminWebService],
  bindingSpecs: [new AppSpec()],
});

const publicSite = graph.provide(PublicWebService);
const adminSite = graph.provide(AdminWebService);
console.log(`PublicWebService got RequestHandler #${publicSite.requestHandler.id}`);
console.log(`AdminWebService got RequestHandler #${adminSite.requestHandler.id}`);
assert.notEqual(publicSite.requestHandler, adminSite.requestHandler, 'each web service has its own handler');
assert.equal(publicSite.requestHandler.databaseConnection, adminSite.requestHandler.databaseConnection);
console.log('both handlers share the singleton DatabaseConnection');

// A new handler is made per injection, not per access: the (singleton) service keeps its own.
assert.equal(graph.provide(PublicWebService), publicSite);
assert.equal(publicSite.requestHandler.id, 1);

// Asked for directly, a prototype binding is new every time too.
const first = graph.get<RequestHandler>('requestHandler');
const second = graph.get<RequestHandler>('requestHandler');
console.log(`get('requestHandler') twice: RequestHandler #${first.id} and #${second.id}`);
assert.notEqual(first, second);
assert.equal(handlersCreated, 4);
console.log(`handlers created in all: ${handlersCreated}`);
