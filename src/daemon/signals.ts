/**
 * SIGTERM / SIGINT: the first asks for a clean stop, the second (an impatient operator, or a
 * supervisor's last word) for an immediate exit. `process` is the source in production.
 */
export type StopSignal = "SIGTERM" | "SIGINT";

export interface SignalSource {
  on(event: StopSignal, listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: StopSignal, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface StopHandlers {
  first(signal: StopSignal): void;
  second(signal: StopSignal): void;
}

/** Listens for both signals; returns a function that stops listening. */
export function onStopSignals(source: SignalSource, handlers: StopHandlers): () => void {
  let received = 0;
  const listener = (signal: NodeJS.Signals) => {
    received += 1;
    const name: StopSignal = signal === "SIGINT" ? "SIGINT" : "SIGTERM";
    if (received === 1) handlers.first(name);
    else handlers.second(name);
  };
  source.on("SIGTERM", listener);
  source.on("SIGINT", listener);
  return () => {
    source.off("SIGTERM", listener);
    source.off("SIGINT", listener);
  };
}
