// @ts-nocheck
for (let i = 0; i < 2; i++) {
  class InFor {}
}

for (const name of ['a', 'b']) {
  class InForOf {}
}

for (const key in {}) {
  class InForIn {}
}

while (false) {
  class InWhile {}
}

do {
  class InDoWhile {}
} while (false);
