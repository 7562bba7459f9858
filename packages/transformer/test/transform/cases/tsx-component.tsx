// @ts-nocheck
export class Greeting {
  constructor(name: string) {}
  render() {
    return <div className="greeting">{this}</div>;
  }
}

export const View = () => <Greeting />;
