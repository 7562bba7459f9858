// @ts-nocheck
register(class {});

register(/* comment */ class {});

register(
  // comment
  class {},
);

const Wrapped = (class {});

const Decorated = @sealed class {};
