/**
 * The ports debuggers attach to while `--inspect-functions` is on: an instance takes the lowest
 * free port from the one given (the first running instance gets exactly that port, so a VS Code
 * attach configuration with `restart: true` follows each replacement instance), and gives it back
 * when it stops.
 */
export class InspectorPorts {
  private readonly taken = new Set<number>();

  constructor(readonly basePort: number) {}

  take(): number {
    let port = this.basePort;
    while (this.taken.has(port)) port += 1;
    this.taken.add(port);
    return port;
  }

  release(port: number): void {
    this.taken.delete(port);
  }
}
