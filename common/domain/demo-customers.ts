// Demo customers offered on intake in the sandbox (valid IDs; sandbox test IDs give fixed outcomes).
export const DEMO_CUSTOMERS = [
  { idNumber: 'A123456789', name: '陳大文', note: { 'zh-TW': '一般借款人', en: 'ordinary borrower' } },
  { idNumber: 'B223456782', name: '林美玲', note: { 'zh-TW': '一般借款人', en: 'ordinary borrower' } },
  { idNumber: 'F128765439', name: '張志強', note: { 'zh-TW': '保證人', en: 'guarantor' } },
  { idNumber: 'H220102032', name: '黃淑芬', note: { 'zh-TW': '信用卡申請人', en: 'credit card applicant' } },
  {
    idNumber: 'T100000007',
    name: '測試退件甲',
    note: { 'zh-TW': 'JCIC 將以「影像無法辨識」退件', en: 'JCIC rejects: form unreadable' },
  },
  {
    idNumber: 'T200000009',
    name: '測試退件乙',
    note: { 'zh-TW': 'JCIC 將以「未簽名」退件', en: 'JCIC rejects: signature missing' },
  },
  {
    idNumber: 'T100000016',
    name: '人工審核丙',
    note: { 'zh-TW': '等待訓練員於模擬審核台人工審核', en: 'waits for the trainer on the operator page' },
  },
] as const;
