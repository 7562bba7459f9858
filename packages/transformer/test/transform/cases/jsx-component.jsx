export class Greeting {
  constructor(name) {}
  render() {
    return <div className="greeting">{this}</div>;
  }
}
