// A helper process's side of helper-process.ts: messages to and from the desk, whether this runs as
// an Electron utility process (process.parentPort) or a Node child process (process.send).
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export interface ParentChannel {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The desk went away (a Node child's channel closed; a utility process is ended with the app). */
  onDisconnect(listener: () => void): void;
}

export function parentChannel(port = (process as { parentPort?: ParentPort }).parentPort): ParentChannel {
  if (port)
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (event) => listener(event.data)),
      onDisconnect: () => undefined,
    };
  return {
    send: (message) => void process.send?.(message),
    onMessage: (listener) => void process.on('message', listener),
    onDisconnect: (listener) => void process.on('disconnect', listener),
  };
}
