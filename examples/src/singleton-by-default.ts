// Scopes, part 1: every binding is a SINGLETON unless it says otherwise (as in Pinject).
// ServiceA and ServiceB both take a `databaseConnection` parameter, and both receive the very same
// DatabaseConnection: one per binding per object graph, built the first time it is needed.
import assert from 'node:assert/strict';
import { loadedClasses, newObjectGraph } from '@pinion/runtime';

let connectionsOpened = 0;

export class DatabaseConnection {
  readonly id = ++connectionsOpened;

  constructor() {
    console.log(`opening database connection #${this.id}`);
  }
}

export class ServiceA {
  constructor(readonly databaseConnection: DatabaseConnection) {}
}

export class ServiceB {
  constructor(readonly databaseConnection: DatabaseConnection) {}
}

// As in Pinject's `new_object_graph()`, no options are needed: the graph takes every class the
// build annotated (here, the three above).
assert.deepEqual(loadedClasses(), [DatabaseConnection, ServiceA, ServiceB]);
const graph = newObjectGraph();

const serviceA = graph.provide(ServiceA);
const serviceB = graph.provide(ServiceB);
console.log(`ServiceA uses connection #${serviceA.databaseConnection.id}`);
console.log(`ServiceB uses connection #${serviceB.databaseConnection.id}`);
assert.equal(serviceA.databaseConnection, serviceB.databaseConnection, 'both services share one connection');
assert.equal(connectionsOpened, 1);

// provide() and get() go through the same singleton binding: it is the object that was injected.
assert.equal(graph.provide(DatabaseConnection), serviceA.databaseConnection);
assert.equal(graph.get('databaseConnection'), serviceA.databaseConnection);
// A singleton root is cached as well (Pinject would build a new ServiceA on each provide()).
assert.equal(graph.provide(ServiceA), serviceA);
console.log(`provide(DatabaseConnection), get('databaseConnection') and provide(ServiceA) again: nothing new opened`);
assert.equal(connectionsOpened, 1);

// Singletons belong to their graph: another graph opens its own connection.
const otherGraph = newObjectGraph();
const otherServiceA = otherGraph.provide(ServiceA);
console.log(`a second object graph: its ServiceA uses connection #${otherServiceA.databaseConnection.id}`);
assert.notEqual(otherServiceA.databaseConnection, serviceA.databaseConnection);
assert.equal(otherGraph.provide(ServiceB).databaseConnection, otherServiceA.databaseConnection);
assert.equal(connectionsOpened, 2);
console.log(`connections opened in all: ${connectionsOpened}`);
