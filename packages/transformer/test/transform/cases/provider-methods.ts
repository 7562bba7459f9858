// @ts-nocheck
export abstract class AppSpec {
  provideClock(zone: string) {}
  async provideDb(url: string, pool = 4) {}
  *provideConnection(db: Db) {}
  provideHTTPServer(port: number) {}
  provideCache(size: number): Cache;
  provideCache(size: number, ttlMs: number): Cache;
  provideCache(size: number, ttlMs = 1000) {}
  abstract provideAbstract(a: A): A;
  provide(x: X) {}
  provider(y: Y) {}
  provideslowercase(z: Z) {}
  static provideStatic(s: S) {}
  get provideGetter() {
    return 1;
  }
  provideArrow = (a: A) => a;
}
