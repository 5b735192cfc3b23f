export const zhTW = {
  app: { title: '分行授權查詢桌面', sandbox: '訓練環境 / SANDBOX', sandboxNote: '未設定 JCIC 連線：使用內建模擬 JCIC，資料皆為測試資料', testClock: '測試時脈模式（僅供自動化測試）', language: 'English' },
  roles: { it_admin: '資訊管理者', officer: '授信經辦', supervisor: '主管' },
  setup: {
    title: '初始設定：建立第一位資訊管理者', intro: '這台桌面尚未有任何帳號。請建立第一位資訊管理者，之後由其新增經辦與主管。',
    submit: '建立管理者並登入',
  },
  fields: { employeeId: '員工編號', name: '姓名', branchCode: '分行代號', role: '角色', password: '密碼', passwordAgain: '再次輸入密碼', passwordHint: '至少 10 個字元，含英文字母與數字' },
  login: { title: '登入', submit: '登入' },
  lock: { title: '畫面已鎖定', intro: '{{name}}（{{employeeId}}）的工作階段已鎖定。請輸入密碼解除鎖定。', unlock: '解除鎖定', switchUser: '改用其他帳號登入' },
  shell: { signedInAs: '{{name}}（{{role}}，分行 {{branch}}）', lockNow: '鎖定畫面', logout: '登出', idleLockAt: '閒置將於 {{time}} 自動鎖定' },
  home: { title: '工作區', desk: '桌面資訊', bank: '銀行代號', branch: '分行代號', version: '版本', notSet: '未設定', jcic: 'JCIC 連線', sandboxJcic: '內建模擬 JCIC（訓練環境）', realJcic: '正式 JCIC' },
  staff: {
    title: '人員管理', add: '新增人員', create: '新增', list: '人員清單', status: '狀態', active: '啟用', disabled: '停用', locked: '鎖定至 {{time}}',
    disable: '停用', enable: '啟用', changeRole: '變更角色', resetPassword: '重設密碼', newPassword: '新密碼', created: '已新增 {{name}}',
    confirmReset: '確定', cancel: '取消', actions: '操作',
  },
  audit: { title: '稽核紀錄', at: '時間', actor: '人員', action: '動作', target: '對象', detail: '內容', more: '載入更早的紀錄' },
  errors: { mismatch: '兩次輸入的密碼不同' },
};
