// A second process appending to a desk's audit trail, as a command-line tool does: `node --import
// tsx test/support/append-audit.ts <count>` with the desk's environment. Prints "done <count>".
import { createDesk } from '../../electron/main/desk';
import { loadDeskEnvironment } from '../../electron/main/bootstrap';

const count = Number(process.argv[2] ?? '100');
const desk = createDesk({ ...loadDeskEnvironment(), background: false, dataKey: 'if-available' });
for (let i = 0; i < count; i++)
  desk.services.audit.record({ actor: null, action: 'test.other_process', detail: { i } });
desk.close();
console.log(`done ${count}`);
