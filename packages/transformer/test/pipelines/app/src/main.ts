import { getClassMetadata, newObjectGraph } from '@pinion/runtime';
import { AppSpec } from './app-spec.js';
import { Clock } from './clock.js';
import { InvoiceService, OrderService, RequestHandler } from './services.js';

const graph = newObjectGraph({ bindingSpecs: [new AppSpec()] });
const invoices = graph.provide(InvoiceService);
const orders = graph.provide(OrderService);
const handlers = [graph.get('requestHandler'), graph.get('requestHandler')] as RequestHandler[];
const location = (cls: abstract new (...args: never[]) => unknown) => {
  const where = getClassMetadata(cls)?.location;
  return where ? `${where.file}:${where.line}:${where.column}` : 'no metadata';
};

// One line of JSON: the identities the pipeline tests compare (see ../expected.ts).
console.log(
  JSON.stringify({
    clock: graph.provide(Clock).id,
    invoiceClock: invoices.clock.id,
    orderClock: orders.clock.id,
    invoiceOrderService: invoices.orderService.id,
    orderService: orders.id,
    handlers: handlers.map((h) => `${h.id} with ${h.clock.id}`),
    greeting: graph.get('greeting'),
    banners: [graph.get('banner'), graph.get('banner')],
    locations: [location(Clock), location(OrderService), location(InvoiceService), location(RequestHandler)],
  }),
);
