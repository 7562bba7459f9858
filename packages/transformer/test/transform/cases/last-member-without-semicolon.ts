// @ts-nocheck
export class A { x = 1 }

export class B {
  y = 2
}

export class C { static z }
