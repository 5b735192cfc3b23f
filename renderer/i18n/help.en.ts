import type { helpZhTW } from './help.zh-TW';

export const helpEn: {
  [K in keyof typeof helpZhTW]: (typeof helpZhTW)[K] extends string ? string : { title: string; body: string }[];
} = {
  open: 'Help',
  title: 'Help: one query from start to end',
  stepOf: 'Step {{n}} of {{of}}',
  next: 'Next',
  back: 'Back',
  skip: 'Skip the help',
  done: 'Done',
  sandbox:
    'This is the training desk (SANDBOX): the data is simulated, so practise freely; nothing goes to the real JCIC.',
  steps: [
    {
      title: '1. Open a case',
      body: "Under Cases choose New case: the customer's ID number and name, their role (borrower, guarantor or enterprise responsible person), the purpose and the products (T50 income, T51 property, T52 labour insurance).",
    },
    {
      title: "2. Get the customer's authorization",
      body: 'The customer signs at the counter with their MOICA card and PIN, or signs the paper form, which you capture with the document camera, a scanner or a file. The quality check points out a blurred page, a missing page or an ID number that does not match while the customer is still there.',
    },
    {
      title: '3. Send it to a supervisor',
      body: 'Confirm the form and send the case for approval. A supervisor never approves a case they prepared; if need be, they approve at your PC with their own sign-in.',
    },
    {
      title: "4. JCIC's review and the data",
      body: 'Once approved, the desk sends the case to JCIC over the VPN and follows the review. When the data arrives, view and print it on the case; every look is on the record.',
    },
    {
      title: '5. The data is deleted on time',
      body: 'Returned data and form images are deleted when the retention window (3 days by default) ends; the case shows the time left.',
    },
  ],
};
