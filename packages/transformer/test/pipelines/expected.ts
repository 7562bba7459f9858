// What the pipeline fixture app (app/src/main.ts) prints when every class was annotated: the
// singleton clock shared by every consumer, the PROTOTYPE handler fresh on each injection, the
// `provideGreeting` method and the `@provides('banner')` method wired, and locations that name the
// source lines (so they survived every step of the pipeline).

export const EXPECTED_IDENTITIES = {
  clock: 'clock#1',
  invoiceClock: 'clock#1',
  orderClock: 'clock#1',
  invoiceOrderService: 'orderService#1',
  orderService: 'orderService#1',
  handlers: ['requestHandler#1 with clock#1', 'requestHandler#2 with clock#1'],
  greeting: 'hello from clock#1',
  banners: ['banner#1: hello from clock#1', 'banner#2: hello from clock#1'],
  locations: ['src/clock.ts:4:14', 'src/services.ts:4:14', 'src/services.ts:9:14', 'src/services.ts:18:14'],
};

/** Parses the app's one line of JSON output, or fails with everything the process printed. */
export function identitiesOf(stdout: string, stderr = ''): unknown {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`the fixture app printed no JSON line:\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  }
}
