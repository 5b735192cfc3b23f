import type { practiceZhTW } from './practice.zh-TW';
import type { Shape } from './shape';

export const practiceEn: Shape<typeof practiceZhTW> = {
  start: 'Practise once with a simulated customer',
  startHint: 'The help stays in a corner of the screen and follows you through one real query on the training desk.',
  title: 'Practice guide',
  end: 'End the practice',
  again: 'Practise again',
  go: 'Go to New case',
  back: 'Back to the practice case',
  addForm: 'Put in a practice form',
  adding: 'Putting in a practice form…',
  steps: {
    open: 'Step 1: under Cases, choose New case to open a practice case.',
    create:
      'Step 1: the simulated customer {{name}} is filled in. Check the purpose and products, then choose Create case.',
    form: "Step 2: the authorization. At work you capture the customer's signed form with the document camera, a scanner or a file; to practise, put in a practice form with the button below.",
    findings:
      'Step 2: the quality check found a problem on the form (see Form quality check). Capture it again while the customer is still at the counter; if it is right, say why and go on.',
    confirm:
      'Step 2: the form is in and the quality check has run. Fill in the signing date and the expiry date, then choose Confirm the form.',
    ask: 'Step 3: choose Ask a supervisor to approve.',
    approve:
      "Step 3: a supervisor approves, at their own PC or at yours by typing their employee ID and password under Supervisor approval (the simulated supervisor's account is on the sign-in screen). The preparer can never approve their own case.",
    sent_back:
      'Step 3: the supervisor sent the case back; the reason is on the case. Change the pages as it says and confirm the form again, or, if it is right as it is, choose Fixed: ask a supervisor to approve again.',
    wait: 'Step 4: sent to JCIC. The desk follows the review by itself; the screen updates on its own.',
    results:
      'Step 5: the data has arrived. Choose View data to read it; every view is recorded, and the data is deleted when its retention ends. Practice complete!',
    ended: 'This practice case has ended ({{state}}). End the practice, or practise again.',
  },
};
