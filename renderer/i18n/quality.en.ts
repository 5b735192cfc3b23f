export const qualityEn = {
  title: 'Form quality check',
  passed: 'The quality check passed: resolution, sharpness, page count and the customer’s ID number',
  open: '{{n}} finding(s) to capture again, or to answer with a reason, before the case can go to a supervisor',
  answer: 'Give a reason',
  reason: 'Reason (the supervisor reads it)',
  save: 'Send the reason',
  cancel: 'Cancel',
  answeredBefore: 'Answered: ',
  answeredAfter: ' ({{by}}, {{at}})',
  forSupervisor: 'The officer answered these findings with a reason: check the images before approving',
};
