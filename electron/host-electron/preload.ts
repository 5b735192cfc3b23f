// Exposes exactly the API contract to the renderer as `window.desk`: one function per call name,
// each forwarding over one IPC channel. Nothing else of Electron or Node reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES } from '../../common/contract';
import { IPC_CHANNEL } from './window-options';

const bridge = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, name, input)]),
);

contextBridge.exposeInMainWorld('desk', Object.freeze(bridge));
